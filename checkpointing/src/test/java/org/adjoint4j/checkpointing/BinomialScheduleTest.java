package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The binomial (revolve) schedule: golden strings and counts of the reference, and every
 * N &lt;= 2000, s &lt;= 40 against the independent dynamic program and the abstract machine.
 */
class BinomialScheduleTest {

    @ParameterizedTest(name = "N={0}, s={1}")
    @CsvSource(delimiter = '|', value = {
        "10|2|S0@0 A0->6 S1@6 A6->9 F9 R1@6 A6->8 Y8 R1@6 A6->7 Y7 R1@6 Y6 R0@0 A0->3 S1@3 A3->5 Y5 R1@3 A3->4 Y4 "
            + "R1@3 Y3 R0@0 A0->1 S1@1 A1->2 Y2 R1@1 Y1 R0@0 Y0 T",
        "6|2|S0@0 A0->3 S1@3 A3->5 F5 R1@3 A3->4 Y4 R1@3 Y3 R0@0 A0->1 S1@1 A1->2 Y2 R1@1 Y1 R0@0 Y0 T",
        "5|3|S0@0 A0->1 S1@1 A1->2 S2@2 A2->4 F4 R2@2 A2->3 Y3 R2@2 Y2 R1@1 Y1 R0@0 Y0 T",
        "1|3|F0 T",
        "0|3|T",
    })
    void goldenStrings(long steps, int snapshots, String golden) {
        BinomialSchedule schedule = new BinomialSchedule(steps, snapshots);
        assertEquals(golden, ScheduleText.format(schedule));
        assertEquals(schedule.counts(), ScheduleChecker.check(schedule));
    }

    /** The reference's worked values (§1.3) and revolve's own counts, actions including Terminate. */
    @ParameterizedTest(name = "N={0}, s={1}")
    @CsvSource({
        // N, s, advances, takeshots, restores, actions (-1: not tabulated)
        "10, 2, 20, 4, 9, 33",
        "100, 5, 316, 44, 99, -1",
        "1000, 10, 3636, 714, 999, -1",
        "50, 7, 105, 28, 49, 177",
        "20, 3, 45, 10, 19, -1",
        "10, 1, 45, 1, 9, -1",
        "1000, 3, 12155, 153, 999, -1",
        "10000, 10, 57624, 5005, 9999, -1",
    })
    void referenceCounts(long steps, int snapshots, long advances, long takeshots, long restores, long actions) {
        BinomialSchedule schedule = new BinomialSchedule(steps, snapshots);
        ScheduleCounts run = ScheduleChecker.check(schedule);
        assertEquals(advances, run.advances());
        assertEquals(takeshots, run.takeshots());
        assertEquals(restores, run.restores());
        assertEquals(steps, run.tapedSteps());
        if (actions >= 0) {
            assertEquals(actions, run.actions());
        }
        assertEquals(run, schedule.counts(), "prediction equals the run");
    }

    /**
     * Every N &lt;= 2000 and s &lt;= 40: the machine accepts the schedule, its advances equal the
     * dynamic-program optimum, and the prediction equals the run in every count.
     */
    @Test
    void exhaustiveGridIsValidOptimalAndPredicted() {
        long[][] optimum = OptimalAdvancesOracle.table();
        IntStream.rangeClosed(1, OptimalAdvancesOracle.MAX_SNAPSHOTS).parallel().forEach(s -> {
            for (int n = 0; n <= OptimalAdvancesOracle.MAX_STEPS; n++) {
                BinomialSchedule schedule = new BinomialSchedule(n, s);
                ScheduleCounts run = ScheduleChecker.check(schedule);
                assertEquals(optimum[s][n], run.advances(), "advances of N=" + n + ", s=" + s);
                assertEquals(n, run.tapedSteps());
                assertEquals(Math.max(0, n - 1), run.restores());
                assertTrue(run.peakSlots() <= s);
                if (!run.equals(schedule.counts())) {
                    assertEquals(run, schedule.counts(), "prediction of N=" + n + ", s=" + s);
                }
            }
        });
    }

    /** The most advances of any one step is the repetition number, and no step is skipped. */
    @Test
    void everyStepIsAdvancedAtMostRTimes() {
        for (int s = 1; s <= 8; s++) {
            for (int n = 2; n <= 400; n += 7) {
                BinomialSchedule schedule = new BinomialSchedule(n, s);
                ScheduleChecker checker = ScheduleChecker.forSchedule(schedule, true);
                schedule.forEach(checker::apply);
                checker.finish();
                long max = 0;
                for (long a : checker.advancesPerStep()) {
                    max = Math.max(max, a);
                }
                assertEquals(schedule.repetitionNumber(), max, "N=" + n + ", s=" + s);
            }
        }
    }

    /** Snapshots form a stack: live slot positions increase with the slot index. */
    @Test
    void snapshotsFormAStack() {
        for (int s = 1; s <= 6; s++) {
            for (int n = 1; n <= 200; n++) {
                List<Long> stack = new ArrayList<>();
                for (CheckpointAction a : new BinomialSchedule(n, s)) {
                    if (a instanceof CheckpointAction.Takeshot) {
                        CheckpointAction.Takeshot t = (CheckpointAction.Takeshot) a;
                        while (stack.size() > t.slot()) {
                            stack.remove(stack.size() - 1);
                        }
                        assertEquals(stack.size(), t.slot(), "takeshot into the next free stack slot");
                        assertTrue(stack.isEmpty() || stack.get(stack.size() - 1) < t.step());
                        stack.add(t.step());
                    } else if (a instanceof CheckpointAction.Restore) {
                        CheckpointAction.Restore r = (CheckpointAction.Restore) a;
                        while (stack.get(stack.size() - 1) > r.step()) {
                            stack.remove(stack.size() - 1);
                        }
                        assertEquals(stack.size() - 1, r.slot(), "restore reads the top of the stack");
                    }
                }
            }
        }
    }

    /** Streaming a million steps keeps memory flat and matches the closed form. */
    @Test
    void millionStepsStreamThroughTheMachine() {
        BinomialSchedule schedule = new BinomialSchedule(1_000_000, 20);
        ScheduleCounts run = ScheduleChecker.check(schedule);
        assertEquals(Binomial.optimalAdvances(1_000_000, 20), run.advances());
        assertEquals(run, schedule.counts());
    }

    /** Huge N: the recursion over revolve's rule reaches the closed-form optimum, without generating. */
    @Test
    void countsForHugeStepsEqualTheClosedForm() {
        ScheduleCounts billion = new BinomialSchedule(1_000_000_000, 30).counts();
        assertEquals(9_878_900_592L, billion.advances());
        assertEquals(Binomial.optimalAdvances(1_000_000_000, 30), billion.advances());
        assertEquals(999_999_999, billion.restores());
        assertEquals(1_000_000_000, billion.tapedSteps());
        assertEquals(30, billion.peakSlots());
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            long n = 2 + (long) Math.pow(10, 2 + 10 * random.nextDouble());
            int s = 1 + random.nextInt(40);
            if (s == 4 && n > 10_000_000_000L) {
                continue; // seconds each: counting cost grows like N^(1/2) for s = 4
            }
            assertEquals(Binomial.optimalAdvances(n, s), new BinomialSchedule(n, s).counts().advances(),
                    "N=" + n + ", s=" + s);
        }
    }
}
