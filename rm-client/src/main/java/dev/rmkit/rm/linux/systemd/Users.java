package dev.rmkit.rm.linux.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** User names for messages, from {@code /etc/passwd}; "uid N" where the name is not known. */
final class Users {

    private static final Path PASSWD = Path.of("/etc/passwd");

    private Users() {}

    static String name(long uid) {
        return login(uid).map(n -> "user " + n).orElse("uid " + uid);
    }

    /** The login name of {@code uid}, if /etc/passwd has it. */
    static Optional<String> login(long uid) {
        try {
            for (String line : Files.readAllLines(PASSWD)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(Long.toString(uid))) {
                    return Optional.of(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No passwd file to read: the number will do.
        }
        return Optional.empty();
    }
}
