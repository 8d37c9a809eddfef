package dev.rmkit.updater.schedule;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.policy.FeedKind;
import dev.rmkit.updater.policy.Policy;
import dev.rmkit.updater.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code updater schedule}: install validates the policy, keeps it as the install's
 * {@code .rmkit/policy.json} (what {@code updater auto} reads) and registers {@code updater auto
 * --install-dir D} with this host's {@link Scheduler} under {@code rmkit-auto-KEY}; remove and show
 * act on that registration, also for a directory that is no longer an install (a registration left
 * behind). {@code uninstall} removes it through {@link #unregister}, the code of remove. The command the
 * scheduler runs is this JVM with this class path, and the {@code RMKIT_*} variables of the registering
 * environment.
 */
public final class Scheduling {

    private final Clock clock;

    public Scheduling(Clock clock) {
        this.clock = clock;
    }

    /** The registration's name for an install. */
    public static String name(InstallLayout layout) {
        return "rmkit-auto-" + layout.key();
    }

    public Registration run(ScheduleRequest req, Map<String, String> env) throws UpdateException {
        return run(req, env, Schedulers.forThisHost(env, clock));
    }

    /** The same with a given scheduler (tests pick the user's systemd manager). */
    public Registration run(ScheduleRequest req, Map<String, String> env, Scheduler scheduler) throws UpdateException {
        InstallLayout layout = new InstallLayout(req.installDir());
        if (req.action() == ScheduleRequest.Action.INSTALL && !Files.isRegularFile(layout.installedFile())) {
            throw new UpdateException.Usage("not an install: " + layout.installDir()
                    + " (install it first with updater apply --trust KEYFILE)");
        }
        return switch (req.action()) {
            case INSTALL -> install(layout, req.policy().orElseThrow(), env, scheduler);
            case REMOVE -> unregister(layout, scheduler);
            case SHOW -> show(layout, scheduler);
        };
    }

    private static Registration install(InstallLayout layout, Path policyFile, Map<String, String> env, Scheduler scheduler)
            throws UpdateException {
        boolean own = policyFile.toAbsolutePath().normalize().equals(layout.policyFile());
        byte[] bytes = own ? null : PolicyLoader.read(policyFile);
        Policy policy = own ? PolicyLoader.loadInstalls(layout, ZoneId.systemDefault())
                : PolicyLoader.parse(bytes, policyFile.toString(), ZoneId.systemDefault());
        try {
            if (!own) {
                layout.files().write(layout.policyFile(), bytes); // never through a link (refused, and it stays)
            }
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot write " + layout.policyFile(), e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot store the policy as " + layout.policyFile() + ": " + e.getMessage(), e);
        }
        Map<String, String> rmkit = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("RMKIT_")) {
                rmkit.put(k, v);
            }
        });
        ScheduleSpec spec = ScheduleSpec.of(name(layout), layout.installDir(),
                UpdaterContext.javaCommand(List.of("auto", "--install-dir", layout.installDir().toString())), rmkit, policy);
        Registration r = scheduler.install(spec);
        List<String> lines = new ArrayList<>(List.of("scheduled " + spec.name() + " as a " + scheduler.kind() + ": updater auto "
                + spec.describe(), "policy " + layout.policyFile()));
        lines.addAll(r.lines());
        return new Registration(true, lines, r.warnings());
    }

    /**
     * Removes the install's registration, if there is one, from {@code scheduler}: {@code schedule
     * remove}, and {@code uninstall} once its removal is committed. Nothing registered is not an error.
     */
    public static Registration unregister(InstallLayout layout, Scheduler scheduler) throws UpdateException {
        Registration r = scheduler.remove(name(layout));
        Path args = WindowsScheduler.argFile(layout.installDir());
        try {
            InstallFiles files = layout.files();
            files.deleteOwn(args); // a link there is not ours: it stays
            files.sync();
        } catch (IOException e) {
            List<String> warnings = new ArrayList<>(r.warnings());
            warnings.add("cannot remove " + args + ": " + e.getMessage());
            return new Registration(false, r.lines(), warnings);
        }
        return r;
    }

    private static Registration show(InstallLayout layout, Scheduler scheduler) throws UpdateException {
        Registration r = scheduler.show(name(layout));
        List<String> lines = new ArrayList<>(r.lines());
        if (Files.exists(layout.policyFile(), LinkOption.NOFOLLOW_LINKS)) {
            Policy p = PolicyLoader.loadInstalls(layout, ZoneId.systemDefault());
            lines.add("policy " + layout.policyFile() + ": feed " + p.feed() + (p.feedKind() == FeedKind.INDEX
                    ? " (release index" + p.channel().map(c -> ", channel " + c).orElse("") + ")" : "") + ", deadline "
                    + p.deadline().map(dev.rmkit.updater.Durations::format).orElse("never") + ", grace "
                    + dev.rmkit.updater.Durations.format(p.grace()) + ", reboot " + p.reboot().wire());
        }
        return new Registration(r.registered(), lines, r.warnings());
    }
}
