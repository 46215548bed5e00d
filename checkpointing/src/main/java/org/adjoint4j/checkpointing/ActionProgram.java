package org.adjoint4j.checkpointing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A lazy action generator: a stack of pending items, each an action, a turn, or a task that
 * expands into further items when it reaches the top. Recursive schedules (revolve, H-Revolve,
 * the reversal of an online checkpoint set) are written as tasks, so memory follows the depth of
 * the recursion, not the length of the schedule.
 *
 * <p>Turns are resolved when emitted: the first reversal of the schedule is a FirstTurn, every
 * later one a YouTurn, whoever generated it.
 */
final class ActionProgram implements Iterator<CheckpointAction> {

    /** A piece of schedule that expands into actions and tasks, in order. */
    interface Task {
        /**
         * Appends this task's items in order.
         *
         * @param out receives the items (modified)
         */
        void expand(Emitter out);
    }

    /** Collects the items of one expansion, in order. */
    static final class Emitter {
        private final List<Object> items = new ArrayList<>();

        Emitter action(CheckpointAction action) {
            items.add(action);
            return this;
        }

        /** Tape step {@code step} and reverse it: a FirstTurn or a YouTurn when emitted. */
        Emitter turn(long step) {
            items.add(new Turn(step));
            return this;
        }

        Emitter task(Task task) {
            items.add(task);
            return this;
        }
    }

    private record Turn(long step) {
    }

    private final ArrayDeque<Object> stack = new ArrayDeque<>();
    private final Emitter emitter = new Emitter();
    private boolean reversedAny;
    private CheckpointAction next;

    /**
     * @param root the whole schedule, which should end with Terminate
     */
    ActionProgram(Task root) {
        stack.push(root);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !stack.isEmpty()) {
            Object item = stack.pop();
            if (item instanceof Task) {
                emitter.items.clear();
                ((Task) item).expand(emitter);
                List<Object> items = emitter.items;
                for (int i = items.size() - 1; i >= 0; i--) {
                    stack.push(items.get(i));
                }
            } else if (item instanceof Turn) {
                long step = ((Turn) item).step();
                next = reversedAny ? new CheckpointAction.YouTurn(step) : new CheckpointAction.FirstTurn(step);
                reversedAny = true;
            } else {
                next = (CheckpointAction) item;
                if (next instanceof CheckpointAction.Reverse) {
                    reversedAny = true;
                }
            }
        }
        return next != null;
    }

    @Override
    public CheckpointAction next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CheckpointAction action = next;
        next = null;
        return action;
    }

    /**
     * Revolve on one segment: reverse steps {@code start .. start+length-1} when {@code x_start}
     * is the working state and is already stored in the slot of depth {@code depth}; usable slots
     * {@code ds} count that one. Ends with the turn of step {@code start}, which frees its slot.
     *
     * <pre>
     *   length 1:  turn(start)
     *   else:      k = Binomial.revolveAdvance(length, ds)
     *              A start-&gt;start+k, then either turn(start+k) if one step is left on the right,
     *              or S(depth+1)@start+k and revolve(start+k, length-k, ds-1, depth+1);
     *              R(depth)@start; revolve(start, k, ds, depth)
     * </pre>
     *
     * @param start first step of the segment
     * @param length steps in the segment, at least 1
     * @param ds usable slots, at least 1
     * @param depth stack depth of the slot holding {@code x_start}
     * @param labels slot index for each stack depth, or null for the identity
     */
    record RevolveTask(long start, long length, long ds, int depth, int[] labels) implements Task {
        @Override
        public void expand(Emitter out) {
            if (length == 1) {
                out.turn(start);
                return;
            }
            long k = Binomial.revolveAdvance(length, ds);
            out.action(new CheckpointAction.Advance(start, start + k));
            if (length - k == 1) {
                out.turn(start + k);
            } else {
                out.action(new CheckpointAction.Takeshot(label(depth + 1), start + k));
                out.task(new RevolveTask(start + k, length - k, ds - 1, depth + 1, labels));
            }
            out.action(new CheckpointAction.Restore(label(depth), start));
            out.task(new RevolveTask(start, k, ds, depth, labels));
        }

        private int label(int d) {
            return labels == null ? d : labels[d];
        }
    }
}
