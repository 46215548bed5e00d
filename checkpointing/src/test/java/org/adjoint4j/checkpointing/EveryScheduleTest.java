package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validity contract for every schedule family (checkpoint_schedules' {@code test_validity}):
 * over a grid of N and capacities, the abstract machine accepts the generated actions, every step
 * is taped exactly once, capacities hold, the prediction equals the run, and a second iteration
 * gives the same actions. Every new schedule family joins {@link #schedules()}.
 */
class EveryScheduleTest {

    static Stream<CheckpointSchedule> schedules() {
        List<CheckpointSchedule> all = new ArrayList<>();
        long[] steps = {0, 1, 2, 3, 4, 5, 7, 10, 16, 25, 50, 100, 250};
        for (long n : steps) {
            all.add(new StoreAllSchedule(n));
            for (long k : new long[] {1, 2, 3, 7, 25, 300}) {
                all.add(new UniformSchedule(n, k));
            }
            for (int s = 1; s <= 12; s++) {
                all.add(new BinomialSchedule(n, s));
                all.add(new OnlineSchedule(n, s));
            }
            for (int cm = 1; cm <= 3; cm++) {
                for (int d : new int[] {0, 1, 2, 5, 1000}) {
                    all.add(new MultistageSchedule(n, cm, d, DiskCosts.DEFAULT));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void isValidAndPredicted(CheckpointSchedule schedule) {
        ScheduleCounts run = ScheduleChecker.check(schedule);
        assertEquals(schedule.steps(), run.tapedSteps(), "every step taped exactly once");
        assertTrue(run.peakSlots() <= schedule.snapshots(), "RAM capacity");
        assertTrue(run.peakDiskSlots() <= schedule.diskSnapshots(), "disk capacity");
        assertTrue(run.peakTapes() <= schedule.tapeCapacity(), "tape capacity");
        assertEquals(run, schedule.counts(), "prediction equals the run");
        assertEquals(ScheduleText.format(schedule), ScheduleText.format(schedule), "iteration is repeatable");
        if (schedule.steps() > 0) {
            assertTrue(run.advances() >= Binomial.optimalAdvances(schedule.steps(), Math.max(1, schedule.snapshots()))
                    || schedule.kind() == ScheduleKind.STORE_ALL || schedule.kind() == ScheduleKind.UNIFORM
                    || schedule.kind() == ScheduleKind.DISK, "no turn-based schedule beats the optimum");
        }
    }
}
