package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Releases;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The install-tree rules of {@code SymlinksInInstallTest}, for the commands of the install's whole life:
 * the kept releases of {@code apply} and {@code rollback}, {@code uninstall}, {@code cancel},
 * {@code verify} and {@code restart-apps}. A link someone put in the install or in {@code .rmkit/} is
 * never followed for a change, never removed, and what it points to outside is never touched.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "creating symbolic links needs a privilege on Windows; runs the"
        + " updater against the Linux backend (testing.Cli)")
class LinksAcrossTheLifecycleTest extends InstalledWithOutside {

    @BeforeEach
    void aUserFile() throws Exception {
        Files.writeString(install.resolve("notes.txt"), "user data");
    }

    private Cli.Run apply(Path manifest, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("apply", "--manifest", manifest.toString(), "--install-dir",
                install.toString(), "--json"));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private Cli.Run run(String command) {
        return cli.run(command, "--install-dir", install.toString(), "--json");
    }

    private Map<String, String> installed(Map<String, String> release) {
        Map<String, String> t = new HashMap<>(release);
        t.put("notes.txt", "user data");
        return feeds.tree(release.equals(ApplyCommandTest.V1) ? "v1" : "v2", t);
    }

    /** Moves {@code rel} (below {@code base}) to {@code outside/name} and leaves a symbolic link to it in its place. */
    private Path moveOutAndLink(Path base, String rel, String name) throws Exception {
        Path target = outside.resolve(name);
        Files.move(base.resolve(rel), target);
        return Files.createSymbolicLink(base.resolve(rel), target);
    }

    private String keptTxid() throws Exception {
        try (Stream<Path> s = Files.list(install.resolve(".rmkit/releases"))) {
            return s.map(p -> p.getFileName().toString()).findFirst().orElseThrow();
        }
    }

    private static void assertNamesTheLink(Cli.Run r, String link) {
        String message = r.json().get("message").asText();
        assertTrue(message.contains("symbolic link") && message.contains(link), message);
    }

    @Test
    void anUpdateDoesNotKeepThePreviousReleaseThroughALinkAtTheReleasesDirectory() throws Exception {
        Path link = Files.createSymbolicLink(install.resolve(".rmkit/releases"), outside);

        Cli.Run r = apply(feeds.publish("2.0.0", ApplyCommandTest.V2));

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertNamesTheLink(r, ".rmkit/releases");
        assertEquals(Map.of(), Trees.snapshot(outside), "nothing was kept where the link points");
        assertTrue(Files.isSymbolicLink(link), "the link stays");
        assertEquals(installed(ApplyCommandTest.V1), Trees.snapshot(install));
    }

    @Test
    void aRollbackWhoseKeptReleaseReachesItsFilesThroughALinkIsRefusedBeforeAnyAppIsAsked() throws Exception {
        assertEquals(0, apply(feeds.publish("2.0.0", ApplyCommandTest.V2)).code());
        Path keptFiles = install.resolve(".rmkit/releases/" + keptTxid() + "/files");
        Path link = moveOutAndLink(keptFiles, "lib", "kept-lib");
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = run("rollback");

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().startsWith("cannot roll back to 1.0.0: "), r.out());
        assertNamesTheLink(r, "lib");
        assertEquals(outsideBefore, Trees.snapshot(outside), "the kept file the link reaches is not moved into the install");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(installed(ApplyCommandTest.V2), Trees.snapshot(install));
        assertEquals("2.0.0", cli.run("status", "--install-dir", install.toString(), "--json").json().get("version")
                .asText());
    }

    @Test
    void aRollbackIsRefusedWhenTheReleasesDirectoryIsALink() throws Exception {
        assertEquals(0, apply(feeds.publish("2.0.0", ApplyCommandTest.V2)).code());
        Path link = moveOutAndLink(install.resolve(".rmkit"), "releases", "releases");
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = run("rollback");

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertNamesTheLink(r, ".rmkit/releases");
        assertEquals(outsideBefore, Trees.snapshot(outside));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(installed(ApplyCommandTest.V2), Trees.snapshot(install));
    }

    @Test
    void uninstallLeavesAUsersDirectoryLinkAndWhatItPointsTo() throws Exception {
        assertEquals(0, apply(feeds.publish("2.0.0", ApplyCommandTest.V2), "--keep-releases", "0").code());
        Path link = moveOutAndLink(install, "lib", "lib");
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = run("uninstall");

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("UNINSTALLED", j.get("outcome").asText());
        assertEquals("[\"bin/burner\"]", j.get("removed").toString());
        assertTrue(j.get("notes").toString().contains("lib/core.jar is reached through lib, a symbolic link: it stays"),
                r.out());
        assertEquals("[\"lib\",\"notes.txt\"]", j.get("leftInPlace").toString());
        assertEquals(outsideBefore, Trees.snapshot(outside), "the files the link reaches are not the install's");
        assertTrue(Files.isSymbolicLink(link), "the user's link stays");
        assertEquals(Map.of("core.jar", Releases.sha256("core 2.0"), "new.jar", Releases.sha256("new in 2.0")),
                Trees.snapshot(outside.resolve("lib")));
        assertFalse(Files.exists(install.resolve(".rmkit")), "the updater's own state is gone");
    }

    @Test
    void cancelLeavesALinkWhereTheStagedReleaseWasAndWhatItPointsTo() throws Exception {
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), apply(m).code());
        Path link = moveOutAndLink(install.resolve(".rmkit/staging"), "2.0.0", "staged");
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = run("cancel");

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("CANCELLED", r.json().get("outcome").asText());
        assertEquals(outsideBefore, Trees.snapshot(outside));
        assertTrue(Files.isSymbolicLink(link), "a link the updater did not make stays");
        assertEquals(installed(ApplyCommandTest.V1), Trees.snapshot(install));
        assertFalse(Files.exists(install.resolve(".rmkit/journal.json")));
    }

    @Test
    void verifyDoesNotReadAManagedFileThroughADirectoryLink() throws Exception {
        moveOutAndLink(install, "lib", "lib");

        Cli.Run r = run("verify");

        assertEquals(ExitCode.MISMATCH.code(), r.code(), r.out() + r.err());
        assertEquals("lib/core.jar", r.json().get("changed").get(0).get("path").asText(), r.out());
        assertTrue(r.json().get("changed").get(0).get("difference").asText().startsWith("reached through lib, a symbolic"
                + " link"), r.out());
    }

    @Test
    void restartAppsRefusesARecordThatIsALinkAndLeavesIt() throws Exception {
        Path elsewhere = Files.writeString(outside.resolve("apps.json"), "{\"apps\":[{\"name\":\"x\",\"pid\":1,"
                + "\"argv\":[\"/bin/touch\",\"" + outside.resolve("started") + "\"],\"workingDirectory\":\"/\"}]}");
        Path link = Files.createSymbolicLink(install.resolve(".rmkit/apps-left-closed.json"), elsewhere);
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = run("restart-apps");

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertNamesTheLink(r, "apps-left-closed.json");
        assertTrue(Files.isSymbolicLink(link), "the link stays, not replaced by a record of the updater's");
        assertEquals(outsideBefore, Trees.snapshot(outside), "nothing was started, the file it points to is unchanged");
    }
}
