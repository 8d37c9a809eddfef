package dev.rmkit.burner.cli;

import dev.rmkit.rm.RmKit;
import picocli.CommandLine.IVersionProvider;

/** Prints the project version for {@code --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"burner " + RmKit.version()};
    }
}
