package dev.rmkit.burner.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.BurnerException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreePlanTest {

    @Test
    void primaryRecordsAreOrderedByNameThenExtension() throws BurnerException {
        DiscDir root = new DiscDir("", Instant.EPOCH);
        for (String n : List.of("b.a", "a.z", "a", "a_b.c")) {
            root.put(new DiscFile(n, 1, Instant.EPOCH, new FileData.FromSource(Path.of(n))));
        }
        root.dir("A", Instant.EPOCH);
        TreePlan plan = TreePlan.of(root);
        assertEquals(List.of("A", "A.;1", "A.Z;1", "A_B.C;1", "B.A;1"), TreePlan.primaryNames(plan.root()));
    }

    @Test
    void pathTableOrderIsBreadthFirst() throws BurnerException {
        DiscDir root = new DiscDir("", Instant.EPOCH);
        root.dir("z", Instant.EPOCH).dir("deep", Instant.EPOCH);
        root.dir("a", Instant.EPOCH);
        TreePlan plan = TreePlan.of(root);
        assertEquals(List.of("", "a", "z", "deep"), plan.jolietOrder.stream().map(d -> d.dir.name()).toList());
        assertEquals(3, plan.jolietOrder.get(3).parent.jolietNumber);
    }

    @Test
    void moreThanEightLevelsAreRefused() {
        DiscDir root = new DiscDir("", Instant.EPOCH);
        DiscDir d = root;
        for (int i = 1; i <= 8; i++) {
            d = d.dir("l" + i, Instant.EPOCH);
        }
        BurnerException e = assertThrows(BurnerException.class, () -> TreePlan.of(root));
        assertTrue(e.getMessage().contains("'/l1/l2/l3/l4/l5/l6/l7/l8' is nested 9 levels deep"), e.getMessage());
    }
}
