package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.report.History;
import dev.rmkit.updater.report.UpdateReport;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.DurabilityAudit;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Strace;
import dev.rmkit.updater.testing.SyscallTrace;
import dev.rmkit.updater.testing.Trees;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real apply under {@code strace}, its system calls checked against the ordering rules a power cut
 * must not break ({@link DurabilityAudit}): a fresh install, then an update that replaces an
 * executable, creates nested directories and removes a file (and keeps the release it replaced); a
 * rollback to that kept release; an uninstall; and an {@code updater auto} run that updates (its
 * remembered state and its history line included).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "strace is a Linux tool")
class ApplyDurabilityIT {

    static final Map<String, String> V1 = Map.of("bin/burner", "#!/bin/sh\necho 1.0\n", "lib/core.jar", "core 1.0",
            "conf/old.conf", "old setting");
    static final Map<String, String> V2 = Map.of("bin/burner", "#!/bin/sh\necho 2.0\n", "lib/core.jar", "core 2.0",
            "lib/ext/deep/new.jar", "new in 2.0");

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;

    @BeforeAll
    static void needsStrace() {
        assumeTrue(Strace.available(), "needs strace (apt-get install strace) with permission to trace");
    }

    @BeforeEach
    void publisherAndInstall() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
    }

    private List<String> tracedApply(Path manifest, String name) throws Exception {
        return traced(name, "apply", "--manifest", manifest.toString(), "--install-dir", install.toString(),
                "--trust", feeds.publicKey().toString());
    }

    /** Runs one updater command under strace; it must succeed; returns the audit's violations. */
    private List<String> traced(String name, String... args) throws Exception {
        return audited(tmp.resolve(name + ".strace"), startTraced(name, args).await());
    }

    private UpdaterProcess startTraced(String name, String... args) throws Exception {
        return UpdaterProcess.start(Strace.logging(tmp.resolve(name + ".strace"), Strace.FILE_CALLS), Map.of(),
                Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString()), args);
    }

    private List<String> audited(Path log, UpdaterProcess.Result r) throws Exception {
        assertEquals(0, r.code(), r.out() + r.err());
        List<SyscallTrace.Call> calls = Strace.calls(log);
        assertTrue(calls.stream().anyMatch(c -> c.name().startsWith("rename")), "the log shows the swap: " + log);
        return DurabilityAudit.check(install.toString(), calls);
    }

    @Test
    void aFreshInstallAndAnUpdateKeepDataBeforeRenamesAndEntriesBeforeTheJournal() throws Exception {
        List<String> fresh = tracedApply(feeds.publish("1.0.0", V1, Set.of("bin/burner")), "fresh");
        List<String> update = tracedApply(feeds.publish("2.0.0", V2, Set.of("bin/burner")), "update");

        assertTrue(fresh.isEmpty() && update.isEmpty(), "fresh install:\n" + String.join("\n", fresh)
                + "\nupdate:\n" + String.join("\n", update));
        assertEquals(feeds.tree("v2", V2), Trees.snapshot(install));
        assertTrue(Files.isExecutable(install.resolve("bin/burner")));
    }

    /**
     * An update that closes an app and starts it again right after the commit record, before installed.json
     * (its record {@code .rmkit/apps-restarted} written in between, not fsync'd, and gone by the end).
     */
    @Test
    void anUpdateThatRestartsAnAppKeepsTheRules() throws Exception {
        updateRestartingAnApp(List.of());
    }

    /**
     * As above, with an app that takes longer to close than the drafted commit record stays fresh
     * ({@code JournalDrafts.FRESH}): the COMMITTED journal is then written afresh and its draft deleted, and that
     * deletion must not be left undurable behind the journal record (it was, found on a loaded machine).
     */
    @Test
    void anUpdateWhoseAppTakesLongToCloseKeepsTheRules() throws Exception {
        updateRestartingAnApp(List.of("--end-delay", "2500")); // JournalDrafts.FRESH is 2 s
    }

    private void updateRestartingAnApp(List<String> appArgs) throws Exception {
        assertEquals(List.of(), tracedApply(feeds.publish("1.0.0", V1, Set.of("bin/burner")), "v1"));
        Path started = tmp.resolve("started.txt");
        List<String> argv = new java.util.ArrayList<>(List.of("--hold", install.resolve("lib/core.jar").toString(),
                "--started", started.toString()));
        argv.addAll(appArgs);
        try (JavaProcess app = JavaProcess.start(CooperatingTestApp.class, argv,
                tmp, Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString())).awaitReady()) {
            Files.delete(started);

            UpdaterProcess run = startTraced("update-app", "apply", "--manifest", feeds.publish("2.0.0", V2,
                    Set.of("bin/burner")).toString(), "--install-dir", install.toString());

            // strace -f follows the restarted app too, and ends only with it: stopped once the run reported.
            JavaProcess.await(() -> lines(started).size() > 1 && Files.exists(install.resolve(".rmkit/last-report.json"))
                    && lines(install.resolve(".rmkit/last-report.json")).stream().anyMatch(l -> l.contains("2.0.0")),
                    Duration.ofSeconds(60), "the app to start again and the run to end");
            ProcessHandle.of(Long.parseLong(lines(started).get(0))).ifPresent(ProcessHandle::destroyForcibly);
            List<String> update = audited(tmp.resolve("update-app.strace"), run.await());
            assertEquals(List.of(), update);
            assertEquals(feeds.tree("v2", V2), Trees.snapshot(install));
            assertFalse(Files.exists(install.resolve(".rmkit/apps-restarted")));
        }
    }

    @Test
    void aRollbackAndAnUninstallKeepEntriesBeforeTheJournal() throws Exception {
        assertEquals(List.of(), tracedApply(feeds.publish("1.0.0", V1, Set.of("bin/burner")), "v1"));
        Path v2 = feeds.publish("2.0.0", V2, Set.of("bin/burner"));
        assertEquals(List.of(), tracedApply(v2, "v2"), "an update that keeps the release it replaces");

        List<String> rollback = traced("rollback", "rollback", "--install-dir", install.toString());
        assertEquals(feeds.tree("v1", V1), Trees.snapshot(install));
        assertEquals(List.of(), tracedApply(v2, "v2-again"));
        List<String> uninstall = traced("uninstall", "uninstall", "--install-dir", install.toString());

        assertTrue(rollback.isEmpty() && uninstall.isEmpty(), "rollback:\n" + String.join("\n", rollback)
                + "\nuninstall:\n" + String.join("\n", uninstall));
        assertFalse(Files.exists(install), "nothing was left in it");
    }

    @Test
    void anAutoRunThatUpdatesKeepsTheRulesAndLeavesItsStateAndHistoryDurable() throws Exception {
        assertEquals(List.of(), tracedApply(feeds.publish("1.0.0", V1, Set.of("bin/burner")), "v1"));
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \""
                + feeds.publish("2.0.0", V2, Set.of("bin/burner")) + "\", \"timeZone\": \"UTC\"}");

        List<String> auto = traced("auto", "auto", "--install-dir", install.toString(), "--policy",
                policy.toString());

        assertEquals(List.of(), auto);
        assertEquals(feeds.tree("v2", V2), Trees.snapshot(install));
        assertTrue(Files.isRegularFile(install.resolve(".rmkit/auto.json")));
        History.Lines history = History.read(new InstallLayout(install));
        assertEquals(List.of("apply", "auto"), history.runs().stream().map(UpdateReport::command).toList());
        assertEquals(0, history.unreadable());
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
