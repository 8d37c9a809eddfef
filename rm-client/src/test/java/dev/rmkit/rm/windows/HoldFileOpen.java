package dev.rmkit.rm.windows;

import java.io.FileInputStream;
import java.io.IOException;

/** A child process for the Windows-only tests: opens the file named by args[0], says so, waits for stdin to close. */
public final class HoldFileOpen {

    private HoldFileOpen() {}

    public static void main(String[] args) throws IOException {
        try (FileInputStream in = new FileInputStream(args[0])) {
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait until the parent closes our stdin
            }
        }
    }
}
