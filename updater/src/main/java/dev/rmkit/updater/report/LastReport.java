package dev.rmkit.updater.report;

import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Optional;

/**
 * {@code .rmkit/last-report.json}: the report of the last apply, resume or auto that held the lock, as
 * the one JSON line its {@code --json} printed (and its history line). Written atomically and durably,
 * never through or over a link: a link in its place is refused ({@code UnsafePathException}) and stays.
 */
public final class LastReport {

    private LastReport() {}

    public static void save(InstallLayout layout, UpdateReport report) throws IOException {
        layout.files().write(layout.lastReportFile(), (StateJson.line(report) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<UpdateReport> read(InstallLayout layout) throws IOException {
        if (!Files.exists(layout.lastReportFile(), LinkOption.NOFOLLOW_LINKS)) { // a link, even dangling, is refused
            return Optional.empty();
        }
        return Optional.of(StateJson.read(layout.lastReportFile(), UpdateReport.class));
    }
}
