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

    /** Writes primitive calls in the text notation, independently of the records. */
    static final class TextSink implements ActionSink {
        private final StringBuilder out;

        TextSink(StringBuilder out) {
            this.out = out;
        }

        private void add(String s) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(s);
        }

        @Override
        public void advance(long from, long to) {
            add("A" + from + "->" + to);
        }

        @Override
        public void takeshot(int slot, long step, Storage storage) {
            add((storage == Storage.DISK ? "Sd" : "S") + slot + "@" + step);
        }

        @Override
        public void restore(int slot, long step, Storage storage) {
            add((storage == Storage.DISK ? "Rd" : "R") + slot + "@" + step);
        }

        @Override
        public void firstTurn(long step) {
            add("F" + step);
        }

        @Override
        public void youTurn(long step) {
            add("Y" + step);
        }

        @Override
        public void record(long from, long to) {
            add("W" + from + "->" + to);
        }

        @Override
        public void reverse(long step) {
            add("B" + step);
        }

        @Override
        public void terminate() {
            add("T");
        }
    }

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
        String text = ScheduleText.format(schedule);
        assertEquals(text, ScheduleText.format(schedule), "iteration is repeatable");
        StringBuilder pushed = new StringBuilder();
        schedule.execute(new TextSink(pushed));
        assertEquals(text, pushed.toString(), "execute(sink) emits the iterator's actions");
        if (schedule.steps() > 0) {
            assertTrue(run.advances() >= Binomial.optimalAdvances(schedule.steps(), Math.max(1, schedule.snapshots()))
                    || schedule.tapeCapacity() > 1 || schedule.diskSnapshots() > 0,
                    "no schedule that tapes one step at a time in RAM beats the optimum");
        }
    }
}
