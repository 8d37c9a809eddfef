package dev.rmkit.rm;

import java.util.List;

/**
 * The result of {@link RestartSession#restart}: each application the session shut down, restarted
 * or not (with the reason). {@link #complete()} is false in the ERROR_FAIL_RESTART case.
 */
public record RestartResult(List<AppOutcome> apps) {
    public RestartResult {
        apps = List.copyOf(apps);
    }

    public boolean complete() {
        return apps.stream().allMatch(a -> a.reason().isEmpty());
    }
}
