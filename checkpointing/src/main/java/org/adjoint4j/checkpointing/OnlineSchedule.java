package org.adjoint4j.checkpointing;

import java.util.Arrays;
import java.util.Iterator;

/**
 * Online checkpointing, for runs whose number of steps is known only at the end (adaptive time
 * stepping): the forward sweep advances through all N steps keeping the states chosen by
 * {@link OnlineCheckpointPolicy}; once N is known, the kept set {@code c_0 = 0 < c_1 < ... < c_{k-1}}
 * is reversed optimally, last segment first, each segment {@code [c_i, c_{i+1})} by revolve with
 * the {@code C - i} slots not holding an earlier checkpoint. Advances:
 * <pre>
 *   N (the forward sweep, which cannot know its last step) + sum_i t(c_{i+1} - c_i, C - i)
 * </pre>
 * with {@code c_k = N}; {@link #excessAdvances()} is how far that is above the offline optimum
 * {@code t(N, C)}. Counting simulates the policy, which takes O(N C) time and O(C) memory.
 */
public final class OnlineSchedule implements CheckpointSchedule {

    private final long steps;
    private final int snapshots;

    /**
     * @param steps N, at least 0 (revealed to the policy only at the end)
     * @param snapshots C, at least 1
     */
    public OnlineSchedule(long steps, int snapshots) {
        this.steps = Arguments.requireNonNegative("steps", steps);
        this.snapshots = (int) Arguments.requireAtLeast("snapshots", snapshots, 1);
    }

    /** @return the excess of advances over the offline optimum */
    @Override
    public java.util.Map<String, Object> properties() {
        return java.util.Map.of("excessAdvances", excessAdvances());
    }

