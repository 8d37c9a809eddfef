package dev.rmkit.rm.linux;

import static dev.rmkit.rm.linux.TestListings.listed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    @Test
    void keepsTheOrderTheAppsWereFirstGivenAndReplacesInPlace() {
        Listed a = listed(10);
        Listed b = listed(11);
        Listed c = listed(12);
        Outcomes o = new Outcomes();
        o.put(b, AppOutcome.ok(b.app()));
        o.put(a, AppOutcome.ok(a.app()));
        o.put(c, AppOutcome.ok(c.app()));
        AppOutcome stopped = AppOutcome.ok(a.app().withStatus(EnumSet.of(AppStatus.STOPPED)));
        o.put(a, stopped);
        assertEquals(List.of(AppOutcome.ok(b.app()), stopped, AppOutcome.ok(c.app())), o.values());
        assertSame(stopped, o.get(a));
    }

    /** Looked up by identity: the very Listed of the listing; an equal copy is another app's key. */
    @Test
    void looksAppsUpByIdentity() {
        Listed a = listed(10);
        Listed copy = listed(10);
        assertEquals(a, copy);
        Outcomes o = new Outcomes();
        o.put(a, AppOutcome.ok(a.app()));
        assertThrows(IllegalArgumentException.class, () -> o.get(copy));
        o.put(copy, AppOutcome.failed(copy.app(), "refused"));
        assertEquals(2, o.values().size());
    }

    @Test
    void valuesIsACopy() {
        Listed a = listed(10);
        Outcomes o = new Outcomes();
        o.put(a, AppOutcome.ok(a.app()));
        List<AppOutcome> before = o.values();
        o.put(listed(11), AppOutcome.ok(a.app()));
        assertEquals(1, before.size());
    }
}
