package dev.rmkit.e2e.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.e2e.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example printed in docs/guide.md is, character for character, the one the build compiles and runs. */
class GuideExampleTest {

    static final String MARKER = "<!-- file: e2e/src/test/java/dev/rmkit/e2e/guide/Uploader.java -->";

    @Test
    void theGuidesExampleIsTheCompiledOne() throws Exception {
        String guide = Files.readString(Repo.root().resolve("docs/guide.md"));
        int at = guide.indexOf(MARKER);
        assertEquals(true, at >= 0, "docs/guide.md has no " + MARKER);
        int start = guide.indexOf("```java\n", at) + "```java\n".length();
        int end = guide.indexOf("```\n", start);
        Path source = Repo.root().resolve("e2e/src/test/java/dev/rmkit/e2e/guide/Uploader.java");
        assertEquals(Files.readString(source), guide.substring(start, end));
    }
}
