package dev.rmkit.updater.report;

import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** {@code .rmkit/last-report.json}: the report of the last apply or resume that held the lock. */
public final class LastReport {

    private LastReport() {}

    public static void save(InstallLayout layout, UpdateReport report) throws IOException {
        StateJson.write(layout.lastReportFile(), report);
    }

    public static Optional<UpdateReport> read(InstallLayout layout) throws IOException {
        if (!Files.exists(layout.lastReportFile())) {
            return Optional.empty();
        }
        return Optional.of(StateJson.read(layout.lastReportFile(), UpdateReport.class));
    }
}
