package dev.rmkit.systemdit.container;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One command to run inside a container: its argv, the user it runs as (root if none), extra
 * environment variables, its working directory and how long it may take. Immutable; the {@code with}
 * methods return changed copies.
 */
public record Step(List<String> argv, Optional<String> user, Map<String, String> env, Optional<String> cwd,
        Duration limit) {

    /** The default limit: generous, only a backstop against a hung scenario. */
    public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(3);

    public Step {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a step needs a program");
        }
        Objects.requireNonNull(user, "user");
        env = Map.copyOf(env);
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(limit, "limit");
    }

    public static Step of(String... argv) {
        return new Step(List.of(argv), Optional.empty(), Map.of(), Optional.empty(), DEFAULT_LIMIT);
    }

    public static Step of(List<String> argv) {
        return new Step(argv, Optional.empty(), Map.of(), Optional.empty(), DEFAULT_LIMIT);
    }

    /** Runs as {@code name} (a user of the container). */
    public Step as(String name) {
        return new Step(argv, Optional.of(name), env, cwd, limit);
    }

    public Step env(String name, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(name, value);
        return new Step(argv, user, e, cwd, limit);
    }

    public Step in(String dir) {
        return new Step(argv, user, env, Optional.of(dir), limit);
    }

    public Step limit(Duration d) {
        return new Step(argv, user, env, cwd, d);
    }

    /** The {@code systemd-run} options that give a transient unit this step's user, environment and directory. */
    List<String> unitOptions() {
        List<String> o = new ArrayList<>();
        user.ifPresent(u -> o.add("--uid=" + u));
        cwd.ifPresent(d -> o.add("--working-directory=" + d));
        env.forEach((k, v) -> o.add("--setenv=" + k + "=" + v));
        return o;
    }
}
