package org.adjoint4j.checkpointing;

/**
 * A schedule broke a rule of the abstract machine ({@link ScheduleChecker}); the message names the
 * action (its position and text) and what was wrong.
 */
public class InvalidScheduleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Position of the offending action, from 1; 0 when the schedule ended too early. */
    private final long actionNumber;

    /**
     * @param actionNumber position of the offending action, from 1 (0 for the end of the schedule)
     * @param message what was wrong
     */
    public InvalidScheduleException(long actionNumber, String message) {
        super(message);
        this.actionNumber = actionNumber;
    }

    /** @return position of the offending action, from 1; 0 when the schedule ended too early */
    public long actionNumber() {
        return actionNumber;
    }
}
