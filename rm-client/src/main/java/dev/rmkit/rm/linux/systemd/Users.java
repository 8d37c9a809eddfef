package dev.rmkit.rm.linux.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** User names for messages, from {@code /etc/passwd}; "uid N" where the name is not known. */
final class Users {

    private static final Path PASSWD = Path.of("/etc/passwd");

    private Users() {}

    static String name(long uid) {
        try {
            for (String line : Files.readAllLines(PASSWD)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(Long.toString(uid))) {
                    return "user " + f[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // No passwd file to read: the number will do.
        }
        return "uid " + uid;
    }
}
