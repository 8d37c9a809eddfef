package dev.rmkit.updater.auto;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The next planned action, as {@code updater status} shows it.
 *
 * @param action what the run at {@code at} is expected to do
 * @param at when the scheduler is expected to start that run (before its random spread); empty when
 *     nothing is planned (up to date: the next check finds out; or a reboot only someone else can do)
 * @param words one phrase for people: "next try in the window Sat 02:00"
 */
public record NextStep(Action action, Optional<Instant> at, String words) {
    public NextStep {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(words, "words");
    }
}
