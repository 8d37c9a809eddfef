package dev.rmkit.updater.plan;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
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
                present.put(rel, Files.isRegularFile(p) ? sha256(p) : "");
            } catch (IOException e) {
                throw new UpdateException.ApplyFailed("cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        return present;
    }

    /** Lower-case hex SHA-256 of a file's content, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
