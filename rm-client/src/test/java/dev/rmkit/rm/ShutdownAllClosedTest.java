package dev.rmkit.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The portable {@code shutdown(options, progress, allClosed)}, as a backend without its own (Windows) runs it:
 * {@code allClosed} once, with the result, only when every app closed, before that result is returned.
 */
class ShutdownAllClosedTest {

    /** A session whose only own answer is {@code result} for a shutdown; the portable defaults run as they are. */
    private static RestartSession answering(ShutdownResult result, List<String> calls) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("shutdown")) {
                calls.add("shutdown");
                return result;
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (RestartSession) Proxy.newProxyInstance(RestartSession.class.getClassLoader(),
                new Class<?>[] {RestartSession.class}, h);
    }

    @Test
    void everyAppClosedRunsItOnceWithTheResultBeforeTheReturn() throws Exception {
        ShutdownResult complete = new ShutdownResult(ShutdownResult.Outcome.COMPLETE, List.of());
        List<String> calls = new ArrayList<>();
        List<ShutdownResult> seen = new ArrayList<>();

        ShutdownResult r = answering(complete, calls).shutdown(Set.of(), p -> { }, x -> {
            calls.add("allClosed");
            seen.add(x);
        });

        assertSame(complete, r);
        assertEquals(List.of(complete), seen);
        assertEquals(List.of("shutdown", "allClosed"), calls);
    }

    @Test
    void anythingElseDoesNotRunIt() throws Exception {
        for (ShutdownResult.Outcome o : List.of(ShutdownResult.Outcome.NOT_ALL_CLOSED, ShutdownResult.Outcome.REBOOT_REQUIRED)) {
            List<String> calls = new ArrayList<>();

            ShutdownResult r = answering(new ShutdownResult(o, List.of()), calls).shutdown(Set.of(), p -> { },
                    x -> calls.add("allClosed"));

            assertEquals(o, r.outcome());
            assertEquals(List.of("shutdown"), calls, o.toString());
        }
    }
}
