package dev.rmkit.rm.linux;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A session's registered resources as stored in {@code RUNTIME/sessions/KEY.json}, so that a session
 * joined from another process adds to the same set. Processes are stored as pid and start tick.
 */
record SessionResources(
        @JsonProperty("v") int v,
        @JsonProperty("files") List<String> files,
        @JsonProperty("processes") List<Proc> processes,
        @JsonProperty("services") List<String> services) {

    /** One registered process: pid and start tick. */
    record Proc(@JsonProperty("pid") long pid, @JsonProperty("startTicks") long startTicks) {}

    SessionResources {
        files = files == null ? List.of() : List.copyOf(files);
        processes = processes == null ? List.of() : List.copyOf(processes);
        services = services == null ? List.of() : List.copyOf(services);
    }

    static SessionResources empty() {
        return new SessionResources(1, List.of(), List.of(), List.of());
    }

    SessionResources plus(List<String> moreFiles, List<Proc> moreProcesses, List<String> moreServices) {
        return new SessionResources(v, union(files, moreFiles), union(processes, moreProcesses), union(services, moreServices));
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        LinkedHashSet<T> set = new LinkedHashSet<>(a);
        b.forEach(x -> set.add(Objects.requireNonNull(x)));
        return List.copyOf(set);
    }
}
