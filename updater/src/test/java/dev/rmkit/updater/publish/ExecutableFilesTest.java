package dev.rmkit.updater.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A launcher script must stay runnable through publish, staging and the swap. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX executable bits")
class ExecutableFilesTest {

    @TempDir Path tmp;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, String.join(" ", args) + "\n" + out + err);
        return out.toString();
    }

    private Path release(String version, String script) throws Exception {
        Path dist = tmp.resolve("dist-" + version);
        Files.createDirectories(dist.resolve("bin"));
        Path launcher = Files.writeString(dist.resolve("bin/app"), script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.writeString(dist.resolve("data.txt"), "data " + version);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r--r--"));
        run("publish", "--from", dist.toString(), "--version", version, "--out", tmp.resolve("feed").toString(),
                "--key", tmp.resolve("k.key").toString(), "--product", "demo");
        return tmp.resolve("feed/manifest.json");
    }

    @Test
    void executableFilesStayExecutableAcrossInstallAndUpdate() throws Exception {
        run("keygen", "--out", tmp.resolve("k").toString());
        Path install = tmp.resolve("install");

        Path v1 = release("1.0.0", "#!/bin/sh\necho 1\n");
        assertTrue(Files.readString(v1).contains("\"executable\" : true"), Files.readString(v1));
        run("apply", "--manifest", v1.toString(), "--install-dir", install.toString(),
                "--trust", tmp.resolve("k.pub").toString());
        assertTrue(Files.isExecutable(install.resolve("bin/app")), "fresh install: launcher not executable");
        assertFalse(Files.isExecutable(install.resolve("data.txt")), "a data file became executable");

        Path v2 = release("2.0.0", "#!/bin/sh\necho 2\n");
        run("apply", "--manifest", v2.toString(), "--install-dir", install.toString());
        assertEquals("#!/bin/sh\necho 2\n", Files.readString(install.resolve("bin/app")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(install.resolve("bin/app"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(install.resolve("data.txt"))));
    }

    @Test
    void manifestsWithoutTheFlagKeepTheirBytes() throws Exception {
        run("keygen", "--out", tmp.resolve("k").toString());
        Path dist = tmp.resolve("plain");
        Files.createDirectories(dist);
        Files.setPosixFilePermissions(Files.writeString(dist.resolve("a.txt"), "a"),
                PosixFilePermissions.fromString("rw-r--r--"));
        run("publish", "--from", dist.toString(), "--version", "1.0.0", "--out", tmp.resolve("feed2").toString(),
                "--key", tmp.resolve("k.key").toString(), "--product", "demo");
        assertFalse(Files.readString(tmp.resolve("feed2/manifest.json")).contains("executable"));
    }
}
