package dev.rmkit.updater.apps;

import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code .rmkit/apps-left-closed.json}: the apps an {@code apply --no-restart} (or rollback) closed and
 * left closed, with what is needed to start them as their own users later ({@code updater restart-apps}).
 * Written before the swap that follows their closing, atomically and durably, so none is forgotten by
 * a crash; read and written only as the updater's own file, never through a link (a link there would
 * hand {@code restart-apps} commands from elsewhere to start); the services are written before they
 * are stopped.
 */
public final class LeftClosed {

    /** The file's content. */
    public record Apps(List<ClosedApp> apps) {
        public Apps {
            apps = List.copyOf(apps);
        }
    }

    private LeftClosed() {}

    public static List<ClosedApp> read(InstallLayout layout) throws IOException {
        if (!Files.exists(layout.appsLeftClosedFile(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        return StateJson.read(layout.appsLeftClosedFile(), Apps.class).apps();
    }

    /**
     * Adds {@code apps} to those already recorded; a service already recorded (by its unit: one entry
     * per unit, however many of its processes held files) is not added again.
     */
    public static void add(InstallLayout layout, List<ClosedApp> apps) throws IOException {
        List<ClosedApp> all = new ArrayList<>(read(layout));
        for (ClosedApp a : apps) {
            if (a.knownService().isEmpty() || all.stream().noneMatch(b -> b.knownService().equals(a.knownService()))) {
                all.add(a);
            }
        }
        write(layout, all);
    }

    /** Takes {@code apps} off the record (those recorded before they were closed, when nothing was closed after all). */
    public static void remove(InstallLayout layout, List<ClosedApp> apps) throws IOException {
        List<ClosedApp> all = new ArrayList<>(read(layout));
        if (all.removeAll(apps)) {
            write(layout, all);
        }
    }

    /** Replaces the record; an empty list removes the file. */
    public static void write(InstallLayout layout, List<ClosedApp> apps) throws IOException {
        InstallFiles files = layout.files();
        if (apps.isEmpty()) {
            files.delete(layout.appsLeftClosedFile());
            files.sync();
        } else {
            files.write(layout.appsLeftClosedFile(), StateJson.bytes(new Apps(apps)));
        }
    }
}
