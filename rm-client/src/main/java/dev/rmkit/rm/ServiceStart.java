package dev.rmkit.rm;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SystemControl#startService} found and did.
 *
 * @param alreadyRunning true if the service was already up and was left alone (not started again)
 * @param mainProcess its main process once up, if it has one (a one-shot or forking unit may not)
 */
public record ServiceStart(boolean alreadyRunning, Optional<ProcessId> mainProcess) {
    public ServiceStart {
        Objects.requireNonNull(mainProcess, "mainProcess");
    }
}
