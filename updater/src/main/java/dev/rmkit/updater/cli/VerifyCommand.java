package dev.rmkit.updater.cli;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.verify.Verifier;
import dev.rmkit.updater.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater verify}: are the installed files the ones the install recorded? Changes nothing. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks every installed file against the install's record (size, SHA-256, execute permission) "
                + "and lists missing, changed and unexpected files. Exits 102 (Windows 1392) if any is missing or "
                + "changed. Changes nothing.")
public final class VerifyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin InstallDirOptions install;

    @Option(names = "--strict", description = "Unexpected files (not installed by the updater) also count as a mismatch.")
    boolean strict;

    @Override
    public Integer call() throws UpdateException {
        VerifyReport r = Verifier.verify(install.installDir, strict);
        PrintWriter out = spec.commandLine().getOut();
        out.print(install.json ? StateJson.line(r) + System.lineSeparator() : r.text());
        out.flush();
        return (r.matches() ? ExitCode.OK : ExitCode.MISMATCH).code();
    }
}
