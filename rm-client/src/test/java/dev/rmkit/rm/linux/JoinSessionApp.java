package dev.rmkit.rm.linux;

import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import java.nio.file.Path;
import java.util.List;

/** Joins a session by key from another process, registers one file, tries to shut down, and reports. */
public final class JoinSessionApp {

    private JoinSessionApp() {}

    public static void main(String[] args) throws Exception {
        try (RestartSession s = new LinuxPlatform().joinSession(args[0])) {
            s.registerFiles(List.of(Path.of(args[1])));
            System.out.println("REGISTERED primary=" + s.isPrimary());
            try {
                s.shutdown(java.util.Set.of(), p -> { });
                System.out.println("SHUTDOWN ALLOWED");
            } catch (RmException e) {
                System.out.println("SHUTDOWN REFUSED " + e.errorCode());
            }
        }
        System.out.println("READY " + ProcessHandle.current().pid());
    }
}
