package dev.rmkit.rm;

import java.util.Objects;

/** A session filter ({@code RM_FILTER_INFO}): keep a target from being shut down or restarted. */
public record Filter(FilterTarget target, FilterAction action) {
    public Filter {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
    }
}
