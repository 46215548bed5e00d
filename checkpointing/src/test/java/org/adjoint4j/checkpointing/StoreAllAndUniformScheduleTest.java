package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Store-all and uniform schedules: golden strings and closed-form counts. */
class StoreAllAndUniformScheduleTest {

    @Test
    void storeAllTapesEverythingOnce() {
        assertEquals("W0->4 B3 B2 B1 B0 T", ScheduleText.format(new StoreAllSchedule(4)));
        assertEquals("T", ScheduleText.format(new StoreAllSchedule(0)));
        ScheduleCounts c = ScheduleChecker.check(new StoreAllSchedule(1000));
        assertEquals(0, c.advances());
        assertEquals(1000, c.tapedSteps());
        assertEquals(1000, c.peakTapes());
        assertEquals(1.0, c.recomputationFactor());
    }

    @Test
    void uniformGoldenStrings() {
        assertEquals("S0@0 A0->4 S1@4 A4->8 W8->10 B9 B8 R1@4 W4->8 B7 B6 B5 B4 R0@0 W0->4 B3 B2 B1 B0 T",
                ScheduleText.format(new UniformSchedule(10, 4)));
        assertEquals("W0->3 B2 B1 B0 T", ScheduleText.format(new UniformSchedule(3, 5)), "K >= N is store-all");
        assertEquals("S0@0 A0->2 W2->4 B3 B2 R0@0 W0->2 B1 B0 T", ScheduleText.format(new UniformSchedule(4, 2)));
    }

    @Test
    void uniformCountsFollowTheClosedForm() {
        for (long n = 1; n <= 120; n++) {
            for (long k = 1; k <= n + 1; k++) {
                UniformSchedule schedule = new UniformSchedule(n, k);
                ScheduleCounts c = ScheduleChecker.check(schedule);
                long m = (n + k - 1) / k;
                assertEquals((m - 1) * k, c.advances(), "advances N=" + n + ", K=" + k);
                assertEquals(m - 1, c.takeshots());
                assertEquals(m - 1, c.restores());
                assertEquals(Math.min(n, k), c.peakTapes());
                assertEquals(c, schedule.counts());
            }
        }
    }

    @Test
    void uniformWithSnapshotsUsesAtMostThatMany() {
        for (long n = 1; n <= 200; n++) {
            for (int s = 1; s <= 12; s++) {
                UniformSchedule schedule = UniformSchedule.withSnapshots(n, s);
                ScheduleCounts c = ScheduleChecker.check(schedule);
                assertEquals(true, c.peakSlots() <= s, "N=" + n + ", s=" + s);
            }
        }
        assertEquals(250, UniformSchedule.withSnapshots(1000, 3).interval());
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("interval must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new UniformSchedule(10, 0)).getMessage());
        assertEquals("steps must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new StoreAllSchedule(-1)).getMessage());
    }
}
