package dev.rmkit.rm.windows;

import com.sun.jna.platform.win32.WinUser;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.PowerEvent;
import dev.rmkit.rm.QueryAnswer;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import dev.rmkit.rm.windows.jna.User32Ext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The decisions of the hidden window's procedure and of the console control handler, as pure
 * functions of the message, its wParam/lParam, the busy state and the listener's answer
 * (reference/windows-api.md §2, §4, §5):
 * <ul>
 * <li>WM_QUERYENDSESSION: ask the listener; veto (FALSE, with the reason as shutdown block reason)
 *     if it refuses or a busy period is open; otherwise TRUE.
 * <li>WM_ENDSESSION(TRUE): the listener persists <em>inside</em> the handler, because the process may be
 *     killed as soon as it returns; only once, even if a console event follows. WM_ENDSESSION(FALSE):
 *     the end was cancelled; the veto's block reason is removed unless a busy period keeps it.
 * <li>WM_CLOSE: the listener's close; handled, so DefWindowProc does not destroy the window.
 * <li>WM_POWERBROADCAST: suspend/resume events; PBT_APMQUERYSUSPEND (pre-Vista only) is denied while busy.
 * <li>Console: CTRL_C is RM's close request to a console app: vetoed → swallowed (TRUE, the app keeps
 *     running); allowed → the listener ends, then FALSE passes it on to the JVM (exit 130, hooks run).
 *     CLOSE/LOGOFF/SHUTDOWN cannot be refused: the listener ends, then FALSE.
 * </ul>
 */
final class EndSessionDecider {

    private static final System.Logger LOG = System.getLogger(EndSessionDecider.class.getName());

    /** What the window procedure does: return {@code result}, after setting or clearing the block reason. */
    record Decision(long result, Optional<String> setBlockReason, boolean clearBlockReason) {
        static Decision of(long result) {
            return new Decision(result, Optional.empty(), false);
        }
    }

    private final EndSessionListener listener;
    private final BusyState busy;
    private final AtomicBoolean ended = new AtomicBoolean();

    EndSessionDecider(EndSessionListener listener, BusyState busy) {
        this.listener = listener;
        this.busy = busy;
    }

    /** The lParam bits of WM_QUERYENDSESSION/WM_ENDSESSION, as unsigned 32 bits (LOGOFF is bit 31). */
    static Set<EndSessionFlag> flags(long lParam) {
        Set<EndSessionFlag> out = EnumSet.noneOf(EndSessionFlag.class);
        long bits = lParam & 0xFFFF_FFFFL;
        if ((bits & User32Ext.ENDSESSION_CLOSEAPP) != 0) {
            out.add(EndSessionFlag.CLOSE_APP);
        }
        if ((bits & User32Ext.ENDSESSION_CRITICAL) != 0) {
            out.add(EndSessionFlag.CRITICAL);
        }
        if ((bits & User32Ext.ENDSESSION_LOGOFF) != 0) {
            out.add(EndSessionFlag.LOGOFF);
        }
        return out;
    }

    /** The decision for a window message, or empty to leave it to DefWindowProc. */
    Optional<Decision> onMessage(int msg, long wParam, long lParam) {
        return switch (msg) {
            case User32Ext.WM_QUERYENDSESSION -> Optional.of(onQueryEndSession(lParam));
            case User32Ext.WM_ENDSESSION -> Optional.of(onEndSession(wParam != 0, lParam));
            case WinUser.WM_CLOSE -> Optional.of(onClose());
            case WinUser.WM_POWERBROADCAST -> Optional.of(onPowerBroadcast(wParam));
            default -> Optional.empty();
        };
    }

    Decision onQueryEndSession(long lParam) {
        Optional<String> veto = vetoReason(flags(lParam));
        return veto.map(r -> new Decision(0, Optional.of(r), false)).orElseGet(() -> Decision.of(1));
    }

    Decision onEndSession(boolean ending, long lParam) {
        Set<EndSessionFlag> f = flags(lParam);
        if (ending) {
            end(f);
            return Decision.of(0);
        }
        notify(false, f);
        return new Decision(0, Optional.empty(), !busy.isBusy());
    }

    Decision onClose() {
        try {
            listener.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "EndSessionListener.close failed", e);
        }
        return Decision.of(0);
    }

    Decision onPowerBroadcast(long wParam) {
        int event = (int) wParam;
        if (event == WinUser.PBT_APMQUERYSUSPEND) {
            return Decision.of(busy.isBusy() ? User32Ext.BROADCAST_QUERY_DENY : 1);
        }
        if (event == WinUser.PBT_APMSUSPEND) {
            power(PowerEvent.SUSPEND);
        } else if (event == WinUser.PBT_APMRESUMEAUTOMATIC) {
            // Always sent on resume; PBT_APMRESUMESUSPEND may follow it and would be a duplicate.
            power(PowerEvent.RESUME);
        }
        return Decision.of(1);
    }

    /** The console handler's answer: true swallows the event, false passes it to the next handler (the JVM's). */
    boolean onConsoleEvent(int ctrlType) {
        switch (ctrlType) {
            case 0 -> { // CTRL_C_EVENT: how RM asks a console app to close
                Set<EndSessionFlag> f = EnumSet.of(EndSessionFlag.CLOSE_APP);
                if (vetoReason(f).isPresent()) {
                    notify(false, f);
                    return true;
                }
                end(f);
                return false;
            }
            case Kernel32Ext.CTRL_CLOSE_EVENT, Kernel32Ext.CTRL_SHUTDOWN_EVENT -> {
                end(EnumSet.noneOf(EndSessionFlag.class));
                return false;
            }
            case Kernel32Ext.CTRL_LOGOFF_EVENT -> {
                end(EnumSet.of(EndSessionFlag.LOGOFF));
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private Optional<String> vetoReason(Set<EndSessionFlag> f) {
        QueryAnswer answer;
        try {
            answer = listener.queryEndSession(f);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "EndSessionListener.queryEndSession failed; refusing", e);
            answer = QueryAnswer.veto("the application could not answer: " + e);
        }
        if (!answer.allowed()) {
            return answer.reason();
        }
        return busy.reason();
    }

    private void end(Set<EndSessionFlag> f) {
        if (ended.compareAndSet(false, true)) {
            notify(true, f);
        }
    }

    private void notify(boolean ending, Set<EndSessionFlag> f) {
        try {
            listener.endSession(ending, f);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "EndSessionListener.endSession failed", e);
        }
    }

    private void power(PowerEvent e) {
        try {
            listener.powerEvent(e);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "EndSessionListener.powerEvent failed", ex);
        }
    }
}
