package dev.rmkit.updater.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.UpdateException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignatureFileTest {

    @Test
    void roundTripsAndVerifiesOverTheExactBytes() throws Exception {
        KeyPair pair = Ed25519Keys.generate();
        byte[] data = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        SignatureFile sig = new SignatureFile(KeyId.of(pair.getPublic()), "Ed25519", Ed25519Keys.sign(pair.getPrivate(), data));
        SignatureFile back = SignatureFile.parse(sig.toJson());
        assertEquals(sig.keyId(), back.keyId());
        assertArrayEquals(sig.signature(), back.signature());
        assertTrue(Ed25519Keys.verify(pair.getPublic(), data, back.signature()));
        data[2] ^= 1;
        assertTrue(!Ed25519Keys.verify(pair.getPublic(), data, back.signature()));
    }

    @Test
    void derivesThePublicKeyOfAPrivateKey() throws Exception {
        KeyPair pair = Ed25519Keys.generate();
        assertArrayEquals(pair.getPublic().getEncoded(), Ed25519Keys.publicKeyOf(pair.getPrivate()).getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[]",
        "{\"keyId\":\"0123456789abcdef\",\"algorithm\":\"Ed25519\"}",
        "{\"keyId\":\"0123456789ABCDEF\",\"algorithm\":\"Ed25519\",\"signature\":\"AAAA\"}",
        "{\"keyId\":\"0123456789abcdef\",\"algorithm\":\"RSA\",\"signature\":\"AAAA\"}",
        "{\"keyId\":\"0123456789abcdef\",\"algorithm\":\"Ed25519\",\"signature\":\"@@@\"}",
        "{\"keyId\":\"0123456789abcdef\",\"algorithm\":\"Ed25519\",\"signature\":\"AAAA\"}",
        "{\"keyId\":\"0123456789abcdef\",\"keyId\":\"0123456789abcdef\",\"algorithm\":\"Ed25519\",\"signature\":\"AAAA\"}",
        "{\"keyId\":\"0123456789abcdef\",\"algorithm\":\"Ed25519\",\"signature\":\"AAAA\",\"extra\":1}"
    })
    void malformedSignatureFilesAreRejectedAsUnparsable(String text) {
        UpdateException.Rejected e = assertThrows(UpdateException.Rejected.class,
                () -> SignatureFile.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("unparsable signature file"), e.getMessage());
    }
}
