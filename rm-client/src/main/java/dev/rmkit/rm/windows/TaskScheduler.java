package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code schtasks.exe} with arguments and returns its exit code; replaced by a recorder in tests. */
interface TaskScheduler {

    int run(List<String> args) throws RmException;

    /** The real one: {@code %SystemRoot%\System32\schtasks.exe}, output discarded. */
    static TaskScheduler schtasks() {
        return args -> {
            String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
            List<String> cmd = new ArrayList<>();
            cmd.add(root + "\\System32\\schtasks.exe");
            cmd.addAll(args);
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int rc = p.waitFor();
                if (rc != 0) {
                    System.getLogger(TaskScheduler.class.getName()).log(System.Logger.Level.WARNING,
                            "schtasks {0} exited {1}: {2}", args, rc, out.strip());
                }
                return rc;
            } catch (IOException e) {
                throw new RmException("schtasks", "could not run " + cmd.get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RmException("schtasks", "interrupted", e);
            }
        };
    }
}