    @Override
    public String name() {
        return "online";
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

    /**
     * Advances beyond the offline optimum: {@code counts().advances() - t(N, C)}.
     *
     * @return the excess, at least 0
     */
    public long excessAdvances() {
        return counts().advances() - Binomial.optimalAdvances(steps, snapshots);
    }

    /**
     * The slots and steps the forward sweep holds at its end, ordered by step.
     *
     * @return pairs {slot, step}, by increasing step
     */
    public long[][] checkpointsAfterForwardSweep() {
        OnlineCheckpointPolicy policy = new OnlineCheckpointPolicy(snapshots);
        for (long k = 0; k < steps; k++) {
            policy.slotFor(k);
        }
        long[] held = policy.stepsInSlots();
        return java.util.stream.IntStream.range(0, held.length)
                .filter(j -> held[j] >= 0)
                .mapToObj(j -> new long[] {j, held[j]})
                .sorted((a, b) -> Long.compare(a[1], b[1]))
                .toArray(long[][]::new);
    }

    @Override
    public ScheduleCounts counts() {
        if (steps == 0) {
            return new ScheduleCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        }
        OnlineCheckpointPolicy policy = new OnlineCheckpointPolicy(snapshots);
        long takeshots = 0;
        long advanceActions = 0;
        long lastStop = 0;
        int peak = 0;
        boolean[] used = new boolean[snapshots];
        for (long k = 0; k < steps; k++) {
            int slot = policy.slotFor(k);
            if (slot >= 0) {
                takeshots++;
                if (k > lastStop) {
                    advanceActions++;
                    lastStop = k;
                }
                if (!used[slot]) {
                    used[slot] = true;
                    peak++;
                }
            }
        }
        advanceActions++; // to x_N
        long[] held = Arrays.stream(policy.stepsInSlots()).filter(s -> s >= 0).sorted().toArray();
        long advances = steps;
        long actions = takeshots + advanceActions;
        RevolveCounter counter = new RevolveCounter();
        for (int seg = held.length - 1; seg >= 0; seg--) {
            long length = (seg + 1 < held.length ? held[seg + 1] : steps) - held[seg];
            RevolveCounter.Segment s = counter.count(length, snapshots - seg);
            advances = Math.addExact(advances, s.advances());
            takeshots += s.takeshots();
            actions += 1 + s.actions(length); // the restore of the segment's start, then revolve
            peak = (int) Math.max(peak, seg + s.maxLive());
        }
        return new ScheduleCounts(steps, advances, takeshots, steps, steps, 0, 0, peak, 0, 1, actions + 1);
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

    @Override
    public String toString() {
        return "online(N=" + steps + ", C=" + snapshots + ")";
    }

    /**
     * The actions, one per call: the forward sweep (advance to the next kept state, keep it, ...,
     * advance to x_N), then each segment of the kept set, last first: restore its start and
     * revolve over it with the slots not holding an earlier checkpoint.
     */
    private ScheduleCursor cursor() {
        return new ScheduleCursor() {
            private final OnlineCheckpointPolicy policy = new OnlineCheckpointPolicy(snapshots);
            private final RevolveMachine.Turns turns = new RevolveMachine.Turns();
            private long position;
            private long next; // the next step offered to the policy
            private int pendingSlot = -1;
            private boolean forwardDone;
            // Reversal: kept steps in order, their slots, and the segment in progress.
            private long[] keptSteps;
            private int[] keptSlots;
            private int segment;
            private RevolveMachine machine;

            @Override
            public boolean next(ActionSink sink) {
                if (steps == 0) {
                    sink.terminate();
                    return false;
                }
                if (!forwardDone) {
                    return forward(sink);
                }
                while (true) {
                    if (machine != null) {
                        if (machine.next(sink)) {
                            return true;
                        }
                        machine = null;
                        segment--;
                    }
                    if (segment < 0) {
                        sink.terminate();
                        return false;
                    }
                    startSegment(sink);
                    return true;
                }
            }

            private boolean forward(ActionSink sink) {
                if (pendingSlot >= 0) {
                    sink.takeshot(pendingSlot, position, Storage.RAM);
                    pendingSlot = -1;
                    return true;
                }
                while (next < steps) {
                    long k = next++;
                    int slot = policy.slotFor(k);
                    if (slot >= 0) {
                        if (k > position) {
                            sink.advance(position, k);
                            position = k;
                            pendingSlot = slot;
                        } else {
                            sink.takeshot(slot, k, Storage.RAM);
                        }
                        return true;
                    }
                }
                sink.advance(position, steps);
                position = steps;
                forwardDone = true;
                long[] held = policy.stepsInSlots();
                int count = 0;
                for (long h : held) {
                    count += h >= 0 ? 1 : 0;
                }
                keptSteps = new long[count];
                keptSlots = new int[count];
                for (int j = 0, c = 0; j < held.length; j++) {
                    if (held[j] >= 0) {
                        keptSteps[c] = held[j];
                        keptSlots[c++] = j;
                    }
                }
                // Order by step (insertion sort: at most C entries, once).
                for (int i = 1; i < count; i++) {
                    for (int j = i; j > 0 && keptSteps[j - 1] > keptSteps[j]; j--) {
                        long st = keptSteps[j];
                        keptSteps[j] = keptSteps[j - 1];
                        keptSteps[j - 1] = st;
                        int sl = keptSlots[j];
                        keptSlots[j] = keptSlots[j - 1];
                        keptSlots[j - 1] = sl;
                    }
                }
                segment = count - 1;
                return true;
            }

            /** Restore the start of segment {@code segment} and set up revolve over it. */
            private void startSegment(ActionSink sink) {
                long start = keptSteps[segment];
                long end = segment + 1 < keptSteps.length ? keptSteps[segment + 1] : steps;
                // Slot labels by stack depth: the segment's own slot, then the free ones (not
                // holding c_0..c_seg), lowest index first.
                int[] labels = new int[snapshots - segment];
                labels[0] = keptSlots[segment];
                boolean[] busy = new boolean[snapshots];
                for (int j = 0; j <= segment; j++) {
                    busy[keptSlots[j]] = true;
                }
                for (int j = 0, d = 1; j < snapshots; j++) {
                    if (!busy[j]) {
                        labels[d++] = j;
                    }
                }
                sink.restore(keptSlots[segment], start, Storage.RAM);
                machine = new RevolveMachine(start, end - start, snapshots - segment, labels, true, turns);
            }
        };
    }

    /**
     * Online checkpointing with C slots, text form {@code online:S}; its slots fill during the
     * forward run itself.
     *
     * @param snapshots C, at least 1
     */
    public record Spec(int snapshots) implements ScheduleSpec {
        /**
         * Checks C.
         *
         * @param snapshots C, at least 1
         */
        public Spec {
            Arguments.requireAtLeast("snapshots", snapshots, 1);
        }

        @Override
        public CheckpointSchedule forSteps(long steps) {
            return new OnlineSchedule(steps, snapshots);
        }

        @Override
        public String text() {
            return "online:" + snapshots;
        }

        @Override
        public int onlineSlots() {
            return snapshots;
        }
    }
}
