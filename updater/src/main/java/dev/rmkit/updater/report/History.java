package dev.rmkit.updater.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The install's history, {@code .rmkit/history.jsonl}: one line per run of apply, resume and auto,
 * each exactly the JSON that run's {@code --json} printed (an {@link UpdateReport}), appended and
 * never rewritten (docs/install-state.md). One {@code write} per line on a file opened for append,
 * then fsync ({@link dev.rmkit.updater.install.InstallFiles#append}; the directory too when the line
 * created the file): runs of several updaters (one holds the lock, another finds it busy) each add a whole line, and a power cut
 * can at most leave the last line torn, which readers skip. A link at the file (or at {@code .rmkit})
 * is neither appended to nor read through: it is refused and stays.
 */
public final class History {
    /** Lines written by a newer updater may carry fields this one does not know. */
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private History() {}

    /** What the history file holds: the runs it could read, and how many lines it could not. */
    public record Lines(List<String> raw, List<UpdateReport> runs, int unreadable) {}

    /**
     * Appends {@code report}'s line, if {@code layout} is an install ({@code .rmkit/} exists and is a
     * real directory): a run on a directory that is not one leaves nothing behind.
     */
    public static void append(InstallLayout layout, UpdateReport report) throws IOException {
        if (!Files.isDirectory(layout.stateDir(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        layout.files().append(layout.historyFile(), (StateJson.line(report) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Every line, oldest first. A missing file is an empty history. */
    public static Lines read(InstallLayout layout) throws IOException {
        List<String> raw = new ArrayList<>();
        List<UpdateReport> runs = new ArrayList<>();
        int unreadable = 0;
        byte[] bytes;
        try {
            bytes = layout.files().readOwn(layout.historyFile());
        } catch (NoSuchFileException e) {
            return new Lines(raw, runs, 0);
        }
        // Decoded leniently: a line torn inside a multi-byte character must not hide the others.
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String l : text.split("\n")) {
            if (l.isBlank()) {
                continue;
            }
            try {
                runs.add(LENIENT.readValue(l, UpdateReport.class));
                raw.add(l);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                unreadable++;
            }
        }
        return new Lines(raw, runs, unreadable);
    }
}
