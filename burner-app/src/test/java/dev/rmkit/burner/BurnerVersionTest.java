package dev.rmkit.burner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.RmKit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BurnerVersionTest {

    @Test
    void aStampedJarVersionWinsOverTheBuildVersion() {
        assertEquals("2.0", BurnerVersion.of(Optional.of(" 2.0 "), "0.1.0-SNAPSHOT"));
    }

    @Test
    void withoutAStampTheBuildVersionIsReported() {
        assertEquals("0.1.0-SNAPSHOT", BurnerVersion.of(Optional.empty(), "0.1.0-SNAPSHOT"));
        assertEquals("0.1.0-SNAPSHOT", BurnerVersion.of(Optional.of("  "), "0.1.0-SNAPSHOT"));
    }

    @Test
    void classesOutsideAStampedJarReportTheBuildVersion() {
        assertEquals(RmKit.version(), BurnerVersion.current());
    }
}
