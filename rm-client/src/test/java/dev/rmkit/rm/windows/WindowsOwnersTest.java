package dev.rmkit.rm.windows;

import static dev.rmkit.rm.windows.FakeTokenApi.ALICE;
import static dev.rmkit.rm.windows.FakeTokenApi.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.TokenApi.Identity;
import dev.rmkit.rm.windows.TokenApi.ProcessToken;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 7 of issue 13: who an app runs as, and starting it again as that user — never elevated, never
 * with the updater's own token when the updater is someone else or elevated.
 */
class WindowsOwnersTest {

    @TempDir
    Path work;
    private final FakeTokenApi tokens = new FakeTokenApi();
    private final WindowsOwners owners = new WindowsOwners(tokens);
    private final Instant started = Instant.parse("2025-01-02T03:04:05.1234567Z");

    private RestartCommand command() {
        return RestartCommand.of(List.of("C:\\Apps\\burner.exe", "--restore", "C:\\state dir\\s.json"), work);
    }

    private static AppOwner owner(String sid, int session, boolean elevated) {
        return new AppOwner(sid, elevated ? "elevated" : "", Integer.toString(session), Map.of());
    }

    @Test
    void theOwnerIsTheTokensUserSessionAndElevation() {
        tokens.processes.put(42L, new ProcessToken(FileTimes.toFileTime(started), new Identity(ALICE, false, 2)));
        assertEquals(Optional.of(owner(ALICE, 2, false)), owners.ownerOf(new ProcessId(42, started)));
        tokens.processes.put(43L, new ProcessToken(FileTimes.toFileTime(started), new Identity(ALICE, true, 2)));
        assertEquals("elevated", owners.ownerOf(new ProcessId(43, started)).orElseThrow().group());
    }

    @Test
    void aReusedPidHasNoOwner() {
        tokens.processes.put(42L, new ProcessToken(FileTimes.toFileTime(started.plusSeconds(1)), new Identity(BOB, false, 3)));
        assertEquals(Optional.empty(), owners.ownerOf(new ProcessId(42, started)));
        assertEquals(Optional.empty(), owners.ownerOf(new ProcessId(77, started)), "gone");
    }

    @Test
    void theOwnerItselfUnelevatedStartsWithItsOwnToken() throws RmException {
        ProcessId p = owners.startAs(owner(ALICE, 1, false), command());
        assertEquals(9000, p.pid());
        assertEquals(List.of("OWN_TOKEN session 1 as " + ALICE + ": C:\\Apps\\burner.exe --restore \"C:\\state dir\\s.json\" in "
                + work), tokens.starts);
    }

    @Test
    void anElevatedUpdaterStartsTheAppWithTheShellsUnelevatedTokenNeverItsOwn() throws RmException {
        tokens.self = new Identity(ALICE, true, 1);
        owners.startAs(owner(ALICE, 1, false), command());
        assertTrue(tokens.starts.get(0).startsWith("SHELL_TOKEN session 1 as " + ALICE), tokens.starts.toString());
    }

    @Test
    void credentialsTypedAtTheUacPromptDoNotMakeTheUsersAppRunAsTheAdmin() throws RmException {
        tokens.self = new Identity(BOB, true, 1); // Bob's credentials, typed into Alice's session
        owners.startAs(owner(ALICE, 1, false), command());
        assertTrue(tokens.starts.get(0).startsWith("SHELL_TOKEN session 1 as " + ALICE), tokens.starts.toString());
    }

    @Test
    void anElevatedUpdaterRefusesWhenTheShellIsNotTheOwners() {
        tokens.self = new Identity(BOB, true, 1);
        tokens.shell = Optional.of(new Identity(BOB, false, 1));
        RmException e = assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 1, false), command()));
        assertTrue(e.getMessage().contains("is not the app's owner"), e.getMessage());
        tokens.shell = Optional.of(new Identity(ALICE, true, 1));
        e = assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 1, false), command()));
        assertTrue(e.getMessage().contains("elevated"), e.getMessage());
        tokens.shell = Optional.empty();
        assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 1, false), command()));
        assertEquals(List.of(), tokens.starts);
    }

    @Test
    void localSystemStartsTheAppInItsSessionAsTheUserLoggedOnThere() throws RmException {
        tokens.self = new Identity(TokenApi.LOCAL_SYSTEM, true, 0);
        tokens.sessionUsers.put(2, new Identity(ALICE, false, 2));
        owners.startAs(owner(ALICE, 2, false), command());
        assertTrue(tokens.starts.get(0).startsWith("SESSION_USER_TOKEN session 2 as " + ALICE), tokens.starts.toString());
    }

    @Test
    void localSystemRefusesWhenSomeoneElseIsLoggedOnToThatSessionNowOrNobodyIs() {
        tokens.self = new Identity(TokenApi.LOCAL_SYSTEM, true, 0);
        tokens.sessionUsers.put(2, new Identity(BOB, false, 2));
        assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 2, false), command()));
        RmException e = assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 3, false), command()));
        assertEquals(1008, e.errorCode());
        assertEquals(List.of(), tokens.starts);
    }

    @Test
    void anotherUsersAppOrOneInAnotherSessionIsRefusedToAnUnelevatedUpdater() {
        assertThrows(RmException.class, () -> owners.startAs(owner(BOB, 1, false), command()));
        assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 2, false), command()));
        assertEquals(List.of(), tokens.starts);
    }

    @Test
    void anAppThatRanElevatedIsNeverStartedAgainByRmkit() {
        tokens.self = new Identity(ALICE, true, 1);
        RmException e = assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 1, true), command()));
        assertTrue(e.getMessage().contains("never started elevated"), e.getMessage());
        assertEquals(List.of(), tokens.starts);
    }

    @Test
    void anOwnerThatIsNotWindowsOrACommandWithoutAFullPathIsRefused() {
        assertThrows(RmException.class, () -> owners.startAs(new AppOwner("1000", "1000", "/run/user/1000", Map.of()),
                command()));
        assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 1, false),
                RestartCommand.of(List.of("burner.exe"), work)));
        assertThrows(RmException.class, () -> owners.startAs(owner(ALICE, 1, false),
                RestartCommand.of(List.of("C:\\Apps\\burner.exe"), work.resolve("gone"))));
        assertEquals(List.of(), tokens.starts);
    }
}
