package org.adjoint4j.checkpointing;

/**
 * One action of a checkpointing schedule, as immutable data.
 *
 * <p>The vocabulary is revolve's (Griewank &amp; Walther 2000, ACM TOMS Alg. 799) plus a taped
 * forward sweep whose tapes are kept ({@link Record}) and the reversal of a step from such a kept
 * tape ({@link Reverse}), which store-all and uniform schedules need. Each action has a compact
 * text form:
 * <pre>
 *   A3-&gt;5   Advance from x_3 to x_5 (steps 3 and 4), recording nothing
 *   S1@6    Takeshot: store x_6 in RAM slot 1          Sd0@6  the same in disk slot 0
 *   R1@6    Restore x_6 from RAM slot 1                Rd0@6  the same from disk slot 0
 *   F9      FirstTurn: tape step 9 and reverse it (the first reversal of the schedule)
 *   Y8      YouTurn: tape step 8 and reverse it
 *   W0-&gt;10  Record: taped forward steps 0..9 whose tapes are kept for later reversal
 *   B9      Reverse step 9 from its kept tape
 *   T       Terminate
 * </pre>
 * Intervals are half open: {@code Advance(3, 5)} runs steps 3 and 4, from the start of step 3 to
 * the start of step 5.
 */
public sealed interface CheckpointAction {

    /**
     * Dispatches on the concrete action type; every implementation of {@code Visitor} handles all
     * action types, so adding one is a compile error wherever schedules are interpreted.
     *
     * @param visitor the handler (not modified by this call)
     * @param <R> result type
     * @return what the visitor returns
     */
    <R> R accept(Visitor<R> visitor);

    /** @return the compact text form of this action, e.g. {@code A0->6} */
    String text();

    /**
     * Sends this action to a sink as the corresponding primitive call.
     *
     * @param sink the receiver
     */
    void sendTo(ActionSink sink);

    /**
     * A handler for every action type (the interpreter's exhaustive switch).
     *
     * @param <R> result type of the handler
     */
    interface Visitor<R> {
        /**
         * @param a the action
         * @return the handler's result
         */
        R advance(Advance a);

        /**
         * @param a the action
         * @return the handler's result
         */
        R takeshot(Takeshot a);

        /**
         * @param a the action
         * @return the handler's result
         */
        R restore(Restore a);

        /**
         * @param a the action
         * @return the handler's result
         */
        R firstTurn(FirstTurn a);

        /**
         * @param a the action
         * @return the handler's result
         */
        R youTurn(YouTurn a);

        /**
         * @param a the action
         * @return the handler's result
         */
        R record(Record a);

        /**
         * @param a the action
         * @return the handler's result
         */
        R reverse(Reverse a);

        /**
         * @param a the action
         * @return the handler's result
         */
        R terminate(Terminate a);
    }

    /**
     * Forward steps {@code from .. to-1} without recording: the working state goes from
     * {@code x_from} to {@code x_to}.
     *
     * @param from first step advanced (the working state must be {@code x_from})
     * @param to state reached, {@code to > from}
     */
    record Advance(long from, long to) implements CheckpointAction {
        /**
         * Validates {@code 0 <= from < to}.
         *
         * @param from first step advanced (the working state must be {@code x_from})
         * @param to state reached, {@code to > from}
         */
        public Advance {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("Advance needs 0 <= from < to, got from=" + from + ", to=" + to);
            }
        }

        /** @return the number of steps advanced, {@code to - from} */
        public long length() {
            return to - from;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.advance(this);
        }

        @Override
        public void sendTo(ActionSink sink) {
            sink.advance(from, to);
        }

