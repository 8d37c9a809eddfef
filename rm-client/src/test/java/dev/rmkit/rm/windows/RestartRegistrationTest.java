package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RestartArgs;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.RmException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestartRegistrationTest {

    private static final Path CWD = Path.of("/work/dir with space").toAbsolutePath();

    @Test
    void registersTheArgumentsWithoutTheProgramAndCarriesTheWorkingDirectoryLast() throws RmException {
        RestartCommand cmd = RestartCommand.of(List.of("javaw.exe", "-cp", "app.jar", "Main", "--restore", "s 1.json"), CWD);
        String args = RestartRegistration.arguments(cmd);
        assertEquals(List.of("-cp", "app.jar", "Main", "--restore", "s 1.json", "--rmkit-cwd", CWD.toString()),
                CommandLines.parseArguments(args));
        RestartArgs.Consumed c = RestartArgs.consumeWorkingDirectory(
                CommandLines.parseArguments(args).subList(3, 7).toArray(String[]::new));
        assertEquals(List.of("--restore", "s 1.json"), c.args());
        assertEquals(CWD, c.workingDirectory().orElseThrow());
    }

    @Test
    void exactly1024CharactersAreAcceptedAnd1025AreRefusedWithTheLength() throws RmException {
        String base = RestartRegistration.arguments(RestartCommand.of(List.of("app", "x"), CWD));
        // Growing the one-character argument "x" to pad characters makes the string pad - 1 longer.
        int pad = 1024 - base.length() + 1;
        String ok = RestartRegistration.arguments(RestartCommand.of(List.of("app", "x".repeat(pad)), CWD));
        assertEquals(1024, ok.length());
        RmException e = assertThrows(RmException.class,
                () -> RestartRegistration.arguments(RestartCommand.of(List.of("app", "x".repeat(pad + 1)), CWD)));
        assertEquals("RegisterApplicationRestart", e.operation());
        assertTrue(e.getMessage().contains("1025 characters"), e.getMessage());
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void flagsBecomeTheRestartNoMask() {
        RestartCommand cmd = new RestartCommand(List.of("app"), CWD, Set.of(RestartFlag.NO_PATCH, RestartFlag.NO_CRASH));
        assertEquals(5, RestartRegistration.flags(cmd));
    }

    @Test
    void aNulInAnArgumentIsRefused() {
        assertThrows(RmException.class, () -> RestartRegistration.arguments(RestartCommand.of(List.of("app", "a\0b"), CWD)));
    }
}
