package dev.rmkit.updater.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.manifest.Rollout;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketsTest {

    static final String ID = "0123456789abcdef0123456789abcdef";
    static final String SALT = "00112233445566778899aabbccddeeff";

    @Test
    void theBucketIsTheDocumentedHash() {
        // Computed independently: python3 hashlib.sha256((id + salt).encode()), first 8 bytes big-endian % 10000 / 100.
        assertEquals(56.74, Buckets.bucket(ID, SALT));
        assertEquals(97.08, Buckets.bucket("f".repeat(32), "0".repeat(16)));
    }

    @Test
    void anInstallIsOfferedTheReleaseExactlyWhenItsBucketIsBelowThePercentage() {
        assertFalse(Buckets.offer(Optional.of(new Rollout(56, SALT, false)), ID).offered());
        assertTrue(Buckets.offer(Optional.of(new Rollout(57, SALT, false)), ID).offered());
        assertFalse(Buckets.offer(Optional.of(new Rollout(0, SALT, false)), ID).offered());
        assertTrue(Buckets.offer(Optional.of(new Rollout(100, SALT, false)), ID).offered());
        assertFalse(Buckets.offer(Optional.of(new Rollout(100, SALT, true)), ID).offered(), "halted");
        assertTrue(Buckets.offer(Optional.empty(), ID).offered(), "no rollout: everyone");
        assertEquals("rollout at 56%, this install's bucket is 56.74",
                Buckets.offer(Optional.of(new Rollout(56, SALT, false)), ID).why());
    }

    @Test
    void bucketsAreUniformSoAPercentageReachesThatShareOfAFleet() {
        Random r = new Random(15);
        int n = 100_000;
        int[] below = new int[101];
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[16];
            r.nextBytes(id);
            double b = Buckets.bucket(HexFormat.of().formatHex(id), SALT);
            for (int p = 0; p <= 100; p++) {
                if (b < p) {
                    below[p]++;
                }
            }
        }
        for (int p : new int[] {1, 10, 25, 50, 90}) {
            assertEquals(p / 100.0, below[p] / (double) n, 0.005, p + "%");
        }
        assertEquals(n, below[100]);
        assertEquals(0, below[0]);
    }

    @Test
    void raisingThePercentageOnlyAddsInstalls() {
        Random r = new Random(16);
        for (int i = 0; i < 1000; i++) {
            byte[] id = new byte[16];
            r.nextBytes(id);
            String installId = HexFormat.of().formatHex(id);
            boolean at10 = Buckets.offer(Optional.of(new Rollout(10, SALT, false)), installId).offered();
            boolean at50 = Buckets.offer(Optional.of(new Rollout(50, SALT, false)), installId).offered();
            assertTrue(!at10 || at50, installId);
        }
    }
}
