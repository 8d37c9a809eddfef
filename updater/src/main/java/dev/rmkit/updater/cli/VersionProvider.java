package dev.rmkit.updater.cli;

import dev.rmkit.rm.RmKit;
import picocli.CommandLine.IVersionProvider;

/** Prints the project version for {@code --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    /** The one line {@code updater --version} prints. */
    public static String line() {
        return "updater " + RmKit.version();
    }
}
