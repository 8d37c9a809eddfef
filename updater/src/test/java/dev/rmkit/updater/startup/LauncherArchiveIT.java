package dev.rmkit.updater.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RmKit;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/updater with a start-up archive and without one: the real launcher and the real jars, copied into a
 * scratch tree, with an archive made there by {@link StartupArchive} as the build makes it (a JDK 17
 * archive names its jars by absolute path, so the build's own cannot serve a copy), restored before each
 * test, which may damage it. Whatever state the archive is in, the updater runs and prints nothing more;
 * the class-load log tells whether the archive was used.
 */
@EnabledOnOs(OS.LINUX)
class LauncherArchiveIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @TempDir static Path tree;
    static Path root;
    static Path archive;
    static Path pristine;
    static FileTime jarTime;

    @TempDir Path tmp;

    @BeforeAll
    static void copyTheBuildAndMakeItsArchive() throws Exception {
        Path target = MODULE.resolve("target");
        root = tree.resolve("rmkit");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(MODULE.resolveSibling("bin").resolve("updater"), bin.resolve("updater"), StandardCopyOption.COPY_ATTRIBUTES);
        Path t = Files.createDirectories(root.resolve("updater/target/lib"));
        Files.copy(target.resolve("updater.jar"), t.getParent().resolve("updater.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        try (Stream<Path> libs = Files.list(target.resolve("lib"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, t.resolve(lib.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        // The jar as Maven Central has it (Java 5 class files), as a clean build copies it: StartupArchive upgrades it.
        Path picocli = ClassFileUpgradeTest.picocliAsPublished();
        Files.copy(picocli, t.resolve(picocli.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path jar = t.getParent().resolve("updater.jar");
        archive = t.getParent().resolve("updater.jsa");
        StartupArchive.main(new String[] {jar.toString(), archive.toString()});
        assertTrue(Files.isRegularFile(archive) && StartupArchive.sizeMatches(archive), "StartupArchive made " + archive);
        FileTime made = Files.getLastModifiedTime(archive);
        StartupArchive.main(new String[] {jar.toString(), archive.toString()});
        assertEquals(made, Files.getLastModifiedTime(archive), "an archive the JVM accepts is kept");
        pristine = Files.createDirectories(tree.resolve("pristine"));
        Files.copy(archive, pristine.resolve("updater.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(StartupArchive.sizeFile(archive), pristine.resolve("updater.jsa.size"), StandardCopyOption.COPY_ATTRIBUTES);
        jarTime = Files.getLastModifiedTime(jar);
    }

    @BeforeEach
    void restoreTheArchive() throws IOException {
        for (String f : List.of("updater.jsa", "updater.jsa.size")) {
            Files.copy(pristine.resolve(f), archive.resolveSibling(f), StandardCopyOption.COPY_ATTRIBUTES,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setLastModifiedTime(archive.resolveSibling("updater.jar"), jarTime);
    }

    @Test
    void theArchiveTheBuildMadeIsUsed() throws Exception {
        assertTrue(version() > 0, "classes come from the archive");
        assertTrue(holders() > 0, "classes come from the archive");
    }

    @Test
    void picocliComesFromTheArchiveToo() throws Exception {
        // Its jar holds Java 5 class files, which a JDK 17 archive leaves out unless they are upgraded.
        Path held = Files.writeString(tmp.resolve("held.txt"), "x");
        Run r = run("holders", held.toString());
        assertTrue(r.picocliArchived, "picocli.CommandLine comes from the archive");
        Path lib = root.resolve("updater/target/lib").resolve(ClassFileUpgradeTest.picocliAsPublished().getFileName());
        assertEquals(List.of(), ClassFileUpgrade.oldClasses(lib));
    }

    @Test
    void withoutTheArchiveTheUpdaterStartsAsBefore() throws Exception {
        Files.delete(archive);
        assertEquals(0, version());
        Files.delete(archive.resolveSibling("updater.jsa.size"));
        assertEquals(0, holders());
    }

    @Test
    void anArchiveCutShortIsNotUsed() throws Exception {
        // The JVM maps it as the header says and dies of SIGBUS on the missing part: the size check prevents it.
        archive.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertEquals(0, version());
        assertEquals(0, holders());
    }

    @Test
    void anArchiveWithDamagedBytesIsNotUsed() throws Exception {
        overwrite(Files.size(archive) / 2, new byte[64]);
        assertEquals(0, version());
        overwrite(0, "not an archive".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, holders());
    }

    @Test
    void aStaleArchiveIsNotUsed() throws Exception {
        // A jar rebuilt after the archive (here: touched); the JVM compares the jars' times and sizes.
        Path jar = archive.resolveSibling("updater.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        assertEquals(0, version());
        assertEquals(0, holders());
    }

    private void overwrite(long at, byte[] bytes) throws IOException {
        archive.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes);
        }
    }

    /** Runs {@code updater --version}; returns how many classes came from the archive. */
    private long version() throws Exception {
        Run r = run("--version");
        assertEquals("updater " + RmKit.version() + "\n", r.out);
        return r.archived;
    }

    /** Runs {@code updater holders --json FILE} on a file this test holds open. */
    private long holders() throws Exception {
        Path held = Files.writeString(tmp.resolve("held.txt"), "x");
        try (var in = Files.newInputStream(held)) {
            Run r = run("holders", "--json", held.toString());
            assertTrue(r.out.contains("\"pid\":" + ProcessHandle.current().pid() + ","), r.out);
            return r.archived;
        }
    }

    private record Run(String out, long archived, boolean picocliArchived) {}

    private Run run(String... args) throws Exception {
        Path log = Files.createTempFile(tmp, "classes", ".log");
        Path runtime = Files.createTempDirectory(tmp, "runtime", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(root.resolve("bin/updater").toString()), Stream.of(args)).toList());
        pb.environment().keySet().removeIf(k -> k.startsWith("RMKIT_"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("RMKIT_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        pb.environment().put("RMKIT_RUNTIME_DIR", runtime.toString());
        pb.environment().put("RMKIT_STATE_DIR", tmp.resolve("state").toString());
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "updater " + String.join(" ", args) + " finished");
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), "updater " + String.join(" ", args) + ": " + stderr);
        assertEquals("", stderr, "nothing on stderr");
        List<String> lines = Files.readAllLines(log);
        return new Run(Files.readString(out), lines.stream().filter(l -> l.contains("source: shared objects file (top)")).count(),
                lines.stream().anyMatch(l -> l.contains(" picocli.CommandLine source: shared objects file (top)")));
    }
}
