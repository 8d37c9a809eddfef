package dev.rmkit.rm.windows;

import com.sun.jna.platform.win32.WinBase;
import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import java.util.Objects;

/**
 * Busy periods on Windows. While at least one is open: a shutdown block reason on the window
 * (created on the window's own thread, as ShutdownBlockReasonCreate demands), a process shutdown
 * level of 0x3FF so this app is asked first (WiX Burn does the same), and a system-required power
 * request — or, where PowerCreateRequest fails, SetThreadExecutionState(ES_CONTINUOUS |
 * ES_SYSTEM_REQUIRED) on the long-lived window thread, since that state belongs to the calling thread.
 */
final class Busy {

    /** Asked before the default 0x280 and before WiX-less apps: the top of the application range. */
    static final int EARLY_SHUTDOWN_LEVEL = 0x3FF;

    private final BusyState state;
    private final WindowApi window;
    private final ProcessApi process;
    private final PowerApi power;

    // Touched only on the window thread.
    private long request;
    private boolean executionState;
    private int[] savedShutdownParameters;
    private boolean effective;

    Busy(BusyState state, WindowApi window, ProcessApi process, PowerApi power) {
        this.state = state;
        this.window = window;
        this.process = process;
        this.power = power;
    }

    BusyHandle enter(String reason) throws RmException {
        if (reason == null || reason.isBlank()) {
            throw new RmException("busy", "a busy period needs a reason a person understands");
        }
        boolean[] first = {false};
        long token = state.enter(reason, first);
        boolean ok;
        try {
            ok = window.call(() -> first[0] ? engage(reason) : window.blockReasonCreate(reason) && effective);
        } catch (RmException e) {
            state.exit(token);
            throw e;
        }
        return new Handle(token, ok);
    }

    /** On the window thread: everything a first busy period turns on. */
    private boolean engage(String reason) {
        boolean blocked = window.blockReasonCreate(reason);
        savedShutdownParameters = process.processShutdownParameters();
        process.setProcessShutdownParameters(EARLY_SHUTDOWN_LEVEL, 0);
        request = power.createRequest(reason);
        boolean awake = request != 0 && power.setRequest(request, Kernel32Ext.PowerRequestSystemRequired);
        if (!awake) {
            if (request != 0) {
                power.closeRequest(request);
                request = 0;
            }
            executionState = power.setThreadExecutionState(WinBase.ES_CONTINUOUS | WinBase.ES_SYSTEM_REQUIRED) != 0;
            awake = executionState;
        }
        effective = blocked && awake;
        return effective;
    }

    /** On the window thread: undo {@link #engage}. */
    private boolean release() {
        window.blockReasonDestroy();
        if (savedShutdownParameters != null) {
            process.setProcessShutdownParameters(savedShutdownParameters[0], savedShutdownParameters[1]);
            savedShutdownParameters = null;
        }
        if (request != 0) {
            power.clearRequest(request, Kernel32Ext.PowerRequestSystemRequired);
            power.closeRequest(request);
            request = 0;
        }
        if (executionState) {
            power.setThreadExecutionState(WinBase.ES_CONTINUOUS);
            executionState = false;
        }
        effective = false;
        return true;
    }

    /** Closes every open period (the app is closing). */
    void releaseAll() {
        if (state.isBusy()) {
            try {
                window.call(this::release);
            } catch (RmException e) {
                System.getLogger(Busy.class.getName()).log(System.Logger.Level.WARNING, "releasing busy state failed", e);
            }
        }
    }

    private final class Handle implements BusyHandle {
        private final long token;
        private final boolean effectiveAtStart;

        Handle(long token, boolean effectiveAtStart) {
            this.token = token;
            this.effectiveAtStart = effectiveAtStart;
        }

        @Override
        public void reason(String reason) {
            Objects.requireNonNull(reason, "reason");
            state.update(token, reason);
            try {
                window.call(() -> window.blockReasonCreate(state.reason().orElse(reason)));
            } catch (RmException e) {
                System.getLogger(Busy.class.getName()).log(System.Logger.Level.WARNING, "updating the block reason failed", e);
            }
        }

        @Override
        public boolean effective() {
            return effectiveAtStart;
        }

        @Override
        public void close() {
            if (state.exit(token)) {
                try {
                    window.call(Busy.this::release);
                } catch (RmException e) {
                    System.getLogger(Busy.class.getName()).log(System.Logger.Level.WARNING, "ending the busy period failed", e);
                }
            } else if (state.isBusy()) {
                state.reason().ifPresent(this::showOnly);
            }
        }

        private void showOnly(String remaining) {
            try {
                window.call(() -> window.blockReasonCreate(remaining));
            } catch (RmException e) {
                System.getLogger(Busy.class.getName()).log(System.Logger.Level.WARNING, "updating the block reason failed", e);
            }
        }
    }
}
