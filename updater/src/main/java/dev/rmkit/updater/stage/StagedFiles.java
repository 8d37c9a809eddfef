package dev.rmkit.updater.stage;

import dev.rmkit.updater.fetch.Expected;
import dev.rmkit.updater.hash.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Checks on files already in staging. */
final class StagedFiles {
    private StagedFiles() {}

    /** Whether {@code file} is a regular file with exactly the expected size and SHA-256. */
    static boolean matches(Path file, Expected expected) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != expected.size()) {
                return false;
            }
            return Sha256.hex(file).equals(expected.sha256());
        } catch (IOException e) {
            return false;
        }
    }
}
