package dev.rmkit.updater.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.publish.KeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {

    @TempDir Path tmp;

    @Test
    void missingInstallIsEmptyAndTrustsNothing() throws Exception {
        TrustStore store = TrustStore.open(tmp.resolve("no-such-install"));
        assertTrue(store.isEmpty());
        assertTrue(store.keys().isEmpty());
    }

    @Test
    void pinsTheFirstKeyUnderItsKeyId() throws Exception {
        KeyGenerator.Generated g = KeyGenerator.generate(tmp.resolve("k"));
        TrustStore store = TrustStore.open(tmp.resolve("install"));
        store.pinIfEmpty(g.publicKey());
        assertFalse(store.isEmpty());
        assertEquals(Set.of(g.keyId()), store.keys().keySet());
        assertTrue(Files.isRegularFile(tmp.resolve("install/.rmkit/trust/" + g.keyId() + ".pub")));
    }

    @Test
    void pinningTheSameKeyAgainChangesNothing() throws Exception {
        KeyGenerator.Generated g = KeyGenerator.generate(tmp.resolve("k"));
        TrustStore store = TrustStore.open(tmp.resolve("install"));
        store.pinIfEmpty(g.publicKey());
        store.pinIfEmpty(g.publicKey());
        try (var s = Files.list(store.directory())) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aDifferentKeyOnAPinnedInstallIsRejectedAndNotAdded() throws Exception {
        KeyGenerator.Generated first = KeyGenerator.generate(tmp.resolve("a"));
        KeyGenerator.Generated other = KeyGenerator.generate(tmp.resolve("b"));
        TrustStore store = TrustStore.open(tmp.resolve("install"));
        store.pinIfEmpty(first.publicKey());
        UpdateException e = assertThrows(UpdateException.class, () -> store.pinIfEmpty(other.publicKey()));
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().startsWith("unknown key"), e.getMessage());
        assertEquals(Set.of(first.keyId()), store.keys().keySet());
    }

    @Test
    void aTrustFileThatIsNotAPublicKeyIsBadUsage() throws Exception {
        KeyGenerator.Generated g = KeyGenerator.generate(tmp.resolve("k"));
        TrustStore store = TrustStore.open(tmp.resolve("install"));
        UpdateException e = assertThrows(UpdateException.class, () -> store.pinIfEmpty(g.privateKey()));
        assertEquals(ExitCode.USAGE, e.exitCode());
        e = assertThrows(UpdateException.class, () -> store.pinIfEmpty(tmp.resolve("missing.pub")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(store.isEmpty());
        assertFalse(Files.exists(tmp.resolve("install")));
    }

    @Test
    void aDamagedTrustedKeyIsRejected() throws Exception {
        Path dir = tmp.resolve("install/.rmkit/trust");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("x.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        UpdateException e = assertThrows(UpdateException.class, () -> TrustStore.open(tmp.resolve("install")).keys());
        assertEquals(ExitCode.REJECTED, e.exitCode());
    }
}
