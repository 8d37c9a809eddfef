package dev.rmkit.updater.cli;

import dev.rmkit.updater.apply.ReleaseSource;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options {@code plan} and {@code apply} share: which release, onto which install, trusting which key. */
final class ManifestOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** {@code --manifest M} or {@code --feed URL}: exactly one. */
    static final class Source {
        @Option(names = "--manifest", required = true, paramLabel = "M", description = "Manifest path or http(s) URL.")
        String manifest;

        @Option(names = "--feed", required = true, paramLabel = "URL",
                description = "Feed directory or URL: take the newest release of the install's channel from its signed index.")
        String feed;
    }

    @Option(names = "--channel", paramLabel = "C",
            description = "With --feed: the channel to follow (default: the installed one, or stable).")
    String channel;

    @Option(names = "--install-dir", required = true, paramLabel = "D",
            description = "The install (apply creates it if missing).")
    Path installDir;

    @Option(names = "--trust", paramLabel = "KEYFILE",
            description = "Publisher public key (KEY.pub) or root of trust (root.json): apply pins it on first use; "
                    + "plan only checks with it.")
    Path trust;

    @Option(names = "--allow-downgrade", description = "Accept a version that is not newer than the installed one.")
    boolean allowDowngrade;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    ReleaseSource release() {
        if (channel != null && source.feed == null) {
            throw new ParameterException(mixee.commandLine(), "--channel goes with --feed");
        }
        return source.feed != null ? ReleaseSource.feed(source.feed, Optional.ofNullable(channel))
                : ReleaseSource.manifest(source.manifest);
    }

    Optional<Path> trustKey() {
        return Optional.ofNullable(trust);
    }
}
