package org.adjoint4j.checkpointing;

/**
 * Receives a schedule's actions as primitive calls, in order: the allocation-free way to run a
 * schedule ({@link CheckpointSchedule#execute}). Each method mirrors one {@link CheckpointAction}
 * record, with the same meaning.
 */
public interface ActionSink {

    /**
     * @param from first step advanced
     * @param to state reached (see {@link CheckpointAction.Advance})
     */
    void advance(long from, long to);

    /**
     * @param slot slot index
     * @param step step whose state is stored
     * @param storage storage level
     */
    void takeshot(int slot, long step, Storage storage);

    /**
     * @param slot slot index
     * @param step step whose state the slot holds
     * @param storage storage level
     */
    void restore(int slot, long step, Storage storage);

    /** @param step the step taped and reversed, the first reversal of the schedule */
    void firstTurn(long step);

    /** @param step the step taped and reversed */
    void youTurn(long step);

    /**
     * @param from first step taped
     * @param to state reached (see {@link CheckpointAction.Record})
     */
    void record(long from, long to);

    /** @param step the step reversed from its kept tape */
    void reverse(long step);

    /** The end of the schedule. */
    void terminate();
}
