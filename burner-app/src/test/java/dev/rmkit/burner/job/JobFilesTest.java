package dev.rmkit.burner.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobFilesTest {

    // Absolute on the OS running the test ("/srv/inbox" is not absolute on Windows).
    private static final Path INBOX = Path.of("/srv/inbox").toAbsolutePath();

    @Test
    void relativePathsResolveAgainstTheInbox() throws BurnerException {
        Job j = JobFiles.parse("photos", "{\"label\":\"Photos\",\"paths\":[\"pics\",\"/abs/x.txt\"],"
                + "\"remove\":[\"/old.txt\"],\"close\":true}", INBOX);
        assertEquals(new Job("photos", "Photos", List.of(INBOX.resolve("pics"), Path.of("/abs/x.txt").toAbsolutePath()),
                List.of("/old.txt"), true), j);
    }

    @Test
    void onlyCompleteJobFileNamesAreJobs() {
        assertEquals(Optional.of("a-1"), JobFiles.idOf("a-1.job.json"));
        assertEquals(Optional.empty(), JobFiles.idOf("a-1.job.json.tmp"));
        assertEquals(Optional.empty(), JobFiles.idOf(".hidden.job.json"));
        assertEquals(Optional.empty(), JobFiles.idOf("notes.json"));
    }

    @Test
    void typosAndEmptyJobsAreBadInput() {
        for (String text : new String[] {"{\"lable\":\"x\",\"paths\":[\"a\"]}", "{}", "[1]", "{\"paths\":[1]}",
                "{\"paths\":[\"a\"],\"close\":\"yes\"}", "not json"}) {
            BurnerException e = assertThrows(BurnerException.class, () -> JobFiles.parse("j", text, INBOX));
            assertEquals(ExitCode.DATA_ERROR, e.exitCode());
            assertTrue(e.getMessage().startsWith("job j: "), e.getMessage());
        }
    }

    @Test
    void idsThatTheDiscHeaderCannotHoldAreRefused() {
        BurnerException e = assertThrows(BurnerException.class,
                () -> JobFiles.parse("x".repeat(41), "{\"paths\":[\"a\"]}", INBOX));
        assertTrue(e.getMessage().contains("must be 1-40"), e.getMessage());
    }
}
