package org.adjoint4j.checkpointing;

import java.util.Map;
import java.util.TreeMap;

/**
 * The abstract machine that validates any schedule and counts what it does.
 *
 * <p>It tracks the working state's position {@code n} (undefined after a reversal), the adjoint
 * front {@code a} (steps {@code >= a} are reversed; initially {@code a = N}), the snapshot held by
 * each slot, and the kept tapes. The rules, checked after every action:
 * <ol>
 *   <li>Advance and Record start at the working state ({@code from == n}) and end at or before the
 *       front ({@code to <= a}).</li>
 *   <li>Takeshot stores the working state ({@code step == n}), only a state still needed
 *       ({@code step < a}), into an existing slot: never more live snapshots than slots.</li>
 *   <li>Restore reads a live slot holding exactly that step. A slot dies when its step is reversed
 *       (its state is never needed again), which is how revolve frees slots.</li>
 *   <li>Every step is reversed exactly once, in order {@code N-1, ..., 0}: a turn or Reverse of step
 *       k needs {@code k == a - 1}. A turn also needs {@code n == k}; a Reverse needs a kept tape of
 *       step k; no step is taped twice; never more tapes than the tape capacity.</li>
 *   <li>The first reversal by a turn is FirstTurn and every later one YouTurn.</li>
 *   <li>Terminate comes once, last, when every step is reversed.</li>
 * </ol>
 * Violations throw {@link InvalidScheduleException} naming the action and the rule.
 *
 * <p>Use it incrementally ({@link #apply}, then {@link #finish}) to guard an executor, or in one
 * call with {@link #check(CheckpointSchedule)}.
 */
public final class ScheduleChecker {

    private static final long UNDEFINED = -1;

    private final long steps;
    private final SlotBank ram;
    private final SlotBank disk;
    private final long tapeCapacity;
    /** Kept tapes as disjoint intervals [from, to). */
    private final TreeMap<Long, Long> tapes = new TreeMap<>();
    /** Difference array of advances per step, or null when not tracked. */
    private final long[] advanceDiff;

    private long position = 0;
    private long front;
    private long tapesHeld;
    private long peakTapes;
    private boolean reversedAny;
    private boolean terminated;
    private long actionNumber;
    private CheckpointAction current;

    private long advances;
    private long takeshots;
    private long restores;
    private long tapedSteps;
    private long diskWrites;
    private long diskReads;

    /**
     * A machine for a schedule of {@code steps} steps with the given capacities.
     *
     * @param steps N
     * @param ramSlots RAM slots available
     * @param diskSlots disk slots available
     * @param tapeCapacity step tapes that may be held at once (at least 1)
     * @param trackAdvancesPerStep whether to count the advances of every step (needs
     *        {@code 8 N} bytes; N at most {@code 2^28})
     */
    public ScheduleChecker(long steps, int ramSlots, int diskSlots, long tapeCapacity, boolean trackAdvancesPerStep) {
        Arguments.requireNonNegative("steps", steps);
        Arguments.requireNonNegative("ramSlots", ramSlots);
        Arguments.requireNonNegative("diskSlots", diskSlots);
        Arguments.requireAtLeast("tapeCapacity", tapeCapacity, 1);
        this.steps = steps;
        this.front = steps;
        this.ram = new SlotBank(Storage.RAM, ramSlots);
        this.disk = new SlotBank(Storage.DISK, diskSlots);
        this.tapeCapacity = tapeCapacity;
        if (trackAdvancesPerStep) {
            if (steps > (1 << 28)) {
                throw new IllegalArgumentException("tracking advances per step needs steps <= 2^28, got " + steps);
            }
            advanceDiff = new long[(int) steps + 1];
        } else {
            advanceDiff = null;
        }
    }

    /**
     * Runs a whole schedule through a fresh machine with the schedule's own capacities.
     *
     * @param schedule the schedule (not modified)
     * @return the counts
     * @throws InvalidScheduleException at the first violated rule
     */
    public static ScheduleCounts check(CheckpointSchedule schedule) {
        ScheduleChecker checker = forSchedule(schedule, false);
        for (CheckpointAction action : schedule) {
            checker.apply(action);
        }
        return checker.finish();
    }

