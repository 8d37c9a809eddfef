package dev.rmkit.rm.linux.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class RuntimeDirTest {

    @TempDir Path tmp;

    @EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX absolute paths (/run/user, /tmp)")
    @Test
    void locationFollowsOverrideThenXdgThenTemp() {
        Path t = Path.of("/tmp");
        assertEquals(Path.of("/x/own"), RuntimeDir.locate(Map.of("RMKIT_RUNTIME_DIR", "/x/own", "XDG_RUNTIME_DIR", "/run/user/5"), t, 5));
        assertEquals(Path.of("/run/user/5/rmkit"), RuntimeDir.locate(Map.of("XDG_RUNTIME_DIR", "/run/user/5"), t, 5));
        assertEquals(Path.of("/tmp/rmkit-5"), RuntimeDir.locate(Map.of(), t, 5));
        assertEquals(Path.of("/tmp/rmkit-5"), RuntimeDir.locate(Map.of("XDG_RUNTIME_DIR", "relative"), t, 5));
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX file modes")
    @Test
    void createsPrivateDirectories() throws Exception {
        Path dir = RuntimeDir.prepare(tmp.resolve("rt"));
        for (Path d : new Path[] {dir, dir.resolve("apps"), dir.resolve("sessions")}) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        }
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX file modes")
    @Test
    void refusesADirectoryOthersCanEnter() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        RmException e = assertThrows(RmException.class, () -> RuntimeDir.prepare(dir));
        assertTrue(e.getMessage().contains("0750"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("apps")), "nothing is created in a refused directory");
    }

    @Test
    void modeRulesNameTheProblem() {
        assertEquals(Optional.empty(), FileModes.privateDirProblem(7, new FileModes.Owner(7, 7, 040700)));
        assertTrue(FileModes.privateDirProblem(7, new FileModes.Owner(8, 7, 040700)).orElseThrow().contains("uid 8"));
        assertTrue(FileModes.privateDirProblem(7, new FileModes.Owner(7, 7, 040701)).orElseThrow().contains("0701"));
    }
}
