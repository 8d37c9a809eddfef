package dev.rmkit.systemdit.container;

import java.util.List;

/**
 * How a command ended: its exit code and its output.
 *
 * @param command what ran (for messages)
 * @param exit the exit code (the command's own when it ran in a unit through {@code systemd-run --wait})
 * @param out standard output
 * @param err standard error
 */
public record Result(List<String> command, int exit, String out, String err) {

    public Result {
        command = List.copyOf(command);
    }

    /** Fails with the command and its output unless it exited with {@code expected}. */
    public Result requireExit(int expected) {
        if (exit != expected) {
            throw new AssertionError("expected exit " + expected + ": " + this);
        }
        return this;
    }

    /** Standard output, trimmed. */
    public String text() {
        return out.strip();
    }

    @Override
    public String toString() {
        return String.join(" ", command) + "\n exit " + exit + "\n stdout: " + out + "\n stderr: " + err;
    }
}
