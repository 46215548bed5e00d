package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Planning answers without running: predictions, and the inverse questions. */
class CostModelTest {

    @Test
    void predictionsEqualRuns() {
        ScheduleSpec[] specs = {ScheduleSpec.storeAll(), ScheduleSpec.binomial(5), ScheduleSpec.online(5),
            ScheduleSpec.uniform(7), ScheduleSpec.disk(2, 3, DiskCosts.DEFAULT)};
        for (ScheduleSpec spec : specs) {
            for (long n : new long[] {0, 1, 9, 100, 777}) {
                assertEquals(ScheduleChecker.check(spec.forSteps(n)), CostModel.predict(spec, n), spec.text() + " N=" + n);
            }
        }
        assertEquals(1 + 316 / 100.0, CostModel.binomialFactor(100, 5));
    }

    @Test
    void fewestSnapshotsMeetsTheBudgetAndNoFewerDo() {
        for (long n : new long[] {2, 10, 100, 1000, 12345, 1_000_000}) {
            for (double budget : new double[] {2.0, 2.5, 3, 4, 6, 11}) {
                if (CostModel.binomialFactor(n, Math.max(1, n - 1)) > budget) {
                    continue;
                }
                int s = CostModel.fewestSnapshots(n, budget);
                assertTrue(CostModel.binomialFactor(n, s) <= budget, "N=" + n + " budget " + budget);
                assertTrue(s == 1 || CostModel.binomialFactor(n, s - 1) > budget, "s - 1 does not meet it");
            }
        }
        assertEquals(10, CostModel.fewestSnapshots(1000, 1 + 3636 / 1000.0));
    }

    @Test
    void unreachableBudgetSaysWhatIsReachable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.fewestSnapshots(100, 1.5));
        assertEquals("recomputation factor 1.5 is out of reach of binomial checkpointing for 100 steps: the best is 1.99 "
                + "with 99 snapshots (store-all reaches 1.0 with 100 tapes)", e.getMessage());
    }

    @Test
    void memoryBudgets() {
        assertEquals(33, CostModel.snapshotsForMemory(256L << 20, 8_000_001), "floor(268435456 / 8000001)");
        ScheduleCounts c = CostModel.forMemory(1_000_000, 256L << 20, 8000 * 1000);
        assertEquals(new BinomialSchedule(1_000_000, 33).counts(), c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.snapshotsForMemory(100, 8000));
        assertEquals("a memory budget of 100 bytes holds no snapshot of 8000 bytes", e.getMessage());
    }

    @Test
    void specsParseTheirTextForms() {
        for (String text : new String[] {"store-all", "binomial:30", "online:12", "uniform:25", "disk:4,10"}) {
            assertEquals(text, ScheduleSpec.parse(text).text());
        }
        assertEquals("invalid checkpoints 'binomial:0': snapshots must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("binomial:0")).getMessage());
        assertEquals("unknown schedule kind 'revolve'; known kinds: store-all, uniform, binomial, online, disk",
                assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("revolve:3")).getMessage());
        assertEquals("invalid checkpoints 'binomial': missing :S",
                assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("binomial")).getMessage());
        assertEquals("invalid checkpoints 'disk:3': disk needs S,D (RAM and disk slots)",
                assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse("disk:3")).getMessage());
    }
}
