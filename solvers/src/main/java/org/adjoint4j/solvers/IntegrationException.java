package org.adjoint4j.solvers;

/**
 * A failure during integration, forward or backward: the message names the time, the step and,
 * where known, the component where it arose.
 */
public class IntegrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The time at which the run failed. */
    private final double time;
    /** The step in which it failed, or -1. */
    private final long step;

    /**
     * @param message what failed, with time, step and component
     * @param time the time where it arose (NaN if unknown)
     * @param step the step index (-1 if unknown)
     * @param cause the underlying exception, or null
     */
    public IntegrationException(String message, double time, long step, Throwable cause) {
        super(message, cause);
        this.time = time;
        this.step = step;
    }

    /** @return the time where the failure arose, NaN if unknown */
    public double time() {
        return time;
    }

    /** @return the step index, -1 if unknown */
    public long step() {
        return step;
    }
}
