package dev.rmkit.updater.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The helpers the lifecycle commands use beside the swap's: state writes, own deletions, link-aware reading. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "creating symbolic links needs a privilege on Windows")
class InstallFilesTest {

    @TempDir Path tmp;
    Path root;
    Path outside;
    InstallFiles files;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("app"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        files = new InstallFiles(root);
    }

    private List<String> outsideNames() throws Exception {
        try (Stream<Path> s = Files.walk(outside)) {
            return s.map(p -> outside.relativize(p).toString()).filter(n -> !n.isEmpty()).sorted().toList();
        }
    }

    @Test
    void aStateFileIsWrittenWithItsDirectoriesButNeverThroughALinkOnTheWay() throws Exception {
        files.write(root.resolve(".rmkit/releases/t/release.json"), "{}".getBytes());
        assertEquals("{}", Files.readString(root.resolve(".rmkit/releases/t/release.json")));

        Files.createSymbolicLink(root.resolve(".rmkit/trust"), outside);
        UnsafePathException e = assertThrows(UnsafePathException.class,
                () -> files.write(root.resolve(".rmkit/trust/root.json"), "{}".getBytes()));

        assertTrue(e.getMessage().contains(".rmkit/trust is a symbolic link"), e.getMessage());
        assertEquals(List.of(), outsideNames());
    }

