package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.RestartCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegisteredCommandsTest {

    // Absolute on the OS running the test: "/srv/work" is not absolute on Windows, "D:\\srv\\work" is.
    private static final String APP = FakeProcessApi.IMAGE;
    private static final Path WORK = Path.of("/srv/work").toAbsolutePath();

    @Test
    void anRmkitRegistrationGivesBackArgvAndWorkingDirectory() {
        assertEquals(Optional.of(RestartCommand.of(List.of(APP, "--restore", "a b"), WORK)),
                RegisteredCommands.of(APP, "--restore \"a b\" --rmkit-cwd " + WORK));
    }

    @Test
    void anyOtherRegistrationReportsTheProgramsDirectory() {
        assertEquals(Optional.of(RestartCommand.of(List.of(APP, "/restore"), Path.of(APP).getParent())),
                RegisteredCommands.of(APP, "/restore"));
    }

    @Test
    void aPlatformRoundTripThroughTheFakeProcessApi() {
        FakeProcessApi p = new FakeProcessApi();
        p.registeredArguments = "-x --rmkit-cwd " + WORK;
        assertEquals(List.of(APP, "-x"),
                WindowsPlatform.registeredCommand(p, new dev.rmkit.rm.ProcessId(5, java.time.Instant.EPOCH))
                        .orElseThrow().argv());
    }

    @Test
    void aPidNowUsedByAnotherProcessYieldsNoCommand() {
        FakeProcessApi p = new FakeProcessApi();
        p.registeredArguments = "--delete-everything --rmkit-cwd /tmp";
        p.startFileTime = FileTimes.toFileTime(java.time.Instant.parse("2024-05-05T10:00:00Z"));
        dev.rmkit.rm.ProcessId listed = new dev.rmkit.rm.ProcessId(5, java.time.Instant.parse("2024-05-05T09:00:00Z"));
        assertEquals(Optional.empty(), WindowsPlatform.registeredCommand(p, listed),
                "pid 5 was reused by a process started an hour later: its registration is not the listed app's");
    }
}
