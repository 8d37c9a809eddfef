package dev.rmkit.updater.journal;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledFile;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.plan.ChangeKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A dress rehearsal of the swap, run before the apps are asked to close: one journaled swap of a
 * one-byte file, with a closed app and its drafted journals, through the very code the real swap runs
 * ({@link Transaction}, {@link JournalDrafts}, {@link Swap}, {@link Finisher}, {@link InstallFiles}), on a
 * scratch install at {@code .rmkit/rehearsal/} that it creates and removes. A JVM pays for the first run of
 * any code (classes loaded and linked, lambdas and string concatenations bootstrapped, the first
 * {@code Files.move} and {@code FileChannel.force}): here that is paid before the apps' exit, not between
 * it and their restart.
 *
 * <p>Nothing outside {@code .rmkit/rehearsal/} is touched: the directory is created through
 * {@link InstallFiles} (a link in its place, or at {@code .rmkit}, stops the rehearsal and stays), and the
 * scratch install's own operations are link-checked below it. The crash and pause points are silent
 * meanwhile ({@link TestHooks}). A rehearsal that fails changes nothing and is not reported: it only
 * warms code. A crash's leftover is deleted by the next rehearsal, or an uninstall.
 */
public final class Rehearsal {

    private static final String SHA = "0".repeat(64);

    private Rehearsal() {}

    public static Path dir(InstallLayout layout) {
        return layout.stateDir().resolve("rehearsal");
    }

    /** Rehearses the swap in {@code layout}'s {@code .rmkit/rehearsal/}, then removes it. */
    public static void run(InstallLayout layout, Clock clock) {
        InstallFiles files = layout.files();
        Path root = dir(layout);
        TestHooks.silence(true);
        try {
            files.deleteOwn(root);
            files.createDirectories(root);
            InstallLayout scratch = new InstallLayout(root);
            Journal j = journal(scratch);
            InstallFiles own = scratch.files();
            own.createDirectories(scratch.stagingDir("2"));
            own.write(scratch.resolve("f"), new byte[] {1});
            own.write(scratch.stagingDir("2").resolve("f"), new byte[] {2});
            JournalDrafts drafts = JournalDrafts.write(scratch, j, clock);
            try {
                Transaction.run(scratch, j, clock, Optional.of(() -> { }), Optional.of(() -> { }), drafts);
            } finally {
                drafts.discard();
            }
        } catch (IOException | UpdateException | RuntimeException e) {
            // Only a rehearsal: the swap itself will meet (and report) whatever went wrong here.
        } finally {
            TestHooks.silence(false);
            try {
                files.deleteOwn(root);
                files.sync(); // the journal's directory has no entry change pending when the journal is written
            } catch (IOException e) {
                // a leftover: the next rehearsal, or an uninstall, removes it
            }
        }
    }

    private static Journal journal(InstallLayout scratch) {
        InstalledState after = new InstalledState("rehearsal", "", "2", List.of(new InstalledFile("f", 1, SHA)), "", "");
        return new Journal(Journals.newTxid(), JournalState.PREPARED, "1", "2", "staging/2", "",
                List.of(new JournalStep("f", ChangeKind.REPLACE, 1, SHA)), List.of(), List.of(),
                List.of(new ClosedApp("rehearsal", 1, List.of("rehearsal"), scratch.installDir().toString())), after);
    }
}
