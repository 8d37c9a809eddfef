package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDefinitionTest {

    @Test
    void badPathsSidsAndEmptyCommandsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TaskDefinition.atBootAsSystem("rmkit", List.of("a.exe"), "d"));
        assertThrows(IllegalArgumentException.class, () -> TaskDefinition.atBootAsSystem("\\a\\b\\c", List.of("a.exe"), "d"));
        assertThrows(IllegalArgumentException.class, () -> TaskDefinition.atBootAsSystem("\\a b", List.of("a.exe"), "d"));
        assertThrows(IllegalArgumentException.class, () -> TaskDefinition.atLogonOf("alice", "\\a", List.of("a.exe"), "d"));
        assertThrows(IllegalArgumentException.class, () -> TaskDefinition.atBootAsSystem("\\a", List.of(), "d"));
    }

    @Test
    void theDescriptionIsEscaped() {
        String xml = TaskDefinition.atBootAsSystem("\\rmkit\\x", List.of("a.exe"), "<x> & \"y\"").xml();
        assertTrue(xml.contains("<Description>&lt;x&gt; &amp; &quot;y&quot;</Description>"), xml);
    }
}
