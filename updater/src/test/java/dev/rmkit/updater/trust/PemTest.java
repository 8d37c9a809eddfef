package dev.rmkit.updater.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void encodesAndDecodesDer() {
        byte[] der = new byte[100];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) i;
        }
        String pem = Pem.encode(Pem.PUBLIC_KEY, der);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertArrayEquals(der, Pem.decode(Pem.PUBLIC_KEY, "comment line\n" + pem.replace("\n", "\r\n")).orElseThrow());
    }

    @Test
    void wrongLabelOrGarbageDecodesToEmpty() {
        String pem = Pem.encode(Pem.PRIVATE_KEY, new byte[] {1, 2, 3});
        assertTrue(Pem.decode(Pem.PUBLIC_KEY, pem).isEmpty());
        assertTrue(Pem.decode(Pem.PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----").isEmpty());
        assertTrue(Pem.decode(Pem.PUBLIC_KEY, "nothing here").isEmpty());
    }

    @Test
    void keyIdIsSixteenHexOfTheSpkiHash() {
        KeyPair pair = Ed25519Keys.generate();
        String id = KeyId.of(pair.getPublic());
        assertTrue(KeyId.isWellFormed(id), id);
        assertEquals(id, KeyId.of(pair.getPublic().getEncoded()));
        // Known vector: SHA-256 of the empty input starts with e3b0c44298fc1c14.
        assertEquals("e3b0c44298fc1c14", KeyId.of(new byte[0]));
    }
}
