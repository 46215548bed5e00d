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
 * @param warnings why the result may not be what was meant (e.g. an explicit run limited by
 *        stability), empty when there is nothing to say
 */
public record GradientResult(double value, double[] parameterGradient, double[] initialStateGradient,
        double[] finalState, org.adjoint4j.solvers.StepGrid grid, AdjointStatistics statistics,
        java.util.List<String> warnings) {

    /**
     * Copies the warnings.
     *
     * @param value J
     * @param parameterGradient dJ/dp, length m
     * @param initialStateGradient dJ/dy_0, length n
     * @param finalState {@code y(T)} as computed
     * @param grid the accepted time grid the gradient differentiates
     * @param statistics what the computation did
     * @param warnings why the result may not be what was meant
     */
    public GradientResult {
        warnings = java.util.List.copyOf(warnings);
    }

    /**
     * A result without warnings.
     *
     * @param value J
     * @param parameterGradient dJ/dp, length m
     * @param initialStateGradient dJ/dy_0, length n
     * @param finalState {@code y(T)} as computed
     * @param grid the accepted time grid the gradient differentiates
     * @param statistics what the computation did
     */
    public GradientResult(double value, double[] parameterGradient, double[] initialStateGradient,
            double[] finalState, org.adjoint4j.solvers.StepGrid grid, AdjointStatistics statistics) {
        this(value, parameterGradient, initialStateGradient, finalState, grid, statistics, java.util.List.of());
    }

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
