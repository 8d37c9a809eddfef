package dev.rmkit.updater.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallIdTest {

    @Test
    void createdOnFirstUseAndStableAfterwards(@TempDir Path tmp) throws Exception {
        InstallLayout a = new InstallLayout(tmp.resolve("a"));
        assertEquals(Optional.empty(), InstallId.read(a), "reading never creates");
        String id = InstallId.of(a);
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals(id, InstallId.of(a));
        assertEquals(Optional.of(id), InstallId.read(a));
        assertEquals(id + "\n", Files.readString(a.installIdFile()));
        assertNotEquals(id, InstallId.of(new InstallLayout(tmp.resolve("b"))), "each install its own");
    }

    @Test
    void aDamagedIdIsAnErrorNotASilentNewBucket(@TempDir Path tmp) throws Exception {
        InstallLayout a = new InstallLayout(tmp);
        Files.createDirectories(a.stateDir());
        Files.writeString(a.installIdFile(), "not an id\n");
        IOException e = assertThrows(IOException.class, () -> InstallId.of(a));
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }
}
