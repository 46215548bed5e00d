package org.adjoint4j.checkpointing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A lazy action generator for schedules built by recursion (H-Revolve): a stack of pending items,
 * each an action, a task that expands into further items when it reaches the top, or a revolve
 * segment that yields its actions one at a time. Memory follows the depth of the recursion, not the
 * length of the schedule. The first turn of the whole schedule is a FirstTurn, whichever segment
 * makes it.
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

        Emitter task(Task task) {
            items.add(task);
            return this;
        }
    }

    private final ArrayDeque<Object> stack = new ArrayDeque<>();
    private final Emitter emitter = new Emitter();
    private final RevolveMachine.Turns turns = new RevolveMachine.Turns();
    private final RecordingSink recorder = new RecordingSink();
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
            if (item instanceof MachineTask) {
                // A revolve segment yields one action, then stays on the stack until it is done.
                MachineTask task = (MachineTask) item;
                if (task.machine(turns).next(recorder)) {
                    next = recorder.take();
                    stack.push(task);
                }
            } else if (item instanceof Task) {
                emitter.items.clear();
                ((Task) item).expand(emitter);
                List<Object> items = emitter.items;
                for (int i = items.size() - 1; i >= 0; i--) {
                    stack.push(items.get(i));
                }
            } else {
                next = (CheckpointAction) item;
                if (next instanceof CheckpointAction.Reverse) {
                    turns.reversed();
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
     * Revolve over a segment {@code [start, start + length)} from the working state
     * {@code x_start}, which it stores first in RAM slot 0 (slots are stack depths 0..ds-1); ends
     * with the turn of step {@code start}.
     */
    static final class MachineTask {
        private final long start;
        private final long length;
        private final long slots;
        private RevolveMachine machine;

        MachineTask(long start, long length, long slots) {
            this.start = start;
            this.length = length;
            this.slots = slots;
        }

        RevolveMachine machine(RevolveMachine.Turns turns) {
            if (machine == null) {
                machine = new RevolveMachine(start, length, slots, null, false, turns);
            }
            return machine;
        }
    }

    /** Adds a revolve segment to an expansion. */
    static void revolve(Emitter out, long start, long length, long slots) {
        out.items.add(new MachineTask(start, length, slots));
    }
}
