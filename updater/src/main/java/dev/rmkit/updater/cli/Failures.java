package dev.rmkit.updater.cli;

import dev.rmkit.rm.RmException;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Problems;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.rm.console.SafeText;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every updater command ends on an error, so no command has to do it itself (including commands
 * added later): a usage error is one line plus a pointer to {@code --help} (with a suggestion for a
 * misspelled option), any other failure one line with its cause; with {@code --json} it is instead
 * exactly one JSON object on stdout: {@code command}, {@code outcome}, {@code exitCode},
 * {@code message} (and {@code help} for a usage error). A typed {@link UpdateException} ends with its
 * own exit code; anything unexpected is an internal error (70) whose details {@code --verbose} logs.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private static final System.Logger LOG = System.getLogger(Failures.class.getName());
    static final String JSON_OPTION = "--json";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        // picocli reports a missing option before an unknown one; the unknown one is the real mistake
        // (a misspelling of the missing one, usually), so it is the one named.
        List<String> unknown = unknownOptions(cl, args);
        if (!(ex instanceof UnmatchedArgumentException) && !unknown.isEmpty()) {
            ex = new UnmatchedArgumentException(cl, unknown);
        }
        // picocli prefixes some messages (argument groups) with "Error: ": the line says updater X: already.
        StringBuilder msg = new StringBuilder(lowerFirst(Problems.oneLine(ex.getMessage()).replaceFirst("^(?i)error: ", "")));
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                msg.append(" (did you mean ").append(String.join(" or ", suggestions.subList(0, Math.min(3,
                        suggestions.size())))).append("?)");
            }
        }
        return print(cl, jsonAsked(args), ExitCode.USAGE, msg.toString());
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult full) {
        ExitCode code;
        String msg;
        if (ex instanceof UpdateException u) {
            code = u.exitCode();
            msg = u.getMessage();
        } else if (ex instanceof RmException r) {
            code = r.errorCode() == 5 || r.errorCode() == 13 ? ExitCode.NO_PERMISSION : ExitCode.FAILED;
            msg = Problems.oneLine(r.getMessage());
        } else {
            LOG.log(System.Logger.Level.DEBUG, "updater " + cl.getCommandName() + " failed", ex);
            code = ExitCode.FAILED;
            msg = "internal error: " + Problems.describe(ex) + " (run with --verbose for details)";
        }
        boolean json = cl.getParseResult() != null && cl.getParseResult().hasMatchedOption(JSON_OPTION);
        return print(cl, json, code, msg);
    }

    /** Ends {@code cl}'s run with a failure: the text line (or the JSON object, on one line as reports are); returns the exit code. */
    static int print(CommandLine cl, boolean json, ExitCode code, String message) {
        String qualified = cl.getCommandSpec().qualifiedName();
        String line = Problems.oneLine(message);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("command", cl.getCommandName());
            o.put("outcome", Outcome.of(code).name());
            o.put("exitCode", code.code());
            o.put("message", line);
            if (code == ExitCode.USAGE) {
                o.put("help", qualified + " --help");
            }
            PrintWriter out = cl.getOut();
            out.println(StateJson.line(o));
            out.flush();
        } else {
            PrintWriter err = cl.getErr();
            err.println(qualified + ": " + SafeText.line(line));
            if (code == ExitCode.USAGE) {
                err.println("Try '" + qualified + " --help' for more information.");
            }
            err.flush();
        }
        return code.code();
    }

    /** The arguments after {@code cl}'s name that look like options {@code cl} does not have. */
    private static List<String> unknownOptions(CommandLine cl, String[] args) {
        List<String> unknown = new java.util.ArrayList<>();
        boolean inCommand = cl.getParent() == null;
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (!inCommand) {
                inCommand = a.equals(cl.getCommandName());
                continue;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (name.startsWith("-") && name.length() > 1 && cl.getCommandSpec().findOption(name) == null) {
                unknown.add(a);
            }
        }
        return unknown;
    }

    /** Whether {@code --json} was given (before a {@code --} that ends the options). */
    static boolean jsonAsked(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals(JSON_OPTION)) {
                return true;
            }
        }
        return false;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1))) ? s
                : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
