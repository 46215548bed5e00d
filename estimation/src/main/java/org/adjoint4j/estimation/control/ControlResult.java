package org.adjoint4j.estimation.control;

/**
 * An optimized control and its trajectory.
 *
 * @param system the system's name
 * @param kind the parameterization
 * @param intervals K
 * @param coefficients the optimal coefficients
 * @param objective J at the optimum
 * @param iterations L-BFGS iterations
 * @param gradientEvaluations evaluations of J with its adjoint gradient
 * @param converged whether L-BFGS met its convergence test
 * @param times the grid times
 * @param states x at the grid times, one row per time
 * @param controls u at the grid times, one row per time
 * @param gradientSeconds the mean time of one gradient evaluation
 */
public record ControlResult(String system, ControlParameterization kind, int intervals, double[] coefficients,
        double objective, int iterations, int gradientEvaluations, boolean converged, double[] times,
        double[][] states, double[][] controls, double gradientSeconds) {
}
