package dev.rmkit.updater.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.testing.Releases;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final String SHA_A1 = Releases.sha256("A1");

    @Test
    void comparesByHashIntoAddReplaceRemoveAndUnchanged() throws Exception {
        Manifest m = Releases.manifest("2.0", Map.of("a", "A2", "b", "B", "c", "C"), List.of("gone-too"), false);
        Map<String, String> present = Map.of("a", SHA_A1, "b", Releases.sha256("B"), "old", "11".repeat(32),
                "gone-too", "22".repeat(32));

        Plan p = Planner.plan(m, "1.0", present, Set.of("a", "b", "old"));

        assertEquals(List.of("c"), paths(p, ChangeKind.ADD));
        assertEquals(List.of("a"), paths(p, ChangeKind.REPLACE));
        assertEquals(List.of("gone-too", "old"), paths(p, ChangeKind.REMOVE));
        assertEquals(List.of("b"), paths(p, ChangeKind.UNCHANGED));
        assertEquals(List.of("a", "gone-too", "old"), p.displacedPaths());
        assertEquals(SHA_A1, p.changes().get(0).currentSha256());
    }

    @Test
    void unmanagedFilesOutsideTheReleaseAreNotInThePlan() throws Exception {
        Manifest m = Releases.manifest("2.0", Map.of("a", "A2"));
        Plan p = Planner.plan(m, "1.0", Map.of("notes.txt", "33".repeat(32)), Set.of());
        assertEquals(List.of("a"), p.changes().stream().map(FileChange::path).toList());
    }

    @Test
    void aManagedFileAlreadyGoneIsNotRemovedAgain() throws Exception {
        Manifest m = Releases.manifest("2.0", Map.of("a", "A1"));
        Plan p = Planner.plan(m, "1.0", Map.of("a", SHA_A1), Set.of("a", "vanished"));
        assertTrue(p.isEmpty());
    }

    @Test
    void aFreshInstallAddsEverything() throws Exception {
        Plan p = Planner.plan(Releases.manifest("1.0", Map.of("x/y", "Y", "z", "Z")), "", Map.of(), Set.of());
        assertEquals(List.of("x/y", "z"), paths(p, ChangeKind.ADD));
        assertEquals("", p.fromVersion());
    }

    @Test
    void refusesAReleaseThatWritesIntoTheStateDirectory() {
        Manifest m = Releases.manifest("2.0", Map.of(".RMKIT/installed.json", "{}"));
        UpdateException e = assertThrows(UpdateException.Rejected.class,
                () -> Planner.plan(m, "1.0", Map.of(), Set.of()));
        assertTrue(e.getMessage().contains(".rmkit"), e.getMessage());
    }

    private static List<String> paths(Plan p, ChangeKind kind) {
        return p.of(kind).stream().map(FileChange::path).toList();
    }
}
