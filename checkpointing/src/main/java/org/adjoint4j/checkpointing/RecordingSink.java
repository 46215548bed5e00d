package org.adjoint4j.checkpointing;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Turns primitive action calls back into records: the pull view of a {@link ScheduleCursor}. */
final class RecordingSink implements ActionSink {

    private CheckpointAction last;

    /** @return the action recorded last, forgetting it */
    CheckpointAction take() {
        CheckpointAction a = last;
        last = null;
        return a;
    }

    /**
     * @param cursor a fresh cursor
     * @return an iterator over its actions as records
     */
    static Iterator<CheckpointAction> iterator(ScheduleCursor cursor) {
        RecordingSink sink = new RecordingSink();
        return new Iterator<>() {
            private boolean done;
            private CheckpointAction next;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    if (cursor.next(sink)) {
                        next = sink.last;
                    } else {
                        next = sink.last; // Terminate
                        done = true;
                    }
                    sink.last = null;
                }
                return next != null;
            }

            @Override
            public CheckpointAction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CheckpointAction a = next;
                next = null;
                return a;
            }
        };
    }

    @Override
    public void advance(long from, long to) {
        last = new CheckpointAction.Advance(from, to);
    }

    @Override
    public void takeshot(int slot, long step, Storage storage) {
        last = new CheckpointAction.Takeshot(slot, step, storage);
    }

    @Override
    public void restore(int slot, long step, Storage storage) {
        last = new CheckpointAction.Restore(slot, step, storage);
    }

    @Override
    public void firstTurn(long step) {
        last = new CheckpointAction.FirstTurn(step);
    }

    @Override
    public void youTurn(long step) {
        last = new CheckpointAction.YouTurn(step);
    }

    @Override
    public void record(long from, long to) {
        last = new CheckpointAction.Record(from, to);
    }

    @Override
    public void reverse(long step) {
        last = new CheckpointAction.Reverse(step);
    }

    @Override
    public void terminate() {
        last = CheckpointAction.Terminate.INSTANCE;
    }
}
