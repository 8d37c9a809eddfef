package dev.rmkit.updater.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWordsTest {

    @Test
    void wordsAreSplitAtSpacesAndQuotesGroupThem() {
        assertEquals(List.of("curl", "-fsS", "http://localhost:8080/health"),
                CommandWords.split("  curl\t-fsS   http://localhost:8080/health "));
        assertEquals(List.of("probe", "-c", "test -f lib/core.jar && echo ok"),
                CommandWords.split("probe -c 'test -f lib/core.jar && echo ok'"));
        assertEquals(List.of("say", "a \"quoted\" \\ word", "x y"), CommandWords.split("say \"a \\\"quoted\\\" \\\\ word\" x\\ y"));
        assertEquals(List.of("ab", ""), CommandWords.split("a'b' ''"));
    }

    @Test
    void nothingIsInterpreted() {
        assertEquals(List.of("echo", "$HOME", "*", ">", "out", ";", "rm", "-rf", "/"),
                CommandWords.split("echo $HOME * > out ; rm -rf /"));
    }

    @Test
    void malformedTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CommandWords.split("probe -c 'oops"));
        assertThrows(IllegalArgumentException.class, () -> CommandWords.split("say \"oops"));
        assertThrows(IllegalArgumentException.class, () -> CommandWords.split("trailing \\"));
        assertThrows(IllegalArgumentException.class, () -> CommandWords.split("   "));
    }
}
