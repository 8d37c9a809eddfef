package dev.rmkit.updater.apply;

import dev.rmkit.updater.Problems;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.apps.LeftClosed;
import dev.rmkit.updater.auto.AutoStateFile;
import dev.rmkit.updater.auto.Words;
import dev.rmkit.updater.apps.Shown;
import dev.rmkit.updater.install.CorruptStateFile;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalStore;
import dev.rmkit.updater.journal.Swap;
import dev.rmkit.updater.report.LastReport;
import dev.rmkit.updater.report.UpdateReport;
import dev.rmkit.updater.rollout.InstallId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the install's state without changing it and without taking the lock (taking it, even
 * briefly, could make a starting apply exit busy).
 */
public final class StatusReader {

    private StatusReader() {}

    /** @throws UpdateException.Usage if the directory does not exist */
    public static Status read(Path installDir) throws UpdateException {
        InstallLayout layout = new InstallLayout(installDir);
        if (!Files.isDirectory(layout.installDir())) {
            throw new UpdateException.Usage("no such install directory: " + layout.installDir());
        }
        Optional<InstalledState> i;
        Optional<Journal> j;
        try {
            i = InstalledStore.read(layout);
        } catch (IOException e) {
            throw UpdateException.stateUnreadable(layout.installedFile().toString(), e);
        }
        try {
            j = JournalStore.read(layout);
        } catch (IOException e) {
            throw UpdateException.stateUnreadable(layout.journalFile().toString(), e);
        }
        // The last report only informs: a damaged one is shown as such and never stops status.
        Optional<UpdateReport> last;
        String lastProblem = "";
        try {
            last = LastReport.read(layout);
        } catch (IOException e) {
            last = Optional.empty();
            lastProblem = e instanceof CorruptStateFile ? e.getMessage() : Problems.describe(e);
        }
        // So does what auto remembers: status is where one looks when it is damaged.
        Optional<AutoStateFile.Stored> auto;
        String autoSummary;
        try {
            auto = AutoStateFile.read(layout);
            autoSummary = auto.map(a -> Words.summary(a.state(), a.zone())).orElse("");
        } catch (IOException e) {
            auto = Optional.empty();
            autoSummary = "unreadable (" + (e instanceof CorruptStateFile ? e.getMessage() : Problems.describe(e)) + ")";
        }
        try {
            String pending = j.map(x -> switch (x.state()) {
                case PREPARED -> launched(layout, x) ? "committed" : "interrupted";
                case COMMITTED -> "committed";
                case PENDING_REBOOT, PENDING_BOOT_RENAMES -> "reboot";
            }).orElse("none");
            return new Status(layout.installDir().toString(), i.isPresent(),
                    i.map(InstalledState::product).orElse(""), i.map(InstalledState::channel).orElse(""),
                    i.map(InstalledState::version).orElse(""), i.map(x -> x.files().size()).orElse(0),
                    i.map(x -> missing(layout, x)).orElse(0),
                    i.map(InstalledState::keyId).orElse(""), i.map(InstalledState::installedAt).orElse(""),
                    pending, j.map(Journal::toVersion).orElse(""), staged(layout),
                    LeftClosed.read(layout).stream().map(a -> Shown.argv(List.of(a.name())) + " (pid " + a.pid() + ")").toList(),
                    last.map(r -> r.outcome().name()).orElse(""),
                    last.map(UpdateReport::exitCode).orElse(0), last.map(UpdateReport::message).orElse(""),
                    last.map(UpdateReport::finishedAt).orElse(""), lastProblem, InstallId.read(layout).orElse(""),
                    auto.map(a -> AutoStateFile.json(a.state(), a.zone())).orElse(null), autoSummary);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot read the install's state: " + Problems.describe(e), e);
        }
    }

    /** A PREPARED journal that resume rolls forward: its apps were started on the new files (Swap). */
    private static boolean launched(InstallLayout layout, Journal j) {
        try {
            return new Swap(layout).launchedBeforeCommit(j);
        } catch (IOException e) {
            return false;
        }
    }

    /** Managed files not in the install: a cheap existence check (no hashing; verify does that). */
    private static int missing(InstallLayout layout, InstalledState installed) {
        return (int) installed.files().stream()
                .filter(f -> !Files.exists(layout.resolve(f.path()), LinkOption.NOFOLLOW_LINKS)).count();
    }

    private static List<String> staged(InstallLayout layout) throws IOException {
        if (!Files.isDirectory(layout.stagingRoot())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(layout.stagingRoot())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
