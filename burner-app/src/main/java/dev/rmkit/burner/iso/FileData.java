package dev.rmkit.burner.iso;

import java.nio.file.Path;
import java.util.Objects;

/** Where a file's bytes come from: an extent already on the disc, or a source file to write now. */
public sealed interface FileData {

    /** Bytes already burned in an earlier session, referenced by absolute block address. */
    record OnDisc(long extent) implements FileData {
        public OnDisc {
            if (extent < 0) {
                throw new IllegalArgumentException("extent " + extent);
            }
        }
    }

    /** Bytes to be written in the new session from a source file. */
    record FromSource(Path path) implements FileData {
        public FromSource {
            Objects.requireNonNull(path, "path");
        }
    }
}
