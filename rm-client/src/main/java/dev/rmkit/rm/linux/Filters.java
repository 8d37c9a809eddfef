package dev.rmkit.rm.linux;

import dev.rmkit.rm.FilterTarget;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a filter target matches an affected app on Linux: a file by the app's executable
 * ({@code /proc/PID/exe}, compared as given and after resolving links), a process by pid and start
 * time, a service by systemd unit name.
 */
final class Filters {

    private Filters() {}

    static boolean matches(FilterTarget target, Listed a) {
        if (target instanceof FilterTarget.Process p) {
            return p.process().equals(a.app().process());
        }
        if (target instanceof FilterTarget.Service s) {
            return s.name().equals(a.app().serviceName());
        }
        FilterTarget.File f = (FilterTarget.File) target;
        if (a.exe().isEmpty()) {
            return false;
        }
        Path filter = f.path().toAbsolutePath().normalize();
        Path exe = Path.of(a.exe().get());
        if (filter.equals(exe)) {
            return true;
        }
        try {
            return filter.toRealPath().equals(exe.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
