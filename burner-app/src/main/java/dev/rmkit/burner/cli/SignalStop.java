package dev.rmkit.burner.cli;

import dev.rmkit.burner.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While {@code burner burn} writes, SIGINT and SIGTERM ask the burn to stop at its next block instead
 * of ending the JVM in the middle of a write: the burn then stops before its commit, so the disc is
 * exactly as it was, and the command says so and exits 130 or 143. Restores the handlers when closed.
 */
final class SignalStop implements AutoCloseable, BooleanSupplier {

    private final List<Signal> trapped = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile ExitCode received;

    static SignalStop install() {
        SignalStop s = new SignalStop();
        s.trap("INT", ExitCode.SIGINT);
        s.trap("TERM", ExitCode.SIGTERM);
        return s;
    }

    private void trap(String name, ExitCode as) {
        try {
            Signal sig = new Signal(name);
            previous.add(Signal.handle(sig, x -> received = as));
            trapped.add(sig);
        } catch (IllegalArgumentException unavailable) {
            // Not a signal here, or reserved by the JVM: the default behaviour stays.
        }
    }

    /** True once a signal asked the burn to stop. */
    @Override
    public boolean getAsBoolean() {
        return received != null;
    }

    /** The exit code of the signal that stopped the burn, if one did. */
    Optional<ExitCode> received() {
        return Optional.ofNullable(received);
    }

    @Override
    public void close() {
        for (int i = 0; i < trapped.size(); i++) {
            Signal.handle(trapped.get(i), previous.get(i));
        }
    }
}
