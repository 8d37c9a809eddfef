package dev.rmkit.updater.trust;

import dev.rmkit.updater.UpdateException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;

/** A root of trust given on the command line: a root document ({@code root.json}) or one public key file. */
public final class RootFiles {
    private RootFiles() {}

    /** The root in {@code file}; a {@code .pub} is the one-key, threshold-1 legacy root (version 0). */
    public static Root read(Path file) throws UpdateException {
        if (KeyFiles.isRootDocument(file)) {
            try {
                return RootJson.parse(KeyFiles.readSmallBytes(file, "root", RootJson.MAX_BYTES));
            } catch (UpdateException.Rejected e) {
                throw new UpdateException.Usage(file + ": " + e.getMessage());
            }
        }
        PublicKey key = KeyFiles.readPublic(file);
        return Root.legacy(Map.of(KeyId.of(key), key));
    }
}
