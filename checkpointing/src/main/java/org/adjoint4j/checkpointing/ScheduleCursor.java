package org.adjoint4j.checkpointing;

/**
 * A schedule in progress: emits one action per call, allocation-free. The common engine of a
 * schedule's {@link CheckpointSchedule#execute} (push) and {@link CheckpointSchedule#iterator}
 * (pull, through {@link RecordingSink}).
 */
interface ScheduleCursor {

    /**
     * Emits the next action.
     *
     * @param sink receives exactly one call
     * @return false once Terminate has been emitted (then nothing more is emitted)
     */
    boolean next(ActionSink sink);
}
