package dev.rmkit.updater.schedule;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Scheduler} for Windows: the task of {@link WindowsTask} registered as {@code \rmkit\NAME}
 * with {@code schtasks.exe /Create /XML} (the definition written UTF-16 with a byte-order mark, as
 * schtasks expects), its JVM arguments in {@code .rmkit/auto.args} of the install. Runs as SYSTEM when
 * the updater runs elevated, else as the registering user.
 */
final class WindowsScheduler implements Scheduler {

    private final String schtasks;
    private final boolean elevated;
    private final Clock clock;

    WindowsScheduler(String schtasks, boolean elevated, Clock clock) {
        this.schtasks = schtasks;
        this.elevated = elevated;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "Task Scheduler task (" + (elevated ? "SYSTEM" : "this user") + ")";
    }

    static String taskName(String name) {
        return "\\rmkit\\" + name;
    }

    /** Where the JVM's arguments for the task live: inside the install, next to its other state. */
    static Path argFile(Path installDir) {
        return new InstallLayout(installDir).scheduleArgsFile();
    }

    @Override
    public Registration install(ScheduleSpec spec) throws UpdateException {
        Path args = argFile(spec.installDir());
        Path xmlFile = args.resolveSibling("auto-task.xml");
        InstallFiles files = new InstallLayout(spec.installDir()).files(); // in .rmkit/: never through a link
        try {
            String xml = WindowsTask.xml(spec, spec.argv().get(0), args.toString(), elevated, clock.instant(),
                    ZoneId.systemDefault());
            files.write(args, WindowsTask.argFile(spec.argv().subList(1, spec.argv().size()))
                    .getBytes(StandardCharsets.UTF_8));
            byte[] body = xml.getBytes(StandardCharsets.UTF_16LE);
            byte[] withBom = new byte[body.length + 2];
            withBom[0] = (byte) 0xFF;
            withBom[1] = (byte) 0xFE;
            System.arraycopy(body, 0, withBom, 2, body.length);
            files.write(xmlFile, withBom);
        } catch (IllegalArgumentException e) {
            throw new UpdateException.Usage(e.getMessage());
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write " + args + ": " + e.getMessage(), e);
        }
        ExternalCommand.Result r = ExternalCommand.run(List.of(schtasks, "/Create", "/TN", taskName(spec.name()),
                "/XML", xmlFile.toString(), "/F"));
        deleteQuietly(files, xmlFile);
        if (!r.ok()) {
            throw new UpdateException.PermissionDenied("schtasks could not register " + taskName(spec.name()) + " ("
                    + r.code() + "): " + r.output(), null);
        }
        return new Registration(true, List.of("registered " + taskName(spec.name()) + " (" + kind() + ")",
                "wrote " + args), List.of());
    }

    @Override
    public Registration remove(String name) throws UpdateException {
        ExternalCommand.Result query = ExternalCommand.run(List.of(schtasks, "/Query", "/TN", taskName(name)));
        if (!query.ok()) {
            return new Registration(false, List.of("nothing registered as " + taskName(name)), List.of());
        }
        ExternalCommand.Result r = ExternalCommand.run(List.of(schtasks, "/Delete", "/TN", taskName(name), "/F"));
        if (!r.ok()) {
            throw new UpdateException.PermissionDenied("schtasks could not delete " + taskName(name) + " (" + r.code()
                    + "): " + r.output(), null);
        }
        return new Registration(false, List.of("removed " + taskName(name)), List.of());
    }

    @Override
    public Registration show(String name) {
        ExternalCommand.Result r = ExternalCommand.run(List.of(schtasks, "/Query", "/TN", taskName(name), "/V", "/FO", "LIST"));
        if (!r.ok()) {
            return new Registration(false, List.of("not registered: no task " + taskName(name)), List.of());
        }
        List<String> lines = new ArrayList<>(List.of(kind() + " " + taskName(name)));
        r.output().lines().filter(l -> !l.isBlank()).forEach(l -> lines.add("  " + l.strip()));
        return new Registration(true, lines, List.of());
    }

    /** {@code whoami /groups} lists the High (or System) mandatory label only in an elevated process. */
    static boolean elevatedFrom(String whoamiGroups) {
        return whoamiGroups.contains("S-1-16-12288") || whoamiGroups.contains("S-1-16-16384");
    }

    private static void deleteQuietly(InstallFiles files, Path file) {
        try {
            files.deleteOwn(file); // a link in its place is not ours: it stays
            files.sync();
        } catch (IOException ignored) {
            // A leftover task definition in .rmkit/ is harmless; the next install overwrites it.
        }
    }
}
