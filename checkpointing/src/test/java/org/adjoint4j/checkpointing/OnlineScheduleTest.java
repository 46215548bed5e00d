package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Online checkpointing: the kept sets of the reference (Equinox's Stumm–Walther then Wang–Moin),
 * validity for every N around the regime boundaries, and the excess over the offline optimum.
 */
class OnlineScheduleTest {

    /** The reference's §2.2 table for C = 4 (W–M takes over at k = 14). */
    @Test
    void keptSetsMatchTheReferenceForFourSlots() {
        long[][] expected = {
            {0, 1, 2, 3}, {0, 1, 2, 5}, {0, 2, 5, 6}, {0, 5, 6, 7}, {0, 5, 6, 7}, {0, 5, 6, 9},
            {0, 5, 9, 10}, {0, 5, 9, 10}, {0, 5, 9, 12}, {0, 5, 9, 12}, {0, 5, 9, 14},
        };
        for (int n = 5; n <= 15; n++) {
            long[] kept = Arrays.stream(new OnlineSchedule(n, 4).checkpointsAfterForwardSweep())
                    .mapToLong(pair -> pair[1]).toArray();
            assertArrayEquals(expected[n - 5], kept, "N=" + n);
        }
    }

    @Test
    void policyReportsTheSlotOfEveryKeptState() {
        OnlineCheckpointPolicy policy = new OnlineCheckpointPolicy(4);
        int[] slots = new int[15];
        for (int k = 0; k < 15; k++) {
            slots[k] = policy.slotFor(k);
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, -1, 3, 1, 2, -1, 2, 1, -1, 1, -1, 1}, slots);
        assertArrayEquals(new long[] {0, 14, 9, 5}, policy.stepsInSlots());
        assertEquals("steps must be presented in order: expected step 15, got 17",
                assertThrows(IllegalArgumentException.class, () -> policy.slotFor(17)).getMessage());
    }

    /** Valid for every N up to and far beyond u2 = (C+1)(C+2)/2; prediction equals the run. */
    @Test
    void validAroundTheRegimeBoundaries() {
        for (int c = 1; c <= 12; c++) {
            long u2 = (long) (c + 1) * (c + 2) / 2;
            for (long n = 0; n <= 3 * u2 + 40; n++) {
                OnlineSchedule schedule = new OnlineSchedule(n, c);
                ScheduleCounts run = ScheduleChecker.check(schedule);
                assertEquals(run, schedule.counts(), "N=" + n + ", C=" + c);
                assertTrue(run.peakSlots() <= c);
            }
        }
        OnlineSchedule far = new OnlineSchedule(20_000, 8);
        assertEquals(ScheduleChecker.check(far), far.counts());
    }

    /**
     * The excess over t(N, C): exactly 1 (the last step cannot be known to be last) while every
     * state fits (N <= C), at most 2 below u2 (Equinox's figure), and regression values beyond.
     */
    @Test
    void excessOverTheOfflineOptimum() {
        for (int c = 1; c <= 12; c++) {
            long u2 = (long) (c + 1) * (c + 2) / 2;
            for (long n = 1; n < u2; n++) {
                long excess = new OnlineSchedule(n, c).excessAdvances();
                if (n <= c) {
                    assertEquals(1, excess, "N=" + n + ", C=" + c);
                } else {
                    assertTrue(excess >= 1 && excess <= 2, "N=" + n + ", C=" + c + ": excess " + excess);
                }
            }
        }
        assertEquals(932, new OnlineSchedule(100, 2).counts().advances());
        assertEquals(386, new OnlineSchedule(100, 4).counts().advances());
        assertEquals(296, new OnlineSchedule(100, 6).counts().advances());
        assertEquals(4597, new OnlineSchedule(1000, 10).counts().advances());
    }

    /**
     * Recomputations (advances beyond the first sweep, N - 1) never exceed those of Equinox's
     * bisection reversal from the same kept set, as the reference measured them for N = 100.
     */
    @Test
    void optimalReversalBeatsBisection() {
        long[][] equinox = {{2, 1705}, {4, 303}, {6, 214}};
        for (long[] row : equinox) {
            long recomputations = new OnlineSchedule(100, (int) row[0]).counts().advances() - 99;
            assertTrue(recomputations <= row[1], "C=" + row[0] + ": " + recomputations + " vs " + row[1]);
        }
    }
}
