package dev.rmkit.rm.linux;

import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.RmCancelledException;
import dev.rmkit.rm.linux.protocol.ControlClient;
import dev.rmkit.rm.linux.protocol.ControlMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query round of a shutdown (WM_QUERYENDSESSION): every cooperating app is asked before anything is
 * closed. An app that does not answer within the query timeout, or cannot be reached, counts as
 * refusing, because closing an app that might be in the middle of its work is what a graceful shutdown
 * must never do.
 */
public final class Queries {

    private static final System.Logger LOG = System.getLogger(Queries.class.getName());

    private final LinuxConfig config;
    private final Operation op;

    public Queries(LinuxConfig config, Operation op) {
        this.config = config;
        this.op = op;
    }

    /** Asks every cooperating app; returns the refusals with their reasons. */
    public Map<Listed, String> ask(List<Listed> apps, Set<EndSessionFlag> flags, boolean force) throws RmCancelledException {
        Map<Listed, String> refusals = new LinkedHashMap<>();
        for (Listed a : apps) {
            op.checkpoint();
            if (!a.cooperating()) {
                continue;
            }
            try {
                ControlMessage answer = ControlClient.request(socket(a), ControlMessage.query(flags), config.queryTimeout());
                if (!"answer".equals(answer.type()) || answer.allow() == null) {
                    refusals.put(a, "answered the end-session query with '" + answer.type() + "'");
                } else if (!answer.allow()) {
                    String reason = answer.reason() == null || answer.reason().isBlank() ? "refused without a reason" : answer.reason();
                    refusals.put(a, reason);
                }
            } catch (IOException e) {
                refusals.put(a, "did not answer the end-session query: " + e.getMessage());
            }
            if (force && refusals.containsKey(a)) {
                LOG.log(System.Logger.Level.INFO, "{0} refused ({1}); the shutdown is forced", a.app().name(), refusals.get(a));
            }
        }
        return refusals;
    }

    /** Tells apps that agreed that the session does not end after all (WM_ENDSESSION with FALSE). */
    public void cancelled(List<Listed> agreed, Set<EndSessionFlag> flags) {
        for (Listed a : agreed) {
            try {
                ControlClient.request(socket(a), ControlMessage.end(false, flags), config.queryTimeout());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.INFO, "could not tell {0} the end was cancelled: {1}", a.app().name(), e.getMessage());
            }
        }
    }

    /** Gives every cooperating app the notice of a coming forced end; returns those that acknowledged it. */
    public List<Listed> notify(List<Listed> apps, EndNotice notice) throws RmCancelledException {
        List<Listed> told = new java.util.ArrayList<>();
        for (Listed a : apps) {
            op.checkpoint();
            if (!a.cooperating()) {
                continue;
            }
            try {
                ControlMessage answer = ControlClient.request(socket(a), ControlMessage.notice(notice.at(), notice.reason()),
                        config.queryTimeout());
                if ("done".equals(answer.type())) {
                    told.add(a);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.INFO, "could not give {0} the notice: {1}", a.app().name(), e.getMessage());
            }
        }
        return told;
    }

    static Path socket(Listed a) {
        return Path.of(a.registration().orElseThrow().entry().socket());
    }
}
