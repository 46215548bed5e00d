package org.adjoint4j.adjoint;

/**
 * How far a gradient is from the gradient of the exact solution, estimated by a second, finer
 * run: the adaptive run at tolerances divided by 100, or the fixed grid with twice the steps. The
 * discrete adjoint is the exact gradient of the computed J, so its error against the continuous
 * problem is the discretization's; the change between the two runs estimates it:
 * <pre>
 *   relativeChange = max_i |g_i - g_i^ref| / max_i |g_i^ref|,    g = (dJ/dp, dJ/dy0),
 * </pre>
 * which for a method of order q on a fixed grid is {@code (1 - 2^-q)} times the coarse run's
 * error, and for an adaptive run (whose error scales with the tolerance) about the coarse run's
 * error.
 *
 * @param reference the finer run's settings, in words ("rtol 1e-10, atol 1e-12" or "2000 steps")
 * @param relativeChange the change of the gradient relative to its largest component
 * @param valueChange {@code |J - J^ref|}
 */
public record AccuracyEstimate(String reference, double relativeChange, double valueChange) {

    /** Above this relative change a gradient is reported as inaccurate. */
    public static final double WARNING_LEVEL = 1e-3;

    /**
     * Runs the finer solve and compares.
     *
     * @param problem the problem of {@code result}
     * @param options the options of {@code result}
     * @param result the gradient to check
     * @return the estimate
     */
    public static AccuracyEstimate of(GradientProblem problem, GradientOptions options, GradientResult result) {
        Stepping s = options.stepping();
        GradientOptions finer;
        String reference;
        if (s.isAdaptive()) {
            // below 1e-14 a tighter rtol only measures round-off
            double rtol = Math.max(s.relativeTolerance() / 100, 1e-14);
            double atol = s.absoluteTolerance() / 100;
            finer = options.withTolerances(rtol, atol);
            reference = "rtol " + rtol + ", atol " + atol;
        } else {
            finer = options.withSteps(2 * s.steps());
            reference = 2 * s.steps() + " steps";
        }
        GradientResult r = GradientSolver.solve(problem, finer.withStopWhenStiff(false));
        double largest = 0;
        double change = 0;
        double[][] coarse = {result.parameterGradient(), result.initialStateGradient()};
        double[][] fine = {r.parameterGradient(), r.initialStateGradient()};
        for (int v = 0; v < 2; v++) {
            for (int i = 0; i < fine[v].length; i++) {
                largest = Math.max(largest, Math.abs(fine[v][i]));
                change = Math.max(change, Math.abs(fine[v][i] - coarse[v][i]));
            }
        }
        return new AccuracyEstimate(reference, largest > 0 ? change / largest : change,
                Math.abs(r.value() - result.value()));
    }

    /** @return whether the change is above {@link #WARNING_LEVEL} */
    public boolean inaccurate() {
        return !(relativeChange <= WARNING_LEVEL);
    }
}
