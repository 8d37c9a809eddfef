package dev.rmkit.burner.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.Speed;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BurnerStateTest {

    static final UUID DISC = UUID.fromString("2f6c0000-0000-4000-8000-000000000001");

    @Test
    void describeNamesTheQueueTheInterruptedJobTheDiscAndTheSpeed() {
        BurnerState s = new BurnerState(Path.of("/d.iso"), Optional.of(DISC), Path.of("/in"), MediaType.CD_R,
                Speed.parse("4x"), List.of(StateStoreTest.job("notes"), StateStoreTest.job("music")),
                Optional.of(StateStoreTest.job("photos")));
        assertEquals("queue [notes, music] (2 jobs), interrupted burn of job photos, disc " + DISC + ", speed 4x",
                s.describe());
    }

    @Test
    void describeSaysSoWhenTheQueueIsEmptyAndNoDiscWasSeen() {
        BurnerState s = BurnerState.fresh(Path.of("/d.iso"), Path.of("/in"), MediaType.CD_R, Speed.MAX);
        assertEquals("queue empty, disc not seen yet, speed max", s.describe());
        assertEquals("queue [a] (1 job), disc " + DISC + ", speed max",
                s.enqueue(StateStoreTest.job("a")).tiedTo(DISC).describe());
    }
}
