package dev.rmkit.rm.windows;

import com.sun.jna.platform.win32.WinBase;
import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Busy periods on Windows. While at least one is open: a shutdown block reason on the window
 * (created on the window's own thread, as ShutdownBlockReasonCreate demands), a process shutdown
 * level of 0x3FF so this app is asked first (WiX Burn does the same), and a system-required power
 * request — or, where PowerCreateRequest fails, SetThreadExecutionState(ES_CONTINUOUS |
 * ES_SYSTEM_REQUIRED) on the long-lived window thread, since that state belongs to the calling thread.
 *
 * <p>Every change — a period opening, closing or changing its reason — is one step of a state machine
 * that runs on the window thread, so the bookkeeping ({@link BusyState}) and the native calls never
 * drift apart: the last period's release cannot land after the next period's set-up, and a set-up
 * never runs twice in a row (which would leak a power request).
 */
final class Busy {

    /** Asked before the default 0x280 and before WiX-less apps: the top of the application range. */
    static final int EARLY_SHUTDOWN_LEVEL = 0x3FF;
    private static final System.Logger LOG = System.getLogger(Busy.class.getName());

    private final BusyState state;
    private final WindowApi window;
    private final ProcessApi process;
    private final PowerApi power;

    // Touched only on the window thread.
    private long request;
    private boolean executionState;
    private int[] savedShutdownParameters;
    private boolean engaged;
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
        long[] token = {0};
        AtomicBoolean abandoned = new AtomicBoolean();
        boolean ok;
        try {
            ok = window.call(() -> {
                if (abandoned.get()) {
                    return false; // the caller gave up waiting: open nothing it could never close
                }
                token[0] = state.enter(reason);
                if (!engaged) {
                    engage(reason);
                } else {
                    effective = window.blockReasonCreate(reason) && effective;
                }
                return effective;
            });
        } catch (RmException e) {
            abandoned.set(true);
            throw e;
        }
        return new Handle(token[0], ok);
    }

    /** On the window thread: everything a first busy period turns on. */
    private void engage(String reason) {
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
        engaged = true;
        effective = blocked && awake;
    }

    /** On the window thread: undo {@link #engage}. */
    private void release() {
        if (!engaged) {
            return;
        }
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
        engaged = false;
        effective = false;
    }

    /** On the window thread: after a period closed or changed, show what is left, or release. */
    private Boolean settle() {
        if (!state.isBusy()) {
            release();
        } else {
            state.reason().ifPresent(window::blockReasonCreate);
        }
        return Boolean.TRUE;
    }

    /** Closes every open period (the app is closing). */
    void releaseAll() {
        try {
            window.call(() -> {
                state.clear();
                release();
                return Boolean.TRUE;
            });
        } catch (RmException e) {
            LOG.log(System.Logger.Level.WARNING, "releasing busy state failed", e);
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
            try {
                window.call(() -> {
                    state.update(token, reason);
                    return settle();
                });
            } catch (RmException e) {
                LOG.log(System.Logger.Level.WARNING, "updating the block reason failed", e);
            }
        }

        @Override
        public boolean effective() {
            return effectiveAtStart;
        }

        @Override
        public void close() {
            try {
                window.call(() -> {
                    state.exit(token);
                    return settle();
                });
            } catch (RmException e) {
                // The window thread is gone: nothing native is left to undo, only the bookkeeping.
                state.exit(token);
                LOG.log(System.Logger.Level.WARNING, "ending the busy period failed", e);
            }
        }
    }
}
