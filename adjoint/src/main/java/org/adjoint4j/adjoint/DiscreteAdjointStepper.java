package org.adjoint4j.adjoint;

import org.adjoint4j.solvers.StepTape;

/**
 * The adjoint of one step of a {@link org.adjoint4j.solvers.ReplayStepper}: from
 * {@code lambda = dJ/dy_{n+1}} and the step's tape, {@code dJ/dy_n}, and the step's contribution
 * to {@code dJ/dp}. Holds work arrays: one per thread.
 */
public interface DiscreteAdjointStepper {

    /**
     * Reverses one taped step.
     *
     * @param tape the step's tape (not modified)
     * @param lambda in: {@code dJ/dy_{n+1}}; out: {@code dJ/dy_n} (modified)
     * @param mu accumulates the step's {@code dJ/dp} (modified)
     */
    void reverse(StepTape tape, double[] lambda, double[] mu);

    /** @return linear solves made so far (0 for a method that solves nothing) */
    default long linearSolves() {
        return 0;
    }
}
