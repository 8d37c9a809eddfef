package dev.rmkit.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartArgsTest {

    @Test
    void aTrailingPairIsRemovedAndReturned() {
        RestartArgs.Consumed c = RestartArgs.consumeWorkingDirectory(
                new String[] {"--restore", "state.json", "--rmkit-cwd", "/srv/app"});
        assertEquals(List.of("--restore", "state.json"), c.args());
        assertEquals(Optional.of(Path.of("/srv/app")), c.workingDirectory());
    }

    @Test
    void theOptionElsewhereOrWithoutADirectoryIsLeftAlone() {
        String[] mid = {"--rmkit-cwd", "/x", "--verbose"};
        assertEquals(List.of(mid), RestartArgs.consumeWorkingDirectory(mid).args());
        assertEquals(Optional.empty(), RestartArgs.consumeWorkingDirectory(mid).workingDirectory());
        String[] dangling = {"a", "--rmkit-cwd"};
        assertEquals(List.of(dangling), RestartArgs.consumeWorkingDirectory(dangling).args());
        assertEquals(List.of(), RestartArgs.consumeWorkingDirectory(new String[0]).args());
    }

    @Test
    void theCallersArrayIsNotChanged() {
        String[] args = {"--rmkit-cwd", "/a"};
        RestartArgs.consumeWorkingDirectory(args);
        assertEquals("--rmkit-cwd", args[0]);
    }
}
