package dev.rmkit.rm.windows;

import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.PowerEvent;
import dev.rmkit.rm.QueryAnswer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A listener that answers as told and records what it was asked, with the thread it was asked on. */
final class RecordingListener implements EndSessionListener {

    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    volatile QueryAnswer answer = QueryAnswer.allow();
    volatile boolean failOnQuery;

    @Override
    public QueryAnswer queryEndSession(Set<EndSessionFlag> flags) {
        events.add("query " + new TreeSet<>(flags));
        if (failOnQuery) {
            throw new IllegalStateException("boom");
        }
        return answer;
    }

    @Override
    public void endSession(boolean ending, Set<EndSessionFlag> flags) {
        events.add((ending ? "end " : "cancelled ") + new TreeSet<>(flags) + " on " + Thread.currentThread().getName());
    }

    @Override
    public void close() {
        events.add("close");
    }

    @Override
    public void powerEvent(PowerEvent event) {
        events.add("power " + event);
    }
}
