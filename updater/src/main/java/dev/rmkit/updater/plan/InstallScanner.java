package dev.rmkit.updater.plan;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Hashes the files an install has now at the paths a plan cares about. */
public final class InstallScanner {

    private InstallScanner() {}

    /**
     * SHA-256 of each path that exists. A path that exists but is not a regular file reached without
     * links (a directory, a link, a device) gets an empty hash: it never equals a release's file, so
     * the plan lists it as a change and {@link Obstacles} refuses it with the reason. A regular file
     * behind a link is hashed (reading is harmless), so a release that leaves it unchanged need not
     * touch the link.
     *
     * @throws UpdateException.ApplyFailed if a file cannot be read
     */
    public static Map<String, String> hashPresent(InstallLayout layout, Collection<String> paths) throws UpdateException {
        Map<String, String> present = new TreeMap<>();
        for (String rel : paths) {
            Path p = layout.resolve(rel);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                present.put(rel, Files.isRegularFile(p) ? Sha256.hex(p) : "");
            } catch (IOException e) {
                throw new UpdateException.ApplyFailed("cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        return present;
    }
}
