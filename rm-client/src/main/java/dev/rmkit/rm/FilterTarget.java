package dev.rmkit.rm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a filter applies to ({@code RM_FILTER_TRIGGER}): the applications running an executable
 * file, one process, or one service.
 */
public sealed interface FilterTarget {

    /** Applications whose executable (module) is this file. */
    record File(Path path) implements FilterTarget {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /** One process. */
    record Process(ProcessId process) implements FilterTarget {
        public Process {
            Objects.requireNonNull(process, "process");
        }
    }

    /** One service, by short name (systemd unit name on Linux). */
    record Service(String name) implements FilterTarget {
        public Service {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("service name must not be blank");
            }
        }
    }
}
