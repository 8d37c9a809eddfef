package dev.rmkit.burner.cli;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where {@code burner start} reports its events: standard output and, with {@code --log FILE}, also
 * appended to that file. An installer that restarts the burner discards its output (rm-client's Linux
 * restart connects it to {@code /dev/null}, and Windows starts it without a console), so the file is
 * the only place a restarted burner can say what it restored. Progress lines are not logged.
 */
final class EventLog implements AutoCloseable {

    private final PrintWriter out;
    private Optional<BufferedWriter> file;

    private EventLog(PrintWriter out, Optional<BufferedWriter> file) {
        this.out = out;
        this.file = file;
    }

    /** Opens {@code file} for appending (created if missing); a file that cannot be written is bad input. */
    static EventLog open(PrintWriter out, Optional<Path> file) throws BurnerException {
        if (file.isEmpty()) {
            return new EventLog(out, Optional.empty());
        }
        try {
            return new EventLog(out, Optional.of(Files.newBufferedWriter(file.get(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)));
        } catch (IOException e) {
            throw new BurnerException(ExitCode.NO_INPUT, "cannot write the log " + file.get() + ": " + e);
        }
    }

    /** Prints one line and appends it to the log; a log that fails is reported once and then left alone. */
    synchronized void line(String text) {
        out.println(text);
        out.flush();
        if (file.isPresent()) {
            try {
                file.get().write(text);
                file.get().newLine();
                file.get().flush();
            } catch (IOException e) {
                file = Optional.empty();
                out.println("warning: stopped writing the log: " + e.getMessage());
                out.flush();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (file.isPresent()) {
            try {
                file.get().close();
            } catch (IOException e) {
                out.println("warning: closing the log: " + e.getMessage());
            }
        }
    }
}
