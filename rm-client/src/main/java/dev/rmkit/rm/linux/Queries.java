package dev.rmkit.rm.linux;

import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.RmCancelledException;
import dev.rmkit.rm.linux.protocol.ControlClient;
import dev.rmkit.rm.linux.protocol.ControlMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The query round of a shutdown (WM_QUERYENDSESSION): every cooperating app is asked before anything is
 * closed, all of them at once. An app that does not answer within the query timeout, or cannot be reached, counts as
 * refusing, because closing an app that might be in the middle of its work is what a graceful shutdown
 * must never do.
 */
public final class Queries {

    private static final System.Logger LOG = System.getLogger(Queries.class.getName());

    /** More apps than this are asked in waves of this size. */
    private static final int MAX_PARALLEL = 64;

    private final LinuxConfig config;
    private final Operation op;

    public Queries(LinuxConfig config, Operation op) {
        this.config = config;
        this.op = op;
    }

    /**
     * Asks every cooperating app at once, as the Restart Manager broadcasts its query: ten silent apps
     * cost one query timeout, not ten. Returns the refusals with their reasons, in the apps' order.
     */
    public Map<Listed, String> ask(List<Listed> apps, Set<EndSessionFlag> flags, boolean force) throws RmCancelledException {
        op.checkpoint();
        List<Listed> cooperating = apps.stream().filter(Listed::cooperating).toList();
        List<Optional<String>> answers = inParallel(cooperating, a -> refusal(a, flags));
        op.checkpoint();
        Map<Listed, String> refusals = new LinkedHashMap<>();
        for (int i = 0; i < cooperating.size(); i++) {
            Listed a = cooperating.get(i);
            answers.get(i).ifPresent(why -> {
                refusals.put(a, why);
                if (force) {
                    LOG.log(System.Logger.Level.INFO, "{0} refused ({1}); the shutdown is forced", a.app().name(), why);
                }
            });
        }
        return refusals;
    }

    /** One app's answer to the query: empty if it allows, else why not. */
    private Optional<String> refusal(Listed a, Set<EndSessionFlag> flags) {
        try {
            ControlMessage answer = ControlClient.request(socket(a), ControlMessage.query(flags), config.queryTimeout());
            if (!"answer".equals(answer.type()) || answer.allow() == null) {
                return Optional.of("answered the end-session query with '" + answer.type() + "'");
            }
            if (!answer.allow()) {
                return Optional.of(answer.reason() == null || answer.reason().isBlank() ? "refused without a reason"
                        : answer.reason());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("did not answer the end-session query: " + e.getMessage());
        }
    }

    /** Tells apps that agreed that the session does not end after all (WM_ENDSESSION with FALSE). */
    public void cancelled(List<Listed> agreed, Set<EndSessionFlag> flags) {
        inParallel(agreed, a -> {
            try {
                ControlClient.request(socket(a), ControlMessage.end(false, flags), config.queryTimeout());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.INFO, "could not tell {0} the end was cancelled: {1}", a.app().name(), e.getMessage());
            }
            return Optional.empty();
        });
    }

    /** Runs {@code ask} for every app at the same time (each bounded by its own timeout); results in order. */
    private static List<Optional<String>> inParallel(List<Listed> apps, Function<Listed, Optional<String>> ask) {
        if (apps.size() <= 1) {
            return apps.stream().map(ask).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(apps.size(), MAX_PARALLEL), r -> {
            Thread t = new Thread(r, "rmkit-query");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Optional<String>>> futures = new ArrayList<>();
            for (Listed a : apps) {
                futures.add(pool.submit(() -> ask.apply(a)));
            }
            List<Optional<String>> out = new ArrayList<>();
            for (Future<Optional<String>> f : futures) {
                out.add(join(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<String> join(Future<Optional<String>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("not asked: the query round was interrupted");
        } catch (ExecutionException e) {
            return Optional.of("could not be asked: " + e.getCause());
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
