package dev.rmkit.burner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.testing.ShellDocs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The completion script and man pages the build generates from the burner's picocli model. */
class ShellDocsTest {

    @Test
    void everySubcommandAndOptionIsInTheCompletionScriptAndTheManPages() throws Exception {
        assertEquals(List.of(), ShellDocs.missing(BurnerCommand.commandLine(), Path.of("target", "shell-docs")));
    }
}
