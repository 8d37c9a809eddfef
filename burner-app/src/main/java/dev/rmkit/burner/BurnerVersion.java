package dev.rmkit.burner;

import dev.rmkit.rm.RmKit;
import java.util.Optional;

/**
 * The version the burner reports ({@code --version}, and the first line of {@code start}): the
 * {@code Implementation-Version} of the jar it runs from, else the rmkit build version. A release
 * stamps its own number into its {@code burner.jar}; because that jar is one of the files an update
 * swaps, a burner restarted after an update reports the new release from the new file, not from
 * anything the updater wrote about it.
 */
public final class BurnerVersion {

    private BurnerVersion() {}

    /** This running burner's version. */
    public static String current() {
        return of(Optional.ofNullable(BurnerVersion.class.getPackage().getImplementationVersion()), RmKit.version());
    }

    /** The stamped version when there is a non-blank one, else the build version. */
    static String of(Optional<String> stamped, String build) {
        return stamped.map(String::strip).filter(s -> !s.isEmpty()).orElse(build);
    }
}
