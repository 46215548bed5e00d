package org.adjoint4j.adjoint;

/**
 * An engine lost work it was given: a worker died, the cluster went away or refused the job. The
 * tasks' own failures (an integration failure, bad input) are not wrapped in it: engines throw
 * those as the task threw them.
 */
public final class BatchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was lost, and where
     * @param cause the engine's own exception
     */
    public BatchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
