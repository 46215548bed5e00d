package org.adjoint4j.checkpointing;

import java.util.Iterator;

/**
 * Store-all: one taped forward sweep keeps the tape of every step, then the steps are reversed
 * from their tapes. No recomputation (0 advances), N tapes of memory:
 * {@code W0->N B(N-1) ... B0 T}.
 */
public final class StoreAllSchedule implements CheckpointSchedule {

    private final long steps;

    /** @param steps N, at least 0 */
    public StoreAllSchedule(long steps) {
        this.steps = Arguments.requireNonNegative("steps", steps);
    }


    @Override
    public String name() {
        return "store-all";
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public int snapshots() {
        return 0;
    }

    @Override
    public long tapeCapacity() {
        return Math.max(1, steps);
    }

    @Override
    public ScheduleCounts counts() {
        return new ScheduleCounts(steps, 0, 0, 0, steps, 0, 0, 0, 0, steps, steps == 0 ? 1 : steps + 2);
    }

    @Override
    public Iterator<CheckpointAction> iterator() {
        return RecordingSink.iterator(new UniformSchedule(steps, Math.max(1, steps)).cursor());
    }

    @Override
    public void execute(ActionSink sink) {
        new UniformSchedule(steps, Math.max(1, steps)).execute(sink);
    }

    @Override
    public String toString() {
        return "store-all(N=" + steps + ")";
    }

    /** The store-all strategy, text form {@code store-all}. */
    public record Spec() implements ScheduleSpec {
        @Override
        public CheckpointSchedule forSteps(long steps) {
            return new StoreAllSchedule(steps);
        }

        @Override
        public String text() {
            return "store-all";
        }
    }
}