    /**
     * A fresh machine with the capacities a schedule declares.
     *
     * @param schedule the schedule whose steps and capacities to use
     * @param trackAdvancesPerStep whether to count advances per step
     * @return the machine
     */
    public static ScheduleChecker forSchedule(CheckpointSchedule schedule, boolean trackAdvancesPerStep) {
        return new ScheduleChecker(schedule.steps(), schedule.snapshots(), schedule.diskSnapshots(),
                schedule.tapeCapacity(), trackAdvancesPerStep);
    }

    /**
     * Applies one action.
     *
     * @param action the next action
     * @throws InvalidScheduleException if it breaks a rule
     */
    public void apply(CheckpointAction action) {
        actionNumber++;
        current = action;
        if (action == null) {
            throw fail("the action is null");
        }
        if (terminated) {
            throw fail("an action follows Terminate");
        }
        action.accept(rules);
    }

    /**
     * Ends the run and returns the counts.
     *
     * @return what the schedule did
     * @throws InvalidScheduleException if the schedule ended without Terminate
     */
    public ScheduleCounts finish() {
        if (!terminated) {
            throw new InvalidScheduleException(0, "the schedule ended without Terminate after " + actionNumber
                    + " actions; steps 0.." + (front - 1) + " are not reversed");
        }
        return new ScheduleCounts(steps, advances, takeshots, restores, tapedSteps, diskWrites, diskReads,
                ram.peak, disk.peak, peakTapes, actionNumber);
    }

    /**
     * How many times each step was advanced, after {@link #finish()}, when tracking was asked for.
     *
     * @return advances of step i at index i
     */
    public long[] advancesPerStep() {
        if (advanceDiff == null) {
            throw new IllegalStateException("this checker was created without trackAdvancesPerStep");
        }
        long[] perStep = new long[(int) steps];
        long running = 0;
        for (int i = 0; i < steps; i++) {
            running += advanceDiff[i];
            perStep[i] = running;
        }
        return perStep;
    }

    private final CheckpointAction.Visitor<Void> rules = new CheckpointAction.Visitor<>() {
        @Override
        public Void advance(CheckpointAction.Advance a) {
            requirePosition(a.from());
            requireWithinFront(a.to());
            position = a.to();
            advances += a.length();
            if (advanceDiff != null) {
                advanceDiff[(int) a.from()]++;
                advanceDiff[(int) a.to()]--;
            }
            return null;
        }

        @Override
        public Void takeshot(CheckpointAction.Takeshot a) {
            requirePosition(a.step());
            if (a.step() >= front) {
                throw fail("x_" + a.step() + " is never needed again: steps >= " + front + " are reversed");
            }
            SlotBank bank = bank(a.storage());
            bank.requireSlot(a.slot());
            bank.store(a.slot(), a.step());
            takeshots++;
            if (a.storage() == Storage.DISK) {
                diskWrites++;
            }
            return null;
        }

        @Override
        public Void restore(CheckpointAction.Restore a) {
            SlotBank bank = bank(a.storage());
            bank.requireSlot(a.slot());
            long held = bank.held(a.slot());
            if (held == UNDEFINED) {
                throw fail(bank.name(a.slot()) + " is empty");
            }
            if (held != a.step()) {
                throw fail(bank.name(a.slot()) + " holds x_" + held + ", not x_" + a.step());
            }
            position = a.step();
            restores++;
            if (a.storage() == Storage.DISK) {
                diskReads++;
            }
            return null;
        }

        @Override
        public Void firstTurn(CheckpointAction.FirstTurn a) {
            if (reversedAny) {
                throw fail("FirstTurn after the first reversal; later turns are YouTurn");
            }
            turn(a.step());
            return null;
        }

        @Override
        public Void youTurn(CheckpointAction.YouTurn a) {
            if (!reversedAny) {
                throw fail("YouTurn before any reversal; the first turn is FirstTurn");
            }
            turn(a.step());
            return null;
        }

        @Override
        public Void record(CheckpointAction.Record a) {
            requirePosition(a.from());
            requireWithinFront(a.to());
            Map.Entry<Long, Long> below = tapes.floorEntry(a.to() - 1);
            if (below != null && below.getValue() > a.from()) {
                throw fail("step " + Math.max(a.from(), below.getKey()) + " is already taped");
            }
            if (tapesHeld + a.length() > tapeCapacity) {
                throw fail((tapesHeld + a.length()) + " tapes would be held; the capacity is " + tapeCapacity);
            }
            tapes.put(a.from(), a.to());
            tapesHeld += a.length();
            peakTapes = Math.max(peakTapes, tapesHeld);
            tapedSteps += a.length();
            position = a.to();
            return null;
        }

        @Override
        public Void reverse(CheckpointAction.Reverse a) {
            long k = a.step();
            requireNextReversal(k);
            Map.Entry<Long, Long> tape = tapes.floorEntry(k);
            if (tape == null || tape.getValue() <= k) {
                throw fail("step " + k + " has no kept tape; Record it first or use a turn");
            }
            tapes.remove(tape.getKey());
            if (tape.getKey() < k) {
                tapes.put(tape.getKey(), k);
            }
            if (tape.getValue() > k + 1) {
                tapes.put(k + 1, tape.getValue());
            }
            tapesHeld--;
            reversed(k);
            return null;
        }

        @Override
        public Void terminate(CheckpointAction.Terminate a) {
            if (front != 0) {
                throw fail("Terminate while steps 0.." + (front - 1) + " are not reversed");
            }
            terminated = true;
            return null;
        }
    };

