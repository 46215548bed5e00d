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

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.ONLINE;
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
        return new ActionProgram(out -> {
            if (steps > 0) {
                out.task(new ForwardSweep(new OnlineCheckpointPolicy(snapshots), 0, 0));
            }
            out.action(CheckpointAction.Terminate.INSTANCE);
        });
    }

    @Override
    public String toString() {
        return "online(N=" + steps + ", C=" + snapshots + ")";
    }

    /**
     * The forward sweep from step {@code k}, the working state being {@code x_from}: advance to
     * the next kept state and keep it, until {@code x_N}; then the reversal.
     */
    private final class ForwardSweep implements ActionProgram.Task {
        private final OnlineCheckpointPolicy policy;
        private final long from;
        private final long k;

        ForwardSweep(OnlineCheckpointPolicy policy, long from, long k) {
            this.policy = policy;
            this.from = from;
            this.k = k;
        }

        @Override
        public void expand(ActionProgram.Emitter out) {
            for (long j = k; j < steps; j++) {
                int slot = policy.slotFor(j);
                if (slot >= 0) {
                    if (j > from) {
                        out.action(new CheckpointAction.Advance(from, j));
                    }
                    out.action(new CheckpointAction.Takeshot(slot, j));
                    out.task(new ForwardSweep(policy, j, j + 1));
                    return;
                }
            }
            out.action(new CheckpointAction.Advance(from, steps));
            out.task(new Reversal(policy.stepsInSlots(), -1));
        }
    }

    /**
     * Reverses the kept set segment by segment, from the last ({@code segment = -1} means "start
     * with the last one").
     */
    private final class Reversal implements ActionProgram.Task {
        private final long[] stepInSlot;
        private final int segment;

        Reversal(long[] stepInSlot, int segment) {
            this.stepInSlot = stepInSlot;
            this.segment = segment;
        }

        @Override
        public void expand(ActionProgram.Emitter out) {
            Integer[] order = java.util.stream.IntStream.range(0, stepInSlot.length)
                    .filter(j -> stepInSlot[j] >= 0).boxed()
                    .sorted((a, b) -> Long.compare(stepInSlot[a], stepInSlot[b]))
                    .toArray(Integer[]::new);
            int seg = segment < 0 ? order.length - 1 : segment;
            long start = stepInSlot[order[seg]];
            long end = seg + 1 < order.length ? stepInSlot[order[seg + 1]] : steps;
            // Slot labels by stack depth: the segment's own slot, then the free ones (slots not
            // holding c_0..c_seg), lowest index first.
            int[] labels = new int[snapshots - seg];
            labels[0] = order[seg];
            boolean[] busy = new boolean[snapshots];
            for (int j = 0; j <= seg; j++) {
                busy[order[j]] = true;
            }
            for (int j = 0, d = 1; j < snapshots; j++) {
                if (!busy[j]) {
                    labels[d++] = j;
                }
            }
            out.action(new CheckpointAction.Restore(order[seg], start));
            out.task(new ActionProgram.RevolveTask(start, end - start, snapshots - seg, 0, labels));
            if (seg > 0) {
                out.task(new Reversal(stepInSlot, seg - 1));
            }
        }
    }
}