        @Override
        public String text() {
            return "A" + from + "->" + to;
        }
    }

    /**
     * Stores the working state {@code x_step} in a slot.
     *
     * @param slot slot index within its storage level, from 0
     * @param step the step whose state is stored (must be the working state)
     * @param storage storage level of the slot
     */
    record Takeshot(int slot, long step, Storage storage) implements CheckpointAction {
        /**
         * Validates the slot and step.
         *
         * @param slot slot index within its storage level, from 0
         * @param step the step whose state is stored (must be the working state)
         * @param storage storage level of the slot
         */
        public Takeshot {
            checkSlot("Takeshot", slot, step, storage);
        }

        /**
         * A takeshot into a RAM slot.
         *
         * @param slot RAM slot index
         * @param step step whose state is stored
         */
        public Takeshot(int slot, long step) {
            this(slot, step, Storage.RAM);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.takeshot(this);
        }

        @Override
        public void sendTo(ActionSink sink) {
            sink.takeshot(slot, step, storage);
        }

        @Override
        public String text() {
            return (storage == Storage.DISK ? "Sd" : "S") + slot + "@" + step;
        }
    }

    /**
     * Loads {@code x_step} from a slot into the working state.
     *
     * @param slot slot index within its storage level
     * @param step the step whose state the slot holds
     * @param storage storage level of the slot
     */
    record Restore(int slot, long step, Storage storage) implements CheckpointAction {
        /**
         * Validates the slot and step.
         *
         * @param slot slot index within its storage level
         * @param step the step whose state the slot holds
         * @param storage storage level of the slot
         */
        public Restore {
            checkSlot("Restore", slot, step, storage);
        }

        /**
         * A restore from a RAM slot.
         *
         * @param slot RAM slot index
         * @param step step whose state the slot holds
         */
        public Restore(int slot, long step) {
            this(slot, step, Storage.RAM);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.restore(this);
        }

        @Override
        public void sendTo(ActionSink sink) {
            sink.restore(slot, step, storage);
        }

        @Override
        public String text() {
            return (storage == Storage.DISK ? "Rd" : "R") + slot + "@" + step;
        }
    }

    /**
     * Tapes step {@code step} from the working state {@code x_step} and reverses it at once; the
     * first reversal of the schedule (revolve's {@code firsturn}).
     *
     * @param step the step taped and reversed, always {@code N-1}
     */
    record FirstTurn(long step) implements CheckpointAction {
        /**
         * Validates {@code step >= 0}.
         *
         * @param step the step taped and reversed, always {@code N-1}
         */
        public FirstTurn {
            checkStep("FirstTurn", step);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.firstTurn(this);
        }

        @Override
        public void sendTo(ActionSink sink) {
            sink.firstTurn(step);
        }

        @Override
        public String text() {
            return "F" + step;
        }
    }

    /**
     * Tapes step {@code step} from the working state {@code x_step} and reverses it at once
     * (revolve's {@code youturn}).
     *
     * @param step the step taped and reversed
     */
    record YouTurn(long step) implements CheckpointAction {
        /**
         * Validates {@code step >= 0}.
         *
         * @param step the step taped and reversed
         */
        public YouTurn {
            checkStep("YouTurn", step);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.youTurn(this);
        }

        @Override
        public void sendTo(ActionSink sink) {
            sink.youTurn(step);
        }

        @Override
        public String text() {
            return "Y" + step;
        }
    }

    /**
     * Taped forward steps {@code from .. to-1} whose tapes are kept until each step is reversed by
     * {@link Reverse}; the working state goes from {@code x_from} to {@code x_to}.
     *
     * @param from first step taped (the working state must be {@code x_from})
     * @param to state reached, {@code to > from}
     */
    record Record(long from, long to) implements CheckpointAction {
        /**
         * Validates {@code 0 <= from < to}.
         *
         * @param from first step taped (the working state must be {@code x_from})
         * @param to state reached, {@code to > from}
         */
        public Record {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("Record needs 0 <= from < to, got from=" + from + ", to=" + to);
            }
        }

        /** @return the number of steps taped, {@code to - from} */
        public long length() {
            return to - from;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.record(this);
        }

        @Override
        public void sendTo(ActionSink sink) {
            sink.record(from, to);
        }

        @Override
        public String text() {
            return "W" + from + "->" + to;
        }
    }

    /**
     * Reverses step {@code step} from the tape kept by an earlier {@link Record}.
     *
     * @param step the step reversed
     */
    record Reverse(long step) implements CheckpointAction {
        /**
         * Validates {@code step >= 0}.
         *
         * @param step the step reversed
         */
        public Reverse {
            checkStep("Reverse", step);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reverse(this);
        }

        @Override
        public void sendTo(ActionSink sink) {
            sink.reverse(step);
        }

        @Override
        public String text() {
            return "B" + step;
        }
    }

    /** The end of the schedule: every step has been reversed. */
    record Terminate() implements CheckpointAction {
        /** The one instance worth using. */
        public static final Terminate INSTANCE = new Terminate();

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.terminate(this);
        }

        @Override
        public void sendTo(ActionSink sink) {
            sink.terminate();
        }

        @Override
        public String text() {
            return "T";
        }
    }

    private static void checkSlot(String action, int slot, long step, Storage storage) {
        if (slot < 0) {
            throw new IllegalArgumentException(action + " needs slot >= 0, got slot=" + slot);
        }
        checkStep(action, step);
        if (storage == null) {
            throw new IllegalArgumentException(action + " needs a storage level, got null");
        }
    }

    private static void checkStep(String action, long step) {
        if (step < 0) {
            throw new IllegalArgumentException(action + " needs step >= 0, got step=" + step);
        }
    }
}
