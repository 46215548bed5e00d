package org.adjoint4j.solvers;

/**
 * When Newton's method has solved an implicit stage: every component of the last update is below
 * {@code tolerance * (|Y_j| + absoluteFloor)}. The discrete adjoint differentiates the exact stage
 * solutions, so the default converges to near round-off (1e-12 relative).
 *
 * @param tolerance relative size of the last update, at least 4e-16
 * @param absoluteFloor added to |Y_j|, so components near zero converge; NaN: the run's absolute
 *        tolerance (see {@link #resolve})
 * @param maxIterations iterations on one Jacobian before it is refreshed at the current iterate, and
 *        the most refreshes in one stage
 */
public record NewtonSettings(double tolerance, double absoluteFloor, int maxIterations) {

    /** 1e-12 relative, floor 1e-10, 12 iterations. */
    public static final NewtonSettings DEFAULT = new NewtonSettings(1e-12, 1e-10, 12);

    /** 1e-12 relative, the run's atol as floor, 12 iterations: what gradients use unless told. */
    public static final NewtonSettings FOLLOW_TOLERANCE = new NewtonSettings(1e-12, Double.NaN, 12);

    /**
     * Checks the settings, naming the bad one.
     *
     * @param tolerance relative size of the last update, at least 4e-16
     * @param absoluteFloor added to |Y_j|, so components near zero converge; NaN: the run's absolute tolerance (see {@link #resolve})
     * @param maxIterations iterations on one Jacobian before it is refreshed at the current iterate, and the most refreshes in one stage
     */
    public NewtonSettings {
        if (!(tolerance >= 4e-16) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("Newton tolerance must be finite and >= 4e-16, got " + tolerance);
        }
        if (!Double.isNaN(absoluteFloor) && (!(absoluteFloor >= 0) || !Double.isFinite(absoluteFloor))) {
            throw new IllegalArgumentException("Newton absolute floor must be finite and >= 0, got " + absoluteFloor);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("Newton maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /**
     * @param absoluteTolerance the run's atol
     * @return these settings with the floor, if it follows the run, set to atol
     */
    public NewtonSettings resolve(double absoluteTolerance) {
        return Double.isNaN(absoluteFloor) ? new NewtonSettings(tolerance, absoluteTolerance, maxIterations) : this;
    }

    /**
     * @param relative the relative tolerance
     * @return a copy with it
     */
    public NewtonSettings withTolerance(double relative) {
        return new NewtonSettings(relative, absoluteFloor, maxIterations);
    }
}
