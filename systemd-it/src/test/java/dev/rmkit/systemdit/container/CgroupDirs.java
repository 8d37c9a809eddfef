package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One cgroup directory per container, in every hierarchy nspawn uses ({@code unified} and the v1
 * {@code systemd} one on a hybrid host, the root on a pure cgroup2 host). nspawn with
 * {@code --keep-unit} creates its {@code payload/} and {@code supervisor/} groups under the cgroup it
 * was started in; started in its own, two containers (of two builds running at once) never share
 * them, and tearing one down removes exactly its own directories, deepest first.
 */
final class CgroupDirs {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private CgroupDirs() {}

    /** The hierarchies to create a container's directory in. */
    static List<Path> hierarchies() {
        List<Path> out = new ArrayList<>();
        if (type(ROOT).equals("cgroup2")) {
            out.add(ROOT);
            return out;
        }
        for (String h : List.of("unified", "systemd")) {
            Path p = ROOT.resolve(h);
            if (type(p).startsWith("cgroup")) {
                out.add(p);
            }
        }
        return out;
    }

    /** The directories of container {@code name} (not created). */
    static List<Path> of(String name) {
        return hierarchies().stream().map(h -> h.resolve(name)).toList();
    }

    /** Creates {@code dirs}. */
    static void create(List<Path> dirs) throws IOException {
        for (Path d : dirs) {
            Files.createDirectories(d);
        }
    }

    /** Removes {@code dirs} and what nspawn left under them, deepest first; returns what could not be removed. */
    static List<Path> remove(List<Path> dirs) {
        List<Path> left = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            List<Path> all;
            try (Stream<Path> s = Files.walk(d)) {
                all = s.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
            } catch (IOException e) {
                left.add(d);
                continue;
            }
            for (Path p : all) {
                try {
                    Files.delete(p); // rmdir: a cgroup directory goes only when it is empty of processes
                } catch (IOException e) {
                    left.add(p);
                }
            }
        }
        return left;
    }

    /** Empty if a cgroup directory can be made and removed here, else why not. */
    static Optional<String> probe() {
        List<Path> hierarchies = hierarchies();
        if (hierarchies.isEmpty()) {
            return Optional.of("no cgroup hierarchy mounted under " + ROOT);
        }
        List<Path> dirs = of("rmkit-probe-" + ProcessHandle.current().pid());
        try {
            create(dirs);
        } catch (IOException e) {
            remove(dirs);
            return Optional.of("cannot create a cgroup under " + hierarchies + " (" + e + "): a read-only /sys/fs/cgroup?");
        }
        List<Path> left = remove(dirs);
        return left.isEmpty() ? Optional.empty() : Optional.of("cannot remove the probe cgroups " + left);
    }

    private static String type(Path p) {
        try {
            return Files.isDirectory(p) ? Files.getFileStore(p).type() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
