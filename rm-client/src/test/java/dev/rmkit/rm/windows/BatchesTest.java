package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void splitsIntoFullBatchesAndARemainder() {
        List<Integer> items = IntStream.range(0, 2001).boxed().toList();
        List<List<Integer>> b = Batches.of(items, 1000);
        assertEquals(List.of(1000, 1000, 1), b.stream().map(List::size).toList());
        assertEquals(2000, b.get(2).get(0));
    }

    @Test
    void exactMultiplesHaveNoEmptyBatchAndNothingGivesNoBatch() {
        assertEquals(2, Batches.of(IntStream.range(0, 2000).boxed().toList(), 1000).size());
        assertEquals(List.of(), Batches.of(List.of(), 1000));
        assertThrows(IllegalArgumentException.class, () -> Batches.of(List.of(1), 0));
    }
}
