package dev.rmkit.updater.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rmkit.updater.Durations;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.UnsafePathException;
import dev.rmkit.updater.manifest.Locations;
import dev.rmkit.updater.json.Schemas;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a policy file: strict JSON, then {@code manifests/policy.schema.json}, then what a schema
 * cannot say (durations, time zone, windows, the feed location). Any problem is a usage error whose
 * message names the file and the field ({@code policy P: windows[0].start: ...}); nothing is read
 * half-way.
 */
public final class PolicyLoader {
    /** A policy is a handful of lines; anything this large is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private PolicyLoader() {}

    /** Reads {@code file}; windows without a {@code timeZone} are in {@code systemZone}. */
    public static Policy load(Path file, ZoneId systemZone) throws UpdateException.Usage {
        return parse(read(file), file.toString(), systemZone);
    }

    /**
     * The bytes of a policy file the user names (links followed: the path is the user's choice), at most
     * {@link #MAX_BYTES}; a missing or unreadable file is a usage error naming it.
     */
    public static byte[] read(Path file) throws UpdateException.Usage {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge(file);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UpdateException.Usage("policy " + file + " does not exist");
        } catch (IOException e) {
            throw new UpdateException.Usage("cannot read policy " + file + ": " + e.getMessage());
        }
    }

    /**
     * The install's own policy, {@code .rmkit/policy.json} ({@code updater schedule install} stored it),
     * read only as a file the updater wrote: a link there, or at {@code .rmkit}, is refused (exit 70),
     * named, and not followed.
     */
    public static Policy loadInstalls(InstallLayout layout, ZoneId systemZone) throws UpdateException {
        Path file = layout.policyFile();
        byte[] bytes;
        try {
            bytes = layout.files().readOwn(file);
        } catch (UnsafePathException e) {
            throw new UpdateException.ApplyFailed(e.getMessage() + "; nothing was changed", e);
        } catch (NoSuchFileException e) {
            throw new UpdateException.Usage("policy " + file + " does not exist");
        } catch (IOException e) {
            throw new UpdateException.Usage("cannot read policy " + file + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file);
        }
        return parse(bytes, file.toString(), systemZone);
    }

    private static UpdateException.Usage tooLarge(Path file) {
        return new UpdateException.Usage("policy " + file + " is larger than " + MAX_BYTES + " bytes");
    }

    /** Parses policy bytes; {@code name} names them in messages. */
    public static Policy parse(byte[] bytes, String name, ZoneId systemZone) throws UpdateException.Usage {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw problem(name, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw problem(name, "not a JSON object");
        }
        List<String> violations = Schemas.POLICY.violationsByField(root);
        if (!violations.isEmpty()) {
            throw problem(name, String.join("; ", violations)
                    + (violations.stream().anyMatch(v -> v.endsWith(": unknown field")) ? " (see manifests/policy.schema.json)" : ""));
        }
        try {
            return build(root, systemZone);
        } catch (IllegalArgumentException e) {
            throw problem(name, e.getMessage());
        }
    }

    private static Policy build(JsonNode root, ZoneId systemZone) {
        String feed = root.get("feed").asText();
        checkFeed(feed);
        JsonNode check = root.path("check");
        Duration every = duration(check, "every", "check.every", Policy.DEFAULT_EVERY, Durations.Rule.POLICY);
        if (every.compareTo(Policy.MIN_EVERY) < 0) {
            throw new IllegalArgumentException("check.every: at least " + Durations.format(Policy.MIN_EVERY));
        }
        Duration spread = duration(check, "spread", "check.spread", Policy.DEFAULT_SPREAD, Durations.Rule.POLICY_OR_ZERO);
        ZoneId zone = systemZone;
        if (root.has("timeZone")) {
            try {
                zone = ZoneId.of(root.get("timeZone").asText());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("timeZone: unknown time zone '" + root.get("timeZone").asText() + "'");
            }
        }
        Optional<Duration> deadline = "never".equals(root.path("deadline").asText())
                ? Optional.empty()
                : Optional.of(duration(root, "deadline", "deadline", Policy.DEFAULT_DEADLINE, Durations.Rule.POLICY));
        if (deadline.isEmpty() && root.has("grace")) {
            throw new IllegalArgumentException("grace: has no meaning with \"deadline\": \"never\"");
        }
        Duration grace = duration(root, "grace", "grace", Policy.DEFAULT_GRACE, Durations.Rule.POLICY_OR_ZERO);
        RebootRule reboot = RebootRule.of(root.path("reboot").asText("never")).orElseThrow();
        boolean ac = root.path("conditions").path("onAcPower").asBoolean(false);
        return new Policy(feed, Optional.ofNullable(root.get("channel")).map(JsonNode::asText), every, spread,
                windows(root.path("windows")), zone, deadline, grace, reboot, ac);
    }

    private static List<MaintenanceWindow> windows(JsonNode array) {
        List<MaintenanceWindow> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode w = array.get(i);
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (JsonNode d : w.path("days")) {
                days.add(DayOfWeek.of(List.of(DAYS).indexOf(d.asText()) + 1));
            }
            int start = MaintenanceWindow.minuteOf(w.get("start").asText());
            int end = MaintenanceWindow.minuteOf(w.get("end").asText());
            if (start == end) {
                throw new IllegalArgumentException("windows[" + i + "]: end equals start; write 00:00-24:00 for a whole day");
            }
            out.add(new MaintenanceWindow(days, start, end));
        }
        return out;
    }

    private static Duration duration(JsonNode parent, String key, String field, Duration fallback, Durations.Rule rule) {
        if (!parent.has(key)) {
            return fallback;
        }
        try {
            return Durations.parse(parent.get(key).asText(), rule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    private static void checkFeed(String feed) {
        URI uri;
        try {
            uri = Locations.toUri(feed);
        } catch (UpdateException.Usage e) {
            throw new IllegalArgumentException("feed: " + e.getMessage());
        }
        if ("file".equals(uri.getScheme()) && !feed.startsWith("file:") && !Path.of(feed).isAbsolute()) {
            throw new IllegalArgumentException("feed: a path must be absolute (the scheduler runs elsewhere): " + feed);
        }
        if ("file".equals(uri.getScheme()) && FeedKind.of(feed) == FeedKind.MANIFEST && isDirectory(uri)) {
            throw new IllegalArgumentException("feed: " + feed + " is a directory; write " + feed
                    + "/ to follow its release index (a manifest is a file)");
        }
    }

    private static boolean isDirectory(URI file) {
        try {
            return Files.isDirectory(Path.of(file));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return false; // not a local path: the fetch names the problem
        }
    }

    private static UpdateException.Usage problem(String name, String what) {
        return new UpdateException.Usage("policy " + name + ": " + what);
    }
}
