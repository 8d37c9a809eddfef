package dev.rmkit.rm.linux.systemd;

import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.CgroupUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stops, starts and inspects service units through {@code systemctl}: a system unit through the
 * system manager, a user unit through that user's own manager ({@code systemctl --user}, run as that
 * user with its {@code XDG_RUNTIME_DIR}, through {@code setpriv} when the caller is root). A service
 * is never signalled behind systemd's back: systemd would log a crash, may restart it with
 * {@code Restart=} while its files are being swapped, and would not know to start it again.
 */
public final class Systemctl {

    /** How long one systemctl call may take (a stop waits for the unit's own TimeoutStopSec, 90 s by default). */
    static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final Path runRoot;
    private final int ourUid;
    private final String program;

    /**
     * @param runRoot the runtime root, normally {@code /run}: systemd is the init when
     *     {@code RUN/systemd/system} exists (what {@code sd_booted()} checks), and a user's manager
     *     listens under {@code RUN/user/UID}
     * @param ourUid the caller's uid
     */
    public Systemctl(Path runRoot, int ourUid) {
        this(runRoot, ourUid, "systemctl");
    }

    /** As above, running {@code program} in place of {@code systemctl} (tests). */
    public static Systemctl running(String program, Path runRoot, int ourUid) {
        return new Systemctl(runRoot, ourUid, program);
    }

    private Systemctl(Path runRoot, int ourUid, String program) {
        this.runRoot = runRoot;
        this.ourUid = ourUid;
        this.program = program;
    }

    /** True if systemd is the init system here, so units can be managed. */
    public boolean booted() {
        return Files.isDirectory(runRoot.resolve("systemd/system"));
    }

    /** The output and exit code of one call. */
    public record Call(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /**
     * The argv that runs {@code systemctl ARGS} for {@code unit}'s manager; pure.
     *
     * @throws RmException if the unit belongs to another user's manager and the caller is not root
     */
    public static List<String> argv(CgroupUnit.Unit unit, int gid, int ourUid, List<String> args) throws RmException {
        List<String> argv = new ArrayList<>();
        if (unit.userManager().isPresent()) {
            int uid = unit.userManager().get();
            if (uid != ourUid) {
                if (ourUid != 0) {
                    throw new RmException("systemctl", 1, "cannot manage " + unit + ": only root can reach another user's"
                            + " service manager, and this process runs as uid " + ourUid);
                }
                argv.addAll(List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"));
            }
            argv.addAll(List.of("systemctl", "--user"));
        } else {
            argv.add("systemctl");
        }
        argv.addAll(List.of("--no-pager", "--no-ask-password"));
        argv.addAll(args);
        return argv;
    }

    /** Runs {@code systemctl ARGS UNIT} for {@code unit}'s manager and waits for it. */
    public Call call(CgroupUnit.Unit unit, int gid, String... args) throws RmException {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--"); // a unit name comes from another process's cgroup: never an option, whatever it starts with
        a.add(unit.name());
        List<String> argv = new ArrayList<>(argv(unit, gid, ourUid, a));
        argv.replaceAll(x -> x.equals("systemctl") ? program : x);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        unit.userManager().ifPresent(uid -> env.put("XDG_RUNTIME_DIR", runRoot.resolve("user").resolve(uid.toString()).toString()));
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        Path out = null;
        try {
            out = Files.createTempFile("rmkit-systemctl", ".out");
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RmException("systemctl", "systemctl " + String.join(" ", a) + " did not finish in "
                        + LIMIT.toMinutes() + " minutes");
            }
            return new Call(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new RmException("systemctl", "cannot run systemctl for " + unit + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RmException("systemctl", "interrupted while running systemctl for " + unit, e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // A temporary file of a few bytes; the next boot's tmp cleaning takes it.
                }
            }
        }
    }

    /** The unit's state after a start or stop. */
    public UnitState state(CgroupUnit.Unit unit, int gid) throws RmException {
        Call c = call(unit, gid, "show", "-p", "ActiveState", "-p", "SubState", "-p", "Result", "-p", "MainPID");
        if (!c.ok()) {
            throw new RmException("systemctl", c.exit(), "systemctl show " + unit + " failed: " + c.output());
        }
        return UnitState.parse(c.output());
    }
}
