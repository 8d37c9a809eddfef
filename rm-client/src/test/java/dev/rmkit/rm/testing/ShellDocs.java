package dev.rmkit.rm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Run by the build of each app (exec-maven-plugin, after the test classes are compiled): writes the
 * app's bash/zsh completion script ({@code completion/NAME_completion}, picocli's {@link AutoComplete})
 * and its man pages as AsciiDoc ({@code adoc/NAME.adoc}, {@code adoc/NAME-SUB.adoc}, picocli-codegen's
 * {@link ManPageGenerator}; asciidoctor turns them into troff) from the command line the app itself
 * runs, so they cannot describe options it does not have. Arguments: the output directory and the
 * root command's class, whose static {@code commandLine()} builds it.
 */
public final class ShellDocs {

    private ShellDocs() {}

    public static void main(String[] args) throws Exception {
        CommandLine cl = (CommandLine) Class.forName(args[1]).getMethod("commandLine").invoke(null);
        write(cl, Path.of(args[0]));
    }

    /**
     * What the generated files lack: every subcommand, and every option name of every (sub)command, must be
     * in the completion script and in that command's man page. Empty when they are complete; a build that
     * did not regenerate them after an option was added fails here.
     */
    public static List<String> missing(CommandLine cl, Path out) throws IOException {
        List<String> problems = new ArrayList<>();
        String name = cl.getCommandName();
        String completion = read(out.resolve("completion/" + name + "_completion"), problems);
        check(cl, name, completion, out, problems);
        return problems;
    }

    private static void check(CommandLine cl, String page, String completion, Path out, List<String> problems)
            throws IOException {
        String man = read(out.resolve("man/" + page + ".1"), problems).replace("\\-", "-").replace("\\(hy", "-");
        for (OptionSpec o : cl.getCommandSpec().options()) {
            for (String n : o.names()) {
                if (!completion.contains(n)) {
                    problems.add(page + ": " + n + " is not in the completion script");
                }
                if (!man.contains(n)) {
                    problems.add(page + ": " + n + " is not in the man page " + page + ".1");
                }
            }
        }
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (!completion.contains(sub.getKey())) {
                problems.add(page + ": the subcommand " + sub.getKey() + " is not in the completion script");
            }
            check(sub.getValue(), page + "-" + sub.getKey(), completion, out, problems);
        }
    }

    private static String read(Path file, List<String> problems) throws IOException {
        if (!Files.isRegularFile(file)) {
            problems.add(file + " was not generated");
            return "";
        }
        return Files.readString(file);
    }

    static void write(CommandLine cl, Path out) throws IOException {
        String name = cl.getCommandName();
        Path completion = Files.createDirectories(out.resolve("completion"));
        Files.writeString(completion.resolve(name + "_completion"), AutoComplete.bash(name, cl));
        Path adoc = Files.createDirectories(out.resolve("adoc"));
        int rc = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, cl.getCommandSpec());
        if (rc != 0) {
            throw new IOException("the man page generator answered " + rc + " for " + name);
        }
    }
}
