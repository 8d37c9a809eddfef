package dev.rmkit.updater.rollout;

import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The install's stable random id ({@code .rmkit/install-id}: 32 lower-case hex digits and a newline),
 * created on first use and never changed afterwards, so the install keeps its rollout bucket. A
 * machine image cloned with its installs clones their ids too: delete the file in the image (the
 * next run makes a new one) to give each copy its own.
 */
public final class InstallId {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private InstallId() {}

    /** The id, created (durably) if the install has none; call with the install's lock held. */
    public static String of(InstallLayout layout) throws IOException {
        Optional<String> id = read(layout);
        if (id.isPresent()) {
            return id.get();
        }
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        String fresh = HexFormat.of().formatHex(b);
        Durable.write(layout.installIdFile(), (fresh + "\n").getBytes(StandardCharsets.US_ASCII));
        return fresh;
    }

    /** The id if the install has one; never creates it. A file that is not an id is an IOException. */
    public static Optional<String> read(InstallLayout layout) throws IOException {
        if (!Files.exists(layout.installIdFile())) {
            return Optional.empty();
        }
        String text = Files.readString(layout.installIdFile(), StandardCharsets.US_ASCII).strip();
        if (!ID.matcher(text).matches()) {
            throw new IOException(layout.installIdFile() + " is not an install id (32 lower-case hex digits); "
                    + "delete it to get a new one");
        }
        return Optional.of(text);
    }
}