    private void turn(long k) {
        requireNextReversal(k);
        requirePosition(k);
        Map.Entry<Long, Long> kept = tapes.floorEntry(k);
        if (kept != null && kept.getValue() > k) {
            throw fail("step " + k + " already has a kept tape; reverse it with Reverse instead of taping it again");
        }
        if (tapesHeld + 1 > tapeCapacity) {
            throw fail("taping step " + k + " needs a tape beyond the " + tapesHeld + " held (capacity " + tapeCapacity + ")");
        }
        peakTapes = Math.max(peakTapes, tapesHeld + 1);
        tapedSteps++;
        reversed(k);
    }

    private void reversed(long k) {
        reversedAny = true;
        front = k;
        position = UNDEFINED;
        ram.releaseFrom(k);
        disk.releaseFrom(k);
    }

    private void requireNextReversal(long k) {
        if (k >= front) {
            throw fail("step " + k + " is reversed twice (steps >= " + front + " are already reversed)");
        }
        if (k != front - 1) {
            throw fail("step " + k + " is reversed before step " + (front - 1)
                    + "; steps are reversed in order N-1, ..., 0");
        }
    }

    private void requirePosition(long step) {
        if (position == UNDEFINED) {
            throw fail("the working state is undefined after a reversal; restore a snapshot first");
        }
        if (position != step) {
            throw fail("the working state is x_" + position + ", not x_" + step);
        }
    }

    private void requireWithinFront(long to) {
        if (to > front) {
            throw fail("passes the adjoint front: steps >= " + front + " are reversed, but it reaches x_" + to);
        }
    }

    private SlotBank bank(Storage storage) {
        return storage == Storage.DISK ? disk : ram;
    }

    private InvalidScheduleException fail(String why) {
        String what = current == null ? "null" : current.text();
        return new InvalidScheduleException(actionNumber, "action #" + actionNumber + " (" + what + "): " + why);
    }

    /** The slots of one storage level; a slot is live while it holds a step below the front. */
    private final class SlotBank {
        private final Storage storage;
        private final long[] stepOf;
        /** Multiset of the steps held by live slots, to release those at or above the front at once. */
        private final TreeMap<Long, Integer> live = new TreeMap<>();
        private int liveCount;
        private int peak;

        SlotBank(Storage storage, int capacity) {
            this.storage = storage;
            this.stepOf = new long[capacity];
            java.util.Arrays.fill(stepOf, UNDEFINED);
        }

        String name(int slot) {
            return (storage == Storage.DISK ? "disk slot " : "slot ") + slot;
        }

        void requireSlot(int slot) {
            if (slot >= stepOf.length) {
                throw fail(name(slot) + " does not exist: " + stepOf.length + " " + storage
                        + " slots allow at most " + stepOf.length + " live snapshots");
            }
        }

        long held(int slot) {
            long step = stepOf[slot];
            return step != UNDEFINED && step < front ? step : UNDEFINED;
        }

        void store(int slot, long step) {
            long old = held(slot);
            if (old != UNDEFINED) {
                remove(old);
            }
            stepOf[slot] = step;
            live.merge(step, 1, Integer::sum);
            liveCount++;
            peak = Math.max(peak, liveCount);
        }

        void releaseFrom(long newFront) {
            Map<Long, Integer> dead = live.tailMap(newFront, true);
            for (int count : dead.values()) {
                liveCount -= count;
            }
            dead.clear();
        }

        private void remove(long step) {
            live.computeIfPresent(step, (k, c) -> c == 1 ? null : c - 1);
            liveCount--;
        }
    }
}
