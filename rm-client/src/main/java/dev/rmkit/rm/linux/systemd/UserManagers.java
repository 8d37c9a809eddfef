package dev.rmkit.rm.linux.systemd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A user's own service manager ({@code user@UID.service}) and its bus. After a boot, logind starts the
 * managers of lingering users ({@code loginctl enable-linger}) on its own schedule, possibly after the
 * unit that wants to start that user's apps in it; so that unit waits for the bus of a lingering user,
 * and does not wait for one that will only come with a login.
 */
public final class UserManagers {

    private static final Path LINGER = Path.of("/var/lib/systemd/linger");
    /** How long a lingering user's manager may take to come up after a boot. */
    public static final Duration MANAGER_LIMIT = Duration.ofSeconds(90);

    private UserManagers() {}

    /** The bus of {@code uid}'s manager under {@code runRoot} ({@code /run}). */
    public static Path bus(Path runRoot, int uid) {
        return runRoot.resolve("user").resolve(Integer.toString(uid)).resolve("bus");
    }

    /** True if {@code uid} lingers: its manager runs without a login, and comes up by itself after a boot. */
    public static boolean lingering(int uid) {
        return Users.login(uid).map(n -> Files.exists(LINGER.resolve(n))).orElse(false);
    }

    /** Waits (polling) until the bus of {@code uid} exists; true if it does within {@code limit}. */
    public static boolean awaitBus(Path runRoot, int uid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Path bus = bus(runRoot, uid);
        while (!Files.exists(bus)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