    @Test
    void moveToVacantRenamesButNeverReplacesAFileOrALinkToOne() throws Exception {
        Files.createDirectories(root.resolve(".rmkit/backup/t"));
        Files.writeString(root.resolve("a.jar"), "old");
        Files.writeString(root.resolve("b.jar"), "old b");
        Files.writeString(root.resolve(".rmkit/backup/t/b.jar"), "someone's");
        Files.writeString(outside.resolve("target.txt"), "theirs");
        Path link = Files.createSymbolicLink(root.resolve(".rmkit/backup/t/c.jar"), outside.resolve("target.txt"));
        Files.writeString(root.resolve("c.jar"), "old c");

        files.moveToVacant(root.resolve("a.jar"), root.resolve(".rmkit/backup/t/a.jar"));
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> files.moveToVacant(root.resolve("b.jar"), root.resolve(".rmkit/backup/t/b.jar")));
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> files.moveToVacant(root.resolve("c.jar"), link));

        assertEquals("old", Files.readString(root.resolve(".rmkit/backup/t/a.jar")));
        assertFalse(Files.exists(root.resolve("a.jar")));
        assertEquals("someone's", Files.readString(root.resolve(".rmkit/backup/t/b.jar")));
        assertEquals("old b", Files.readString(root.resolve("b.jar")));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("old c", Files.readString(root.resolve("c.jar")));
        assertEquals(List.of("target.txt"), outsideNames());
        assertEquals("theirs", Files.readString(outside.resolve("target.txt")));
    }

    @Test
    void moveToVacantRefusesALinkOnEitherPath() throws Exception {
        Files.writeString(root.resolve("a.jar"), "old");
        Files.createDirectories(root.resolve(".rmkit"));
        Files.createSymbolicLink(root.resolve(".rmkit/backup"), outside);
        Files.writeString(outside.resolve("x.jar"), "theirs");
        Files.createSymbolicLink(root.resolve("x.jar"), outside.resolve("x.jar"));

        assertThrows(UnsafePathException.class,
                () -> files.moveToVacant(root.resolve("a.jar"), root.resolve(".rmkit/backup/t/a.jar")));
        assertThrows(UnsafePathException.class,
                () -> files.moveToVacant(root.resolve("x.jar"), root.resolve("y.jar")));

        assertEquals("old", Files.readString(root.resolve("a.jar")));
        assertTrue(Files.isSymbolicLink(root.resolve("x.jar")));
        assertEquals(List.of("x.jar"), outsideNames());
    }

    @Test
    void deleteOwnRemovesTheUpdatersTreeButLeavesALinkAndWhatItPointsTo() throws Exception {
        Files.createDirectories(root.resolve(".rmkit/staging/2.0/lib"));
        Files.writeString(root.resolve(".rmkit/staging/2.0/lib/a.jar"), "a");
        Files.writeString(outside.resolve("keep.txt"), "theirs");
        Path link = Files.createSymbolicLink(root.resolve(".rmkit/backup"), outside);

        assertTrue(files.deleteOwn(root.resolve(".rmkit/staging")));
        assertFalse(files.deleteOwn(link));
        assertFalse(files.deleteOwn(root.resolve(".rmkit/missing")));

        assertFalse(Files.exists(root.resolve(".rmkit/staging")));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of("keep.txt"), outsideNames());
    }

    @Test
    void linkOnPathNamesTheFirstLinkFromTheRootDown() throws Exception {
        Files.createDirectories(root.resolve("lib"));
        Files.createDirectories(outside.resolve("deep"));
        Files.createSymbolicLink(root.resolve("lib/ext"), outside);
        Files.writeString(outside.resolve("f"), "x");
        Files.createSymbolicLink(root.resolve("lib/file-link"), outside.resolve("f"));

        assertEquals(Optional.of("lib/ext"), files.linkOnPath(root.resolve("lib/ext/deep/x.jar")));
        assertEquals(Optional.of("lib/file-link"), files.linkOnPath(root.resolve("lib/file-link")));
        assertEquals(Optional.empty(), files.linkOnPath(root.resolve("lib/missing/x.jar")));
        assertEquals(Optional.empty(), files.linkOnPath(root.resolve("lib")));
    }

    @Test
    void appendAddsToTheUpdatersFileButNeverThroughALinkAtItOrOnTheWay() throws Exception {
        Files.createDirectories(root.resolve(".rmkit"));
        Path history = root.resolve(".rmkit/history.jsonl");
        files.append(history, "one\n".getBytes());
        files.append(history, "two\n".getBytes());
        assertEquals("one\ntwo\n", Files.readString(history));

        Path theirs = Files.writeString(outside.resolve("log"), "theirs\n");
        Files.delete(history);
        Files.createSymbolicLink(history, theirs);
        UnsafePathException atFile = assertThrows(UnsafePathException.class, () -> files.append(history, "x\n".getBytes()));
        assertTrue(atFile.getMessage().startsWith("refused: .rmkit/history.jsonl is a symbolic link"), atFile.getMessage());

        Files.createDirectories(root.resolve("sub"));
        Files.createSymbolicLink(root.resolve("sub/state"), outside);
        UnsafePathException onTheWay = assertThrows(UnsafePathException.class,
                () -> files.append(root.resolve("sub/state/log"), "x\n".getBytes()));
        assertTrue(onTheWay.getMessage().contains("sub/state is a symbolic link"), onTheWay.getMessage());

        assertEquals("theirs\n", Files.readString(theirs));
        assertEquals(List.of("log"), outsideNames());
        assertTrue(Files.isSymbolicLink(history), "the link stays");
    }

    @Test
    void readOwnReadsTheUpdatersFileAndRefusesALinkAtItOrOnTheWay() throws Exception {
        Files.createDirectories(root.resolve(".rmkit"));
        Files.writeString(root.resolve(".rmkit/install-id"), "mine");
        assertEquals("mine", new String(files.readOwn(root.resolve(".rmkit/install-id"))));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> files.readOwn(root.resolve(".rmkit/missing")));

        Files.writeString(outside.resolve("id"), "theirs");
        Files.createSymbolicLink(root.resolve(".rmkit/linked-id"), outside.resolve("id"));
        UnsafePathException e = assertThrows(UnsafePathException.class, () -> files.readOwn(root.resolve(".rmkit/linked-id")));
        assertTrue(e.getMessage().startsWith("refused: .rmkit/linked-id is a symbolic link"), e.getMessage());

        Files.createSymbolicLink(root.resolve("state"), outside);
        assertThrows(UnsafePathException.class, () -> files.readOwn(root.resolve("state/id")));
    }
}
