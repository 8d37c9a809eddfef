package dev.rmkit.rm.linux.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.EndSessionFlag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlMessageTest {

    @Test
    void queryTravelsAsOneLineOfJsonWithWireFlagNames() throws IOException {
        String line = new String(ControlMessage.query(EnumSet.of(EndSessionFlag.CLOSE_APP, EndSessionFlag.CRITICAL)).encode(),
                StandardCharsets.UTF_8);
        assertEquals("{\"v\":1,\"type\":\"query\",\"flags\":[\"close-app\",\"critical\"]}\n", line);
        ControlMessage back = ControlMessage.decode(line.strip());
        assertEquals(Set.of(EndSessionFlag.CLOSE_APP, EndSessionFlag.CRITICAL), back.endSessionFlags());
    }

    @Test
    void answersCarryAllowAndReason() throws IOException {
        String line = new String(ControlMessage.answer(false, "Burning 42%").encode(), StandardCharsets.UTF_8);
        assertEquals("{\"v\":1,\"type\":\"answer\",\"allow\":false,\"reason\":\"Burning 42%\"}\n", line);
        ControlMessage m = ControlMessage.decode(line.strip());
        assertEquals(false, m.allow());
        assertEquals("Burning 42%", m.reason());
    }

    @Test
    void aNoticeCarriesTheTimeOfTheForcedEndAndItsReason() throws IOException {
        String line = new String(ControlMessage.notice(java.time.Instant.parse("2026-12-09T01:00:00Z"), "update to 2.0.0")
                .encode(), StandardCharsets.UTF_8);
        assertEquals("{\"v\":1,\"type\":\"notice\",\"reason\":\"update to 2.0.0\",\"at\":\"2026-12-09T01:00:00Z\"}\n", line);
        ControlMessage m = ControlMessage.decode(line.strip());
        assertEquals("2026-12-09T01:00:00Z", m.at());
        assertEquals("update to 2.0.0", m.reason());
    }

    @Test
    void unknownFieldsAndFlagsAreIgnored() throws IOException {
        ControlMessage m = ControlMessage.decode("{\"v\":1,\"type\":\"end\",\"ending\":true,\"flags\":[\"logoff\",\"future\"],\"extra\":3}");
        assertEquals(Set.of(EndSessionFlag.LOGOFF), m.endSessionFlags());
        assertEquals(true, m.ending());
    }

    @Test
    void rejectsOtherVersionsAndNonsense() {
        IOException e = assertThrows(IOException.class, () -> ControlMessage.decode("{\"v\":2,\"type\":\"query\"}"));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertThrows(IOException.class, () -> ControlMessage.decode("{\"v\":1}"));
        assertThrows(IOException.class, () -> ControlMessage.decode("not json"));
    }
}
