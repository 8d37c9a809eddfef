package dev.rmkit.updater.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.UpdateException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Manifest bytes to a {@link Manifest}: strict JSON, then the JSON Schema, then the rules a schema
 * cannot express (path rules across entries, expiry after release, URL schemes). Pure: no I/O, no
 * clock; the signature and expiry are checked by {@link ManifestLoader}.
 */
public final class ManifestParser {
    /** Largest manifest accepted (1 MiB, about 5,000 files); the fetch stops reading beyond it. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final int MAX_REPORTED = 5;

    private ManifestParser() {}

    public static Manifest parse(byte[] bytes) throws UpdateException.Rejected {
        if (bytes.length > MAX_BYTES) {
            throw new UpdateException.Rejected("manifest is larger than the " + MAX_BYTES + "-byte limit");
        }
        JsonNode root = ManifestJson.readTree(bytes);
        List<String> schema = ManifestSchema.violations(root);
        if (!schema.isEmpty()) {
            throw new UpdateException.Rejected("schema violation: " + summary(schema));
        }
        Instant released;
        Instant expires;
        try {
            released = ManifestJson.instant(root.get("released"));
            expires = ManifestJson.instant(root.get("expires"));
        } catch (DateTimeParseException e) {
            throw new UpdateException.Rejected("schema violation: " + e.getMessage());
        }
        if (!expires.isAfter(released)) {
            throw new UpdateException.Rejected("schema violation: expires " + expires + " is not after released " + released);
        }
        List<ManifestFile> files = new ArrayList<>();
        for (JsonNode f : root.get("files")) {
            List<Patch> patches = new ArrayList<>();
            for (JsonNode p : f.path("patches")) {
                patches.add(new Patch(p.get("baseSha256").asText(), p.get("size").asLong(), p.get("sha256").asText(),
                        p.get("url").asText()));
            }
            files.add(new ManifestFile(f.get("path").asText(), f.get("size").asLong(),
                    f.get("sha256").asText(), f.get("url").asText(), f.path("executable").asBoolean(false), patches));
        }
        List<String> removals = new ArrayList<>();
        if (root.has("removals")) {
            root.get("removals").forEach(r -> removals.add(r.asText()));
        }
        List<String> problems = new ArrayList<>(PathRules.violations(files.stream().map(ManifestFile::path).toList(), removals));
        for (ManifestFile f : files) {
            urlViolation(f.url()).ifPresent(v -> problems.add("file '" + f.path() + "' url '" + f.url() + "': " + v));
            for (Patch p : f.patches()) {
                urlViolation(p.url()).ifPresent(v -> problems.add("patch of '" + f.path() + "' url '" + p.url() + "': " + v));
            }
        }
        if (!problems.isEmpty()) {
            throw new UpdateException.Rejected("unsafe path: " + summary(problems));
        }
        return new Manifest(root.get("product").asText(), root.get("channel").asText(), root.get("version").asText(),
                released, expires, files, removals, root.path("rebootRequired").asBoolean(false));
    }

    /**
     * Why a file URL is not acceptable, or empty. Relative references resolve against the manifest;
     * absolute ones must be http or https, so a remote manifest cannot make the updater read local
     * files or speak other protocols.
     */
    static Optional<String> urlViolation(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a URI reference (" + e.getReason() + ")");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("has a fragment");
        }
        if (uri.isAbsolute()) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.of("scheme '" + scheme + "' is not http or https");
            }
            if (uri.getHost() == null) {
                return Optional.of("has no host");
            }
        } else if (uri.getRawAuthority() != null) {
            return Optional.of("network-path references (//host/...) are not allowed");
        }
        return Optional.empty();
    }

    private static String summary(List<String> problems) {
        String s = String.join("; ", problems.subList(0, Math.min(MAX_REPORTED, problems.size())));
        return problems.size() > MAX_REPORTED ? s + "; and " + (problems.size() - MAX_REPORTED) + " more" : s;
    }
}
