package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.trust.KeyFiles;
import dev.rmkit.updater.trust.KeyId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
    @TempDir Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void writesAPrivateKeyOnlyTheOwnerCanReadAndItsPublicKey() throws Exception {
        assertEquals(0, run("keygen", "--out", tmp.resolve("release").toString()), err.toString());
        Path key = tmp.resolve("release.key");
        Path pub = tmp.resolve("release.pub");
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        }
        String id = KeyId.of(KeyFiles.readPublic(pub));
        assertTrue(out.toString().contains("key id " + id), out.toString());
    }

    @Test
    void refusesToOverwriteAnExistingKey() throws Exception {
        Files.writeString(tmp.resolve("release.key"), "precious");
        assertEquals(ExitCode.USAGE.code(), run("keygen", "--out", tmp.resolve("release").toString()));
        assertTrue(err.toString().contains("refusing to overwrite"), err.toString());
        assertEquals("precious", Files.readString(tmp.resolve("release.key")));
        assertTrue(!Files.exists(tmp.resolve("release.pub")));
    }

    @Test
    void refusesToOverwriteAnExistingPublicKey() throws Exception {
        Files.writeString(tmp.resolve("release.pub"), "precious");
        assertEquals(ExitCode.USAGE.code(), run("keygen", "--out", tmp.resolve("release").toString()));
        assertEquals("precious", Files.readString(tmp.resolve("release.pub")));
        assertTrue(!Files.exists(tmp.resolve("release.key")));
    }

    @Test
    void aMissingDirectoryIsBadUsage() {
        assertEquals(ExitCode.USAGE.code(), run("keygen", "--out", tmp.resolve("no/such/dir/k").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    void outIsRequired() {
        assertEquals(ExitCode.USAGE.code(), run("keygen"));
        assertTrue(err.toString().contains("--out"), err.toString());
    }
}
