package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this machine can boot the test container, and what happens when it cannot: the scenarios
 * are skipped with the reason printed (an assumption, never a silent pass), unless
 * {@code RMKIT_REQUIRE_CONTAINER=1} (environment) or {@code -Drmkit.requireContainer=true} says the
 * machine must be able to (CI sets it), and then they fail with the same reason.
 */
public final class HostSupport {

    /** Set to 1 (or true) where a missing capability must fail the scenarios instead of skipping them. */
    public static final String REQUIRE_ENV = "RMKIT_REQUIRE_CONTAINER";

    private static volatile Optional<String> probed;

    private HostSupport() {}

    /** Skips (or, where required, fails) the calling test unless containers can run here. */
    public static void require() {
        decide(whyNot(), required());
    }

    /** What {@link #require()} does for a probe's answer: nothing, a skip, or (required) a failure. */
    static void decide(Optional<String> why, boolean required) {
        if (why.isEmpty()) {
            return;
        }
        String message = "systemd-it: no container on this machine: " + why.get();
        if (required) {
            throw new AssertionError(message + " (" + REQUIRE_ENV + " is set, so this fails instead of skipping)");
        }
        System.err.println(message + "; scenario skipped");
        Assumptions.abort(message);
    }

    static boolean required() {
        String env = System.getenv(REQUIRE_ENV);
        return "1".equals(env) || "true".equalsIgnoreCase(env) || Boolean.getBoolean("rmkit.requireContainer");
    }

    /** The first missing capability, or empty if a container can boot. Probed once per JVM. */
    public static synchronized Optional<String> whyNot() {
        if (probed == null) {
            probed = probe();
        }
        return probed;
    }

    private static Optional<String> probe() {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return Optional.of("not Linux (" + System.getProperty("os.name") + ")");
        }
        try {
            if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") != 0) {
                return Optional.of("not root (systemd-nspawn needs root)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot tell whether this is root: " + e.getMessage());
        }
        for (String tool : List.of("systemd-nspawn", "nsenter", "unshare", "tar", "zstd")) {
            if (Tools.find(tool).isEmpty()) {
                return Optional.of(tool + " is not installed" + (tool.equals("systemd-nspawn")
                        ? " (Debian: apt-get install systemd-container)" : ""));
            }
        }
        if (!RootfsCache.exists() && Tools.find("debootstrap").isEmpty()) {
            return Optional.of("debootstrap is not installed and the root file system is not cached yet");
        }
        if (!succeeds(List.of("unshare", "--pid", "--mount", "--uts", "--ipc", "--fork", "true"))) {
            return Optional.of("cannot create pid/mount/uts/ipc namespaces (unshare failed: a restricted container?)");
        }
        if (!succeeds(List.of("sh", "-c", "grep -qw overlay /proc/filesystems || modprobe overlay"))) {
            return Optional.of("the kernel has no overlay file system");
        }
        return CgroupDirs.probe();
    }

    private static boolean succeeds(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
