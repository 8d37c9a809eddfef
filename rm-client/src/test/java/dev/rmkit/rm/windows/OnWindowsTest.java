package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.RestartSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only real Windows can show. These have never run in rmkit's own (Linux) build; the CI matrix
 * runs them on windows-latest for those who fork (docs/windows.md).
 */
@EnabledOnOs(OS.WINDOWS)
class OnWindowsTest {

    @Test
    void aSessionStartsWithAThirtyTwoCharacterKeyAndEnds() throws Exception {
        try (RestartSession s = new WindowsPlatform().startSession()) {
            assertEquals(32, s.key().length(), s.key());
            assertTrue(s.list().apps().isEmpty());
        }
    }

    @Test
    void aFileHeldOpenByAChildProcessShowsUpInRmGetList(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("held.txt"), "held");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java.exe");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HoldFileOpen.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("holding", out.readLine());
            try (RestartSession s = new WindowsPlatform().startSession()) {
                s.registerFiles(List.of(file));
                List<AffectedApp> apps = s.list().apps();
                assertTrue(apps.stream().anyMatch(a -> a.process().pid() == child.pid()), apps.toString());
            }
        } finally {
            child.getOutputStream().close();
            child.destroy();
            child.waitFor();
        }
    }

    @Test
    void registerApplicationRestartRoundTripsThroughGetApplicationRestartSettings() {
        JnaProcessApi api = new JnaProcessApi();
        String args = "--restore \"C:\\state dir\\s.json\" --rmkit-cwd C:\\work";
        assertEquals(0, api.registerApplicationRestart(args, 4));
        try {
            assertEquals(Optional.of(args), api.restartRegistration(ProcessHandle.current().pid())
                    .map(ProcessApi.Registration::arguments));
        } finally {
            assertEquals(0, api.unregisterApplicationRestart());
        }
    }
}
