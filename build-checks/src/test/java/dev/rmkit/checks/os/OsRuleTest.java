package dev.rmkit.checks.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule on small made-up test sources: what it flags, what protects a use, what is only data. */
class OsRuleTest {

    private static final String HEAD = """
            package p;
            import static org.junit.jupiter.api.Assumptions.assumeTrue;
            import static org.junit.jupiter.api.Assumptions.assumeFalse;
            import java.nio.file.*;
            import java.nio.file.attribute.PosixFilePermissions;
            import org.junit.jupiter.api.*;
            import org.junit.jupiter.api.condition.*;
            """;

    @TempDir Path root;

    @BeforeEach
    void aRepositoryWithAPosixLauncher() throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("bin/updater"), "#!/bin/sh\n");
        Files.writeString(root.resolve("bin/updater.cmd"), "@echo off\r\n");
    }

    private List<String> findings(String... classes) throws IOException {
        Path dir = Files.createDirectories(root.resolve("mod/src/test/java/p"));
        for (String c : classes) {
            String name = c.replaceAll("(?s).*?(class|record) (\\w+).*", "$2");
            Files.writeString(dir.resolve(name + ".java"), HEAD + c);
        }
        return new OsRule(root, TestSources.parse(root)).findings().stream()
                .map(f -> f.file().replaceAll(".*/", "") + ":" + f.line() + " " + f.what()).toList();
    }

    @Test
    void unprotectedUsesAreFlaggedWithFileLineAndWhat() throws IOException {
        assertEquals(List.of("ATest.java:10 runs `sleep`", "ATest.java:11 uses /proc",
                "ATest.java:12 POSIX file permissions (\"rwx------\")", "ATest.java:12 POSIX file permissions (PosixFilePermissions)",
                "ATest.java:12 POSIX file permissions (setPosixFilePermissions)",
                "ATest.java:13 runs the POSIX sh launcher bin/updater", "ATest.java:14 POSIX file attributes (\"unix:uid\")"),
                findings("""
                        class ATest {
                            @Test void t(Path root, Path f) throws Exception {
                                new ProcessBuilder("sleep", "9").start();
                                Files.readString(Path.of("/proc/self/stat"));
                                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
                                root.resolve("bin/updater");
                                Files.getAttribute(f, "unix:uid");
                            }
                        }
                        """));
    }

    @Test
    void osAnnotationsOnTheClassOrTheMethodProtect() throws IOException {
        assertEquals(List.of("D.java:8 runs `sh`"), findings("""
                @EnabledOnOs(value = OS.LINUX, disabledReason = "x")
                class A { @Test void t() { run("/bin/sh"); } static void run(String s) {} }
                """, """
                @DisabledOnOs(OS.WINDOWS)
                class B { @Test void t() { A.run("bash"); } }
                """, """
                class C { @Test @EnabledOnOs({OS.LINUX, OS.MAC}) void t() { A.run("fuser"); } }
                """, """
                class D { @Test @EnabledOnOs(OS.WINDOWS) void t() { A.run("sh"); } }
                """));
    }

    @Test
    void onlyAnAssumptionThatNamesTheToolOrTheOsAndComesFirstProtects() throws IOException {
        assertEquals(List.of("ATest.java:14 runs `xorriso`", "ATest.java:19 POSIX file permissions (setPosixFilePermissions)",
                        "ATest.java:20 POSIX file permissions (PosixFilePermissions)"),
                findings("""
                        class ATest {
                            @Test void named() {
                                assumeTrue(onPath("xorriso"), "xorriso is not installed");
                                run("xorriso");
                            }
                            @Test void tooLate() {
                                run("xorriso");
                                assumeTrue(onPath("xorriso"), "xorriso is not installed");
                            }
                            @Test void aboutRootNotTheOs(Path f) throws Exception {
                                assumeFalse("root".equals(System.getProperty("user.name")), "root reads everything");
                                Files.setPosixFilePermissions(f, null);
                                PosixFilePermissions.fromString("---------");
                            }
                            static boolean onPath(String t) { return true; }
                            static void run(String s) {}
                        }
                        """));
    }

    @Test
    void aToolNameOnlyComparedWithAMessageIsNotAUse() throws IOException {
        assertEquals(List.of("ATest.java:11 runs `zstd`"), findings("""
                class ATest {
                    @Test void t(String message) {
                        assertTrue(message.startsWith("zstd") || message.contains("sleep"));
                        run("zstd");
                    }
                    static void run(String s) {}
                }
                """));
    }

    @Test
    void aSetUpAssumptionThroughAHelperProtectsEveryTestButNotTheTearDown() throws IOException {
        assertEquals(List.of("ATest.java:12 runs `bsdtar`"), findings("""
                class Tools {
                    static void require(String... tools) { assumeTrue(false, String.join(" ", tools) + " missing"); }
                }
                """, """
                class ATest {
                    @BeforeEach void tools() { Tools.require("xorriso", "bsdtar"); }
                    @Test void t() { Tools.require("x"); run("xorriso"); }
                    @Test void u() { run("bsdtar"); }
                    @AfterEach void after() { run("bsdtar"); }
                    static void run(String s) {}
                }
                """));
    }

    @Test
    void anIfOnTheOsProtectsItsThenBranch() throws IOException {
        assertEquals(List.of("ATest.java:14 POSIX file permissions (PosixFilePermissions)",
                "ATest.java:14 POSIX file permissions (getPosixFilePermissions)"), findings("""
                class ATest {
                    @Test void t(Path f) throws Exception {
                        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                        }
                        if (f != null) {
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                        }
                    }
                }
                """));
    }

    @Test
    void aPrivateHelperIsProtectedWhenEveryCallerIs() throws IOException {
        assertEquals(List.of("ATest.java:11 uses /proc"), findings("""
                class ATest {
                    @Test @EnabledOnOs(OS.LINUX) void guarded() throws Exception { stat(); }
                    @Test void unguarded() throws Exception { stat(); }
                    private static String stat() throws Exception { return Files.readString(Path.of("/proc/self/stat")); }
                }
                """));
    }

    @Test
    void aHelperFileIsJudgedWhereTestsUseIt() throws IOException {
        assertEquals(List.of("Unguarded.java:9 uses helper Priv, which runs `setpriv` at Priv.java:8",
                        "Unguarded.java:10 uses helper Fixture, which uses helper Priv, which runs `setpriv` at Priv.java:8 at Fixture.java:8"),
                findings("""
                        final class Priv { static java.util.List<String> cmd() { return java.util.List.of("/usr/bin/setpriv"); } }
                        """, """
                        final class Fixture { Object p = Priv.cmd(); }
                        """, """
                        @EnabledOnOs(OS.LINUX)
                        class Guarded { Fixture f = new Fixture(); @Test void t() { Priv.cmd(); } }
                        """, """
                        class Unguarded {
                            @Test void t() { Priv.cmd(); }
                            @Test void u() { new Fixture(); }
                        }
                        """));
    }

    @Test
    void theLinuxBackendCounts() throws IOException {
        assertEquals(List.of("ATest.java:8 starts the Linux backend (new LinuxPlatform)"), findings("""
                class ATest { @Test void t() { new LinuxPlatform(); } }
                """, """
                class LinuxPlatform {}
                """));
    }

    @Test
    void dataThatOnlyLooksLikeAToolOrALauncherIsNotAUse() throws IOException {
        assertEquals(List.of(), findings("""
                class ATest {
                    @Test void t(Path release) {
                        java.util.Map.of("bin/updater", "a file in a release", "lib/a.jar", "x");
                        release.resolve("bin/updater");
                        java.util.List.of("/usr/bin/java", "/opt/app/bin/app", "sleep 5 is a sentence", "echo");
                        String message = "sh is what the launchers need";
                    }
                }
                """));
    }
}
