package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A usage error exits with the exit-code table's value for the OS, in a subcommand as well as at the
 * top: 87 (ERROR_INVALID_PARAMETER) on Windows, 2 elsewhere. The child updater is told its OS through
 * {@code os.name}, which is all ExitCode reads, so both halves run on every OS.
 */
class UsageExitCodeTest {

    @Test
    void aSubcommandsUsageErrorExits87OnWindows() throws Exception {
        UpdaterProcess.Result r = UpdaterProcess.run(Map.of("os.name", "Windows 11"), Map.of(), "keygen");
        assertEquals(ExitCode.USAGE.windows(), r.code(), r.err());
        assertTrue(r.err().contains("--out"), r.err());
    }

    @Test
    void aSubcommandsUsageErrorExits2OnLinux() throws Exception {
        UpdaterProcess.Result r = UpdaterProcess.run(Map.of("os.name", "Linux"), Map.of(), "keygen");
        assertEquals(ExitCode.USAGE.posix(), r.code(), r.err());
    }
}
