package dev.rmkit.updater.install;

import java.io.IOException;
import java.nio.file.Path;

/** A state file in {@code .rmkit/} that exists but cannot be understood: damaged, truncated, or from a newer updater. */
public final class CorruptStateFile extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CorruptStateFile(Path file, String what, Throwable cause) {
        super(file + " is damaged: " + what, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
