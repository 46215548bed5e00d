package org.adjoint4j.checkpointing;

import java.util.Iterator;

/**
 * The offline optimal binomial schedule of Griewank &amp; Walther (revolve, ACM TOMS Alg. 799):
 * reverses N steps with s RAM slots (including the one holding {@code x_0}) in exactly
 * {@code t(N, s) = r N - C(s + r, s + 1)} advances, the minimum (see {@link Binomial}).
 *
 * <p>The actions are those of revolve.cpp's {@code Offline::revolve} state machine
 * ({@link RevolveMachine}): store {@code x_0}, advance by {@link Binomial#revolveAdvance}, store,
 * reverse the right part with one slot less, restore, continue on the left part. Snapshots form a
 * stack (slot positions increase with the slot index); restores number {@code N - 1}. For N = 10,
 * s = 2:
 * <pre>
 * S0@0 A0-&gt;6 S1@6 A6-&gt;9 F9 R1@6 A6-&gt;8 Y8 R1@6 A6-&gt;7 Y7 R1@6 Y6 R0@0 A0-&gt;3 S1@3 A3-&gt;5 Y5 R1@3 A3-&gt;4 Y4 ...
 * </pre>
 */
public final class BinomialSchedule implements CheckpointSchedule {

    private final long steps;
    private final int snapshots;

    /**
     * @param steps N, at least 0
     * @param snapshots s, at least 1 (more than {@code N - 1} are never used)
     */
    public BinomialSchedule(long steps, int snapshots) {
        this.steps = Arguments.requireNonNegative("steps", steps);
        this.snapshots = (int) Arguments.requireAtLeast("snapshots", snapshots, 1);
    }

    @Override
    public String name() {
        return "binomial";
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public int snapshots() {
        return snapshots;
    }

    @Override
    public long tapeCapacity() {
        return 1;
    }

    /** @return the repetition number r(N, s): the most advances of any single step */
    public long repetitionNumber() {
        return Binomial.repetitionNumber(steps, snapshots);
    }

    @Override
    public ScheduleCounts counts() {
        if (steps == 0) {
            return new ScheduleCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        }
        if (steps == 1) {
            return new ScheduleCounts(1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2);
        }
        RevolveCounter.Segment seg = new RevolveCounter().count(steps, snapshots);
        return new ScheduleCounts(steps, seg.advances(), 1 + seg.takeshots(), steps - 1, steps, 0, 0,
                (int) seg.maxLive(), 0, 1, 1 + seg.actions(steps) + 1);
    }

    @Override
    public Iterator<CheckpointAction> iterator() {
        return RecordingSink.iterator(cursor());
    }

    @Override
    public void execute(ActionSink sink) {
        ScheduleCursor cursor = cursor();
        while (cursor.next(sink)) {
            // one action per call
        }
    }

    private ScheduleCursor cursor() {
        RevolveMachine machine = new RevolveMachine(0, steps, snapshots, null, false, new RevolveMachine.Turns());
        return sink -> {
            if (machine.next(sink)) {
                return true;
            }
            sink.terminate();
            return false;
        };
    }

    @Override
    public String toString() {
        return "binomial(N=" + steps + ", s=" + snapshots + ")";
    }

    /**
     * Offline optimal binomial checkpointing with s slots, text form {@code binomial:S}.
     *
     * @param snapshots s, at least 1
     */
    public record Spec(int snapshots) implements ScheduleSpec {
        /**
         * Checks s.
         *
         * @param snapshots s, at least 1
         */
        public Spec {
            Arguments.requireAtLeast("snapshots", snapshots, 1);
        }

        @Override
        public CheckpointSchedule forSteps(long steps) {
            return new BinomialSchedule(steps, snapshots);
        }

        @Override
        public String text() {
            return "binomial:" + snapshots;
        }
    }
}
