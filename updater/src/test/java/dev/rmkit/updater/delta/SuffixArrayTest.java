package dev.rmkit.updater.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The suffix sort against a naive one, and the longest-match search against a brute-force one. */
class SuffixArrayTest {
    private static int[] naive(byte[] s) {
        return IntStream.rangeClosed(0, s.length).boxed()
                .sorted((a, b) -> Arrays.compareUnsigned(s, a, s.length, s, b, s.length))
                .mapToInt(Integer::intValue).toArray();
    }

    private static byte[][] inputs() {
        Random r = new Random(5);
        byte[] random = new byte[3000];
        r.nextBytes(random);
        byte[] periodic = new byte[2500];
        for (int i = 0; i < periodic.length; i++) {
            periodic[i] = (byte) (i % 3 == 0 ? 0x80 : i % 7);
        }
        return new byte[][] {new byte[0], {7}, new byte[2000], random, periodic, ZipPatches.text(4000, 9)};
    }

    @Test
    void sortsLikeANaiveSort() {
        for (byte[] s : inputs()) {
            SuffixArray sa = SuffixArray.of(s);
            int[] got = IntStream.rangeClosed(0, s.length).map(sa::at).toArray();
            assertArrayEquals(naive(s), got, "input of " + s.length + " bytes");
        }
    }

    @Test
    void findsTheLongestMatch() {
        Random r = new Random(6);
        for (byte[] s : inputs()) {
            SuffixArray sa = SuffixArray.of(s);
            byte[] cur = ZipPatches.text(500, 3);
            if (s.length > 600) {
                System.arraycopy(s, 100, cur, 0, 300); // a long match at the start
            }
            for (int at = 0; at < cur.length; at += 1 + r.nextInt(7)) {
                int best = 0;
                for (int p = 0; p < s.length; p++) {
                    int m = Arrays.mismatch(s, p, s.length, cur, at, cur.length);
                    best = Math.max(best, m < 0 ? Math.min(s.length - p, cur.length - at) : m);
                }
                int len = sa.longestMatch(cur, at);
                assertEquals(best, len, "at " + at + " of an input of " + s.length);
                int p = sa.matchPos();
                assertEquals(-1, Arrays.mismatch(s, p, p + len, cur, at, at + len));
            }
        }
    }
}
