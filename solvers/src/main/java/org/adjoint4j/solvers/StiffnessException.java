package org.adjoint4j.solvers;

/**
 * An explicit run stopped because its step sizes are pinned by stability ({@link StiffnessCheck}):
 * its frozen-grid gradient would not be the derivative of the solution. The message names the
 * time, the step, the estimate of {@code h rho(f_y)} and the method's limit.
 */
public class StiffnessException extends IntegrationException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was found, where
     * @param time the time reached
     * @param step the accepted steps so far
     */
    public StiffnessException(String message, double time, long step) {
        super(message, time, step, null);
    }
}
