package dev.rmkit.updater.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code plan} and {@code apply} share: which manifest, onto which install, trusting which key. */
final class ManifestOptions {

    @Option(names = "--manifest", required = true, paramLabel = "M", description = "Manifest path or http(s) URL.")
    String manifest;

    @Option(names = "--install-dir", required = true, paramLabel = "D",
            description = "The install (apply creates it if missing).")
    Path installDir;

    @Option(names = "--trust", paramLabel = "KEYFILE",
            description = "Publisher public key: apply pins it on first use; plan only checks with it.")
    Path trust;

    @Option(names = "--allow-downgrade", description = "Accept a version that is not newer than the installed one.")
    boolean allowDowngrade;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    Optional<Path> trustKey() {
        return Optional.ofNullable(trust);
    }
}
