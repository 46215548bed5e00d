package org.adjoint4j.adjoint;

/**
 * How the time grid is made: N fixed steps (uniform, with observation times inserted), or an
 * adaptive run of an embedded pair with tolerances {@code |err_j| <= atol + rtol |y_j|}.
 *
 * @param steps N fixed steps, or 0 for an adaptive run (the method must then be adaptive)
 * @param relativeTolerance rtol of an adaptive run
 * @param absoluteTolerance atol of an adaptive run (also the floor of Newton's convergence test)
 * @param maxSteps the most steps an adaptive run may take
 */
public record Stepping(int steps, double relativeTolerance, double absoluteTolerance, int maxSteps) {

    /** Adaptive, rtol 1e-8, atol 1e-10, at most 10^7 steps. */
    public static final Stepping DEFAULT = new Stepping(0, 1e-8, 1e-10, 10_000_000);

    /**
     * Checks every value, naming it.
     *
     * @param steps N fixed steps, or 0 for an adaptive run (the method must then be adaptive)
     * @param relativeTolerance rtol of an adaptive run
     * @param absoluteTolerance atol of an adaptive run (also the floor of Newton's convergence test)
     * @param maxSteps the most steps an adaptive run may take
     */
    public Stepping {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0 (0: adaptive), got " + steps);
        }
        if (!(relativeTolerance > 0) || !Double.isFinite(relativeTolerance)) {
            throw new IllegalArgumentException("rtol must be finite and > 0, got " + relativeTolerance);
        }
        if (!(absoluteTolerance > 0) || !Double.isFinite(absoluteTolerance)) {
            throw new IllegalArgumentException("atol must be finite and > 0, got " + absoluteTolerance);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
    }

    /** @return whether the run is adaptive (no fixed number of steps) */
    public boolean isAdaptive() {
        return steps == 0;
    }
}
