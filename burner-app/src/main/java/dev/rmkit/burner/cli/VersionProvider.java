package dev.rmkit.burner.cli;

import dev.rmkit.burner.BurnerVersion;
import picocli.CommandLine.IVersionProvider;

/** Prints the burner's version for {@code --version} (see {@link BurnerVersion}). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"burner " + BurnerVersion.current()};
    }
}
