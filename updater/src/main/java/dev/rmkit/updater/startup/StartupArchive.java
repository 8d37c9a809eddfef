package dev.rmkit.updater.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Creates the class-data-sharing archive that {@code bin/updater} starts the JVM with (run by the build
 * after the jar is packaged). A JVM start that maps the classes of a short command from an archive, already
 * parsed and verified, instead of reading them from the jars is what makes {@code updater status --json}
 * and {@code holders} start about twice as fast (docs/performance.md).
 *
 * <p>The archive is a dynamic one ({@code -XX:ArchiveClassesAtExit}) of a {@link StartupTraining} run. It
 * is written next to {@code SIZEFILE = ARCHIVE.size}, which holds its size in bytes: the launcher uses the
 * archive only when the two agree, because this JVM refuses a stale, foreign or corrupt archive quietly
 * but crashes (SIGBUS) on one that was cut short. Both appear by rename, so a launcher that runs meanwhile
 * sees the old pair, no archive, or the new pair. Nothing fails the build: a JVM that cannot make an
 * archive leaves none, and the launcher starts without one.
 *
 * <p>First, the jars on JAR's class path with Java 5 class files (picocli's) are upgraded so that the
 * archive can hold their classes ({@link ClassFileUpgrade}).
 *
 * <p>Usage: {@code StartupArchive JAR ARCHIVE}. An archive the JVM still accepts for JAR is kept.
 */
public final class StartupArchive {

    /** The options a JVM uses the archive with; the same in bin/updater. */
    static final List<String> USE = List.of("-XX:+VerifySharedSpaces", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private StartupArchive() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        Path work = archive.resolveSibling(archive.getFileName() + ".work");
        try {
            upgradeOldClassFiles(jar);
            if (Files.isRegularFile(archive) && sizeMatches(archive) && usable(jar, archive, work)) {
                System.out.println("start-up archive up to date: " + archive);
                deleteTree(work);
                return;
            }
            Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (Files.isDirectory(work)) {
                deleteTree(work); // a previous run's, left by a failure: train on a clean directory
            }
            Path training = Files.createDirectories(work.resolve("training"));
            int rc = java(work, List.of("-XX:ArchiveClassesAtExit=" + tmp, "-cp", jar.toString(),
                    StartupTraining.class.getName(), training.toString()));
            if (rc != 0 || !Files.isRegularFile(tmp)) {
                throw new IOException("the training run exited with " + rc + " and left " + (Files.isRegularFile(tmp) ? "" : "no ")
                        + "archive (its output: " + work.resolve("java.log") + ")");
            }
            Path size = sizeFile(tmp);
            Files.writeString(size, Files.size(tmp) + "\n");
            if (!usable(jar, tmp, work)) {
                throw new IOException("the JVM does not accept the archive it wrote (" + work.resolve("java.log") + ")");
            }
            Files.deleteIfExists(sizeFile(archive));
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(size, sizeFile(archive), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("start-up archive: " + archive + " (" + Files.size(archive) / 1024 + " KiB)");
            deleteTree(work);
        } catch (IOException e) {
            System.err.println("start-up archive not created (bin/updater starts without one): " + e.getMessage());
        }
    }

    /**
     * The jars on {@code jar}'s class path with Java 5 class files (picocli's), upgraded so that the archive
     * can hold their classes ({@link ClassFileUpgrade}); one that cannot be upgraded stays as it is, and its
     * classes stay out of the archive, as before.
     */
    private static void upgradeOldClassFiles(Path jar) throws IOException {
        String classPath;
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            classPath = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
        for (String entry : classPath == null ? new String[0] : classPath.trim().split("\\s+")) {
            Path lib = jar.resolveSibling(entry);
            if (!Files.isRegularFile(lib)) {
                continue;
            }
            try {
                int n = ClassFileUpgrade.upgrade(lib);
                if (n > 0) {
                    System.out.println("start-up archive: " + n + " Java 5 class files of " + lib.getFileName()
                            + " rewritten as Java 8 ones, so that the archive can hold them");
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("start-up archive: " + lib.getFileName() + " left as it is (its Java 5 classes stay out"
                        + " of the archive): " + e.getMessage());
            }
        }
    }

    static Path sizeFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".size");
    }

    /** True if the size file names the archive's size: the launcher's check, done the same way. */
    static boolean sizeMatches(Path archive) throws IOException {
        Path size = sizeFile(archive);
        return Files.isRegularFile(size) && Files.readString(size).strip().equals(Long.toString(Files.size(archive)));
    }

    /** True if a JVM started as bin/updater starts it, but with sharing required, accepts the archive. */
    private static boolean usable(Path jar, Path archive, Path work) throws IOException, InterruptedException {
        List<String> opts = new ArrayList<>(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
        opts.addAll(USE);
        opts.addAll(List.of("-jar", jar.toString(), "--version"));
        return java(work, opts) == 0;
    }

    /** Runs this JVM's java with the updater's system side confined to {@code work}; its output goes to java.log. */
    private static int java(Path work, List<String> args) throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("java.log").toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("RMKIT_") || k.equals("JAVA_TOOL_OPTIONS"));
        Path runtime = Files.createDirectories(work.resolve("runtime"));
        try {
            Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Windows: no POSIX modes, and no runtime directory to protect.
        }
        env.putAll(Map.of("RMKIT_RUNTIME_DIR", runtime.toString(),
                "RMKIT_STATE_DIR", work.resolve("state").toString(),
                "RMKIT_SYSTEMD_UNIT_DIR", work.resolve("units").toString(),
                "XDG_CONFIG_HOME", work.resolve("config").toString(),
                "RMKIT_REBOOT_COMMAND", "false"));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("the JVM did not finish in 5 minutes: " + String.join(" ", cmd));
        }
        return p.exitValue();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
