package dev.rmkit.rm.linux;

import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.RmException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A session's armed restarts ({@link ArmedLaunch}): each app that will be started again through its
 * registered command gets its chain started once the shutdown knows it will close the apps (every one
 * agreed, or the shutdown is forced), on a thread of its own, so that the close is not held up by the
 * process start. Whatever is not fired by the restart is disarmed when it ends and when the session
 * closes, and a slot of an app that was not closed is disarmed at once, so nothing starts that the
 * session did not start.
 */
final class Arming {

    private static final System.Logger LOG = System.getLogger(Arming.class.getName());

    private final Launcher launcher;
    private final Predicate<Listed> keptDown;
    private final List<Slot> slots = new ArrayList<>();
    private boolean closed;

    /** @param keptDown the filters that keep an app down (they are checked again at the restart) */
    Arming(Launcher launcher, Predicate<Listed> keptDown) {
        this.launcher = launcher;
        this.keptDown = keptDown;
    }

    /** The command a restart would start {@code a} with: its registered one, unless it is kept down. */
    static Optional<RestartCommand> command(Listed a) {
        if (a.ignoredEntry().isPresent()) {
            return Optional.empty();
        }
        return a.registeredCommand().filter(c -> !c.flags().contains(RestartFlag.NO_PATCH));
    }

    /** A place for {@code a}'s armed launch; nothing is started until {@link Slot#arm}. */
    synchronized Slot slot(Listed a, Map<String, String> environment) {
        Slot s = new Slot(a, environment);
        if (closed) {
            s.disarm();
        } else {
            slots.add(s);
        }
        return s;
    }

    /** Disarms every launch not fired yet; later slots are born disarmed. */
    synchronized void close() {
        closed = true;
        slots.forEach(Slot::disarm);
        slots.clear();
    }

    /** One app's armed launch: not started, being started, armed, fired or disarmed. */
    final class Slot {

        private final Listed app;
        private final Map<String, String> environment;
        private CompletableFuture<Optional<ArmedLaunch>> launch;
        private boolean disarmed;

        /**
         * The environment is copied here, once the apps have agreed and before any is told to end: the copy
         * hashes every variable, which {@link Closed}, made after the app's exit, would otherwise do while
         * the apps are down (its own copy of an unmodifiable map is the map itself).
         */
        private Slot(Listed app, Map<String, String> environment) {
            this.app = app;
            this.environment = Map.copyOf(environment);
        }

        /** The app's environment as it was when the slot was made, unmodifiable. */
        Map<String, String> environment() {
            return environment;
        }

        /** Starts the chain in the background if the app will be restarted by its command; once. */
        synchronized void arm() {
            Optional<RestartCommand> command = command(app);
            if (disarmed || launch != null || command.isEmpty() || keptDown.test(app)) {
                return;
            }
            Path runtimeDir = app.registration().get().runtimeDir();
            launch = CompletableFuture.supplyAsync(() -> start(command.get(), runtimeDir), r -> {
                Thread t = new Thread(r, "rmkit-arm-" + app.pid());
                t.setDaemon(true);
                t.start();
            });
            launch.thenAccept(armed -> {
                synchronized (this) {
                    if (disarmed) {
                        armed.ifPresent(ArmedLaunch::disarm);
                    }
                }
            });
        }

        private Optional<ArmedLaunch> start(RestartCommand command, Path runtimeDir) {
            try {
                return launcher.arm(command, app.status().uid(), app.status().gid(), environment, runtimeDir);
            } catch (RmException | RuntimeException e) {
                LOG.log(System.Logger.Level.INFO, "{0} (pid {1}) could not be armed ({2}); its restart starts it afresh",
                        app.app().name(), app.pid(), e.getMessage());
                return Optional.empty();
            }
        }

        /** The armed launch, once its start has finished; empty if none was armed or it is disarmed. */
        Optional<ArmedLaunch> take() {
            CompletableFuture<Optional<ArmedLaunch>> f;
            synchronized (this) {
                if (disarmed || launch == null) {
                    return Optional.empty();
                }
                f = launch;
            }
            return f.join();
        }

        /**
         * Waits, until {@code deadline} ({@link System#nanoTime}), for the armed launch to be started and
         * waiting to be fired ({@link ArmedLaunch#awaitReady}); returns at once if none is armed.
         */
        void awaitReady(long deadline) {
            CompletableFuture<Optional<ArmedLaunch>> f;
            synchronized (this) {
                if (disarmed || launch == null) {
                    return;
                }
                f = launch;
            }
            try {
                Optional<ArmedLaunch> armed = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (armed.isPresent() && !armed.get().awaitReady(deadline)) {
                    LOG.log(System.Logger.Level.DEBUG, "the restart of {0} (pid {1}) was not armed in time",
                            app.app().name(), app.pid());
                }
            } catch (TimeoutException | ExecutionException e) {
                // not started in time: the restart waits for it (take) or starts the app afresh
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Whether its armed launch was fired; never waits. */
        synchronized boolean fired() {
            return !disarmed && launch != null && launch.isDone() && launch.join().map(ArmedLaunch::fired).orElse(false);
        }

        /** Closes the pipe of an armed launch not fired (now, or as soon as its start finishes). */
        synchronized void disarm() {
            disarmed = true;
            if (launch != null && launch.isDone()) {
                launch.join().ifPresent(ArmedLaunch::disarm);
            }
        }
    }
}
