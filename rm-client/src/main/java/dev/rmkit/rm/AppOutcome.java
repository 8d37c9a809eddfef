package dev.rmkit.rm;

import java.util.Objects;
import java.util.Optional;

/**
 * What a shutdown or restart did to one application.
 *
 * @param app the application, with its status after the operation
 * @param reason why it did not stop or restart (a veto's reason, a timeout, an error), if it did not
 * @param newProcess the restarted process, after a successful restart
 */
public record AppOutcome(AffectedApp app, Optional<String> reason, Optional<ProcessId> newProcess) {
    public AppOutcome {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(newProcess, "newProcess");
    }

    public static AppOutcome ok(AffectedApp app) {
        return new AppOutcome(app, Optional.empty(), Optional.empty());
    }

    public static AppOutcome failed(AffectedApp app, String reason) {
        return new AppOutcome(app, Optional.of(reason), Optional.empty());
    }
}
