package dev.rmkit.updater.cli;

import dev.rmkit.updater.apply.HolderOptions;
import dev.rmkit.updater.reboot.RebootMode;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code apply} and {@code rollback} share: how the apps holding the files are treated. */
final class HolderMixin {

    @Mixin AskMixin ask;

    @Option(names = "--reboot", paramLabel = "never|if-needed", converter = Converters.Reboot.class,
            description = "If the swap can only finish at the next boot: never (report it, exit 100) or if-needed "
                    + "(reboot now, exit 101; the reboot command is RMKIT_REBOOT_COMMAND or systemctl reboot).")
    RebootMode reboot = RebootMode.NEVER;

    @Option(names = "--no-restart", description = "Leave the closed apps closed (updater restart-apps starts them later).")
    boolean noRestart;

    /** The options, with the live line on {@code err} saying whom the closing waits for. */
    HolderOptions options(PrintWriter err) {
        return ask.options(reboot, noRestart ? HolderOptions.AfterSwap.LEAVE_CLOSED : HolderOptions.AfterSwap.RESTART, err);
    }
}
