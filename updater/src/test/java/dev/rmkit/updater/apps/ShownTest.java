package dev.rmkit.updater.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShownTest {

    @Test
    void plainWordsStayQuotedOnesAreQuotedAndControlCharactersAreShownNotSent() {
        assertEquals("java -jar /opt/burner/lib/burner.jar", Shown.argv(List.of("java", "-jar", "/opt/burner/lib/burner.jar")));
        assertEquals("burner --label 'My Photos' 'it'\\''s' ''", Shown.argv(List.of("burner", "--label", "My Photos", "it's", "")));
        assertEquals("'evil\\x1b[2Jname' 'x\\u202ey'", Shown.argv(List.of("evil\u001b[2Jname", "x\u202ey")));
    }
}
