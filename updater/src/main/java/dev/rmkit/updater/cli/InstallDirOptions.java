package dev.rmkit.updater.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that work on one existing install: which, and whether to print JSON. */
final class InstallDirOptions {

    @Option(names = "--install-dir", required = true, paramLabel = "D", description = "The install.")
    Path installDir;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;
}
