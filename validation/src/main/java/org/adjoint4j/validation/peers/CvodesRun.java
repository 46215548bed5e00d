package org.adjoint4j.validation.peers;

/**
 * What one CVODES peer program printed: the gradient of its problem at one tolerance, the median
 * time of one gradient over its timed units, and CVODES's counters (forward, then the adjoint's
 * backward problem; the quadratures' evaluations are not counted).
 *
 * @param problem the program's problem name
 * @param n the state dimension
 * @param rtol forward relative tolerance
 * @param atol forward absolute tolerance
 * @param backward {@code same} (the adjoint's tolerances are the forward ones) or {@code scaled}
 *        (the program's own, scaled to the adjoint's size)
 * @param rtolB the adjoint's relative tolerance
 * @param atolB the adjoint's absolute tolerance
 * @param value J
 * @param parameterGradient dJ/dp
 * @param initialStateGradient dJ/dy0
 * @param seconds one gradient: the median unit time over {@code inner}
 * @param inner gradients per timed unit
 * @param unitSeconds every timed unit's wall time
 * @param forwardSteps CVODES's forward steps
 * @param backwardSteps the adjoint's steps
 * @param forwardRhs forward right-hand sides
 * @param backwardRhs the adjoint's right-hand sides
 * @param jacobians Jacobian evaluations, forward and backward (0 without a linear solver)
 * @param linearSetups linear-solver setups (factorizations), forward and backward
 * @param newtonIterations nonlinear iterations, forward and backward
 * @param checkpoints CVODES's checkpoints
 */
public record CvodesRun(String problem, int n, double rtol, double atol, String backward, double rtolB, double atolB,
        double value, double[] parameterGradient, double[] initialStateGradient, double seconds, int inner,
        double[] unitSeconds, long forwardSteps, long backwardSteps, long forwardRhs, long backwardRhs,
        long jacobians, long linearSetups, long newtonIterations, int checkpoints) {

    /**
     * Copies the arrays.
     *
     * @param problem the program's problem name
     * @param n the state dimension
     * @param rtol forward relative tolerance
     * @param atol forward absolute tolerance
     * @param backward {@code same} or {@code scaled}
     * @param rtolB the adjoint's relative tolerance
     * @param atolB the adjoint's absolute tolerance
     * @param value J
     * @param parameterGradient dJ/dp
     * @param initialStateGradient dJ/dy0
     * @param seconds one gradient
     * @param inner gradients per timed unit
     * @param unitSeconds every timed unit's wall time
     * @param forwardSteps forward steps
     * @param backwardSteps the adjoint's steps
     * @param forwardRhs forward right-hand sides
     * @param backwardRhs the adjoint's right-hand sides
     * @param jacobians Jacobian evaluations
     * @param linearSetups linear-solver setups
     * @param newtonIterations nonlinear iterations
     * @param checkpoints checkpoints
     */
    public CvodesRun {
        parameterGradient = parameterGradient.clone();
        initialStateGradient = initialStateGradient.clone();
        unitSeconds = unitSeconds.clone();
    }

    /** @return a copy of dJ/dp */
    @Override
    public double[] parameterGradient() {
        return parameterGradient.clone();
    }

    /** @return a copy of dJ/dy0 */
    @Override
    public double[] initialStateGradient() {
        return initialStateGradient.clone();
    }

    /** @return a copy of the timed units' seconds */
    @Override
    public double[] unitSeconds() {
        return unitSeconds.clone();
    }
}
