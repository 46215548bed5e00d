package org.adjoint4j.adjoint;

/**
 * The objective and its exact gradient (of the computed, discrete J) with respect to the
 * parameters and the initial state.
 *
 * @param value J
 * @param parameterGradient dJ/dp, length m
 * @param initialStateGradient dJ/dy_0, length n
 * @param finalState {@code y(T)} as computed
 * @param grid the accepted time grid the gradient differentiates
 * @param statistics what the computation did
 */
public record GradientResult(double value, double[] parameterGradient, double[] initialStateGradient,
        double[] finalState, org.adjoint4j.solvers.StepGrid grid, AdjointStatistics statistics) {

    /** @return a copy of dJ/dp */
    @Override
    public double[] parameterGradient() {
        return parameterGradient.clone();
    }

    /** @return a copy of dJ/dy_0 */
    @Override
    public double[] initialStateGradient() {
        return initialStateGradient.clone();
    }

    /** @return a copy of {@code y(T)} */
    @Override
    public double[] finalState() {
        return finalState.clone();
    }
}
