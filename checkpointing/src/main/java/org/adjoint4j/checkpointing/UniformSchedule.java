package org.adjoint4j.checkpointing;

import java.util.Iterator;

/**
 * Uniform (periodic) checkpointing: the forward sweep stores {@code x_0, x_K, x_2K, ...}; each
 * segment of K steps is then re-run taped from its snapshot and reversed from those tapes, last
 * segment first. The start of the last segment needs no snapshot: the forward sweep tapes that
 * segment directly. With {@code m = ceil(N / K)} segments:
 * <pre>
 *   advances = (m - 1) K,  takeshots = restores = m - 1,  tapes held &lt;= K,  taped steps = N.
 * </pre>
 * For N = 10, K = 4: {@code S0@0 A0->4 S1@4 A4->8 W8->10 B9 B8 R1@4 W4->8 B7 B6 B5 B4 R0@0 W0->4 B3 B2 B1 B0 T}.
 */
public final class UniformSchedule implements CheckpointSchedule {

    private final long steps;
    private final long interval;

    /**
     * @param steps N, at least 0
     * @param interval K, the steps between snapshots, at least 1
     */
    public UniformSchedule(long steps, long interval) {
        this.steps = Arguments.requireNonNegative("steps", steps);
        this.interval = Arguments.requireAtLeast("interval", interval, 1);
        if (segments() - 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("interval " + interval + " gives " + (segments() - 1)
                    + " snapshots for " + steps + " steps, more than a schedule can address");
        }
    }

    /**
     * The uniform schedule that uses at most {@code snapshots} slots: {@code K = ceil(N / (s + 1))}.
     *
     * @param steps N
     * @param snapshots s, at least 1
     * @return the schedule
     */
    public static UniformSchedule withSnapshots(long steps, int snapshots) {
        Arguments.requireNonNegative("steps", steps);
        Arguments.requireAtLeast("snapshots", snapshots, 1);
        long segments = (long) snapshots + 1;
        return new UniformSchedule(steps, Math.max(1, (steps + segments - 1) / segments));
    }

    /** @return K, the steps between snapshots */
    public long interval() {
        return interval;
    }

    private long segments() {
        return (steps + interval - 1) / interval;
    }

    /** @return the interval K */
    @Override
    public java.util.Map<String, Object> properties() {
        return java.util.Map.of("interval", interval);
    }

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public int snapshots() {
        return (int) Math.max(0, segments() - 1);
    }

    @Override
    public long tapeCapacity() {
        return Math.max(1, Math.min(interval, steps));
    }

    @Override
    public ScheduleCounts counts() {
        long m = segments();
        if (m == 0) {
            return new ScheduleCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        }
        long stored = m - 1;
        // Per stored segment: S, A (forward), R, W (backward); then N reversals, the last W and T.
        long actions = 4 * stored + steps + 2;
        return new ScheduleCounts(steps, stored * interval, stored, stored, steps, 0, 0, (int) stored, 0,
                Math.min(interval, steps), actions);
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

    /** The actions, one per call: forward segments, then each segment taped and reversed, last first. */
    ScheduleCursor cursor() {
        long m = segments();
        return new ScheduleCursor() {
            /** Segment being handled and what to emit next for it. */
            private long segment;
            private int phase; // 0 forward S, 1 forward A, 2 W, 3 B..., 4 R, 5 done
            private long reversing = -1;

            @Override
            public boolean next(ActionSink sink) {
                if (m == 0 || phase == 5) {
                    sink.terminate();
                    return false;
                }
                long from = segment * interval;
                long to = Math.min(steps, from + interval);
                switch (phase) {
                    case 0:
                        if (segment + 1 < m) {
                            sink.takeshot((int) segment, from, Storage.RAM);
                            phase = 1;
                            return true;
                        }
                        phase = 2;
                        return next(sink);
                    case 1:
                        sink.advance(from, to);
                        segment++;
                        phase = 0;
                        return true;
                    case 2:
                        sink.record(from, to);
                        reversing = to - 1;
                        phase = 3;
                        return true;
                    case 3:
                        sink.reverse(reversing);
                        if (reversing-- == from) {
                            segment--;
                            phase = segment < 0 ? 5 : 4;
                        }
                        return true;
                    default:
                        sink.restore((int) segment, from, Storage.RAM);
                        phase = 2;
                        return true;
                }
            }
        };
    }

    @Override
    public String toString() {
        return "uniform(N=" + steps + ", K=" + interval + ")";
    }

    /**
     * A snapshot every K steps, text form {@code uniform:K}.
     *
     * @param interval K, at least 1
     */
    public record Spec(long interval) implements ScheduleSpec {
        /**
         * Checks K.
         *
         * @param interval K, at least 1
         */
        public Spec {
            Arguments.requireAtLeast("interval", interval, 1);
        }

        @Override
        public CheckpointSchedule forSteps(long steps) {
            return new UniformSchedule(steps, interval);
        }

        @Override
        public String text() {
            return "uniform:" + interval;
        }
    }
}
