package dev.rmkit.updater.rollout;

import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The install's stable random id ({@code .rmkit/install-id}: 32 lower-case hex digits and a newline),
 * created on first use (atomically, durably, never through a link) and never changed afterwards, so
 * the install keeps its rollout bucket. A machine image cloned with its installs clones their ids too:
 * delete the file in the image (the next run makes a new one) to give each copy its own.
 */
public final class InstallId {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private InstallId() {}

    /** Made on first use: {@code status} only reads the id, and setting up a SecureRandom is slow to start. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    /** The id, created (durably) if the install has none; call with the install's lock held. */
    public static String of(InstallLayout layout) throws IOException {
        Optional<String> id = read(layout);
        if (id.isPresent()) {
            return id.get();
        }
        byte[] b = new byte[16];
        Random.SOURCE.nextBytes(b);
        String fresh = HexFormat.of().formatHex(b);
        layout.files().write(layout.installIdFile(), (fresh + "\n").getBytes(StandardCharsets.US_ASCII));
        return fresh;
    }

    /**
     * The id if the install has one; never creates it. A file that is not an id is an IOException, and
     * so is a link in its place (refused, not read through: another file's id is not this install's).
     */
    public static Optional<String> read(InstallLayout layout) throws IOException {
        byte[] bytes;
        try {
            bytes = layout.files().readOwn(layout.installIdFile());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (!ID.matcher(text).matches()) {
            throw new IOException(layout.installIdFile() + " is not an install id (32 lower-case hex digits); "
                    + "delete it to get a new one");
        }
        return Optional.of(text);
    }
}
