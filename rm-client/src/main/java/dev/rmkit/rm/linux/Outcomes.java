package dev.rmkit.rm.linux;

import dev.rmkit.rm.AppOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of each app of a shutdown, in the order they were first given, looked up by identity: the
 * very {@link Listed} of the listing. Not a hash map keyed by {@code Listed}: a record's generated
 * {@code hashCode} hashes every component (the app, its whole stat line, its registration), through method
 * handles that the JIT compiles once they turn hot, and the outcomes are recorded while the apps are down
 * (docs/performance.md, "Seventh round"). A shutdown has few apps: the lookups are a scan.
 */
final class Outcomes {

    private final List<Listed> apps = new ArrayList<>();
    private final List<AppOutcome> outcomes = new ArrayList<>();

    /** Gives {@code app} the outcome {@code outcome}, in place of any it had. */
    void put(Listed app, AppOutcome outcome) {
        int i = indexOf(app);
        if (i < 0) {
            apps.add(app);
            outcomes.add(outcome);
        } else {
            outcomes.set(i, outcome);
        }
    }

    /** The outcome of {@code app}; it must have one. */
    AppOutcome get(Listed app) {
        int i = indexOf(app);
        if (i < 0) {
            throw new IllegalArgumentException("no outcome for " + app.app().name());
        }
        return outcomes.get(i);
    }

    /** Every outcome, in the order the apps were first given one. */
    List<AppOutcome> values() {
        return new ArrayList<>(outcomes);
    }

    private int indexOf(Listed app) {
        for (int i = 0; i < apps.size(); i++) {
            if (apps.get(i) == app) {
                return i;
            }
        }
        return -1;
    }
}
