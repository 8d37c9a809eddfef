package dev.rmkit.burner.job;

import dev.rmkit.burner.disc.SessionInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One inbox job: what a session should add and remove.
 *
 * @param id the job file's name without {@code .job.json}; recorded in the session it produces, so a
 *     restored app can tell whether the job already reached the disc
 * @param label the session label (empty: "Session N")
 * @param sources absolute paths of the files and directories to add
 * @param removals disc paths to drop from the newest view
 * @param close finalize the disc after this session
 */
public record Job(String id, String label, List<Path> sources, List<String> removals, boolean close) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        sources = List.copyOf(sources);
        removals = List.copyOf(removals);
        if (id.isEmpty() || !SessionInfo.JOB_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("job id '" + id + "' must be 1-40 of A-Z a-z 0-9 . _ -");
        }
        SessionInfo.problemWithLabel(label).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        for (Path p : sources) {
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("job source " + p + " is not absolute");
            }
        }
        if (sources.isEmpty() && removals.isEmpty()) {
            throw new IllegalArgumentException("the job neither adds nor removes anything");
        }
    }

    /** The label people see in messages: the job's label, else its id. */
    public String displayLabel() {
        return label.isEmpty() ? id : label;
    }
}
