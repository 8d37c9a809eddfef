package dev.rmkit.updater.cli;

import dev.rmkit.updater.Interruption;
import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a command that changes an install runs ({@code apply}, {@code auto}, {@code resume},
 * {@code rollback}, {@code cancel}, {@code uninstall}, {@code restart-apps}), SIGINT and SIGTERM are
 * recorded for the run ({@link Interruption}) instead of ending the JVM at once: the run stops at its
 * next safe point, writes its report and history line, releases the lock, and exits 130 or 143 (or,
 * where it can no longer stop safely, finishes and notes the signal). Restores the previous handlers
 * when closed.
 */
final class SignalTrap implements AutoCloseable {

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private SignalTrap() {}

    static SignalTrap install() {
        Interruption.reset();
        SignalTrap trap = new SignalTrap();
        trap.trap("INT", Interruption.Signal.INT);
        trap.trap("TERM", Interruption.Signal.TERM);
        return trap;
    }

    private void trap(String name, Interruption.Signal as) {
        try {
            Signal s = new Signal(name);
            previous.put(s, Signal.handle(s, received -> Interruption.received(as)));
        } catch (IllegalArgumentException unavailable) {
            // Not a signal on this OS, or reserved by the JVM (-Xrs): the default behaviour stays.
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        Interruption.reset(); // a later run in this JVM (the tests' in-process CLI) starts without it
    }
}
