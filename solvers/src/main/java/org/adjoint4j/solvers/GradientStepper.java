package org.adjoint4j.solvers;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * One step of a discrete scheme on Hipparchus {@link Gradient}s: forward-mode differentiation of
 * the very steps a {@link ReplayStepper} takes, on a given grid. Code shared with neither the
 * stepper's double arithmetic nor any adjoint, so it is the oracle the discrete adjoint is checked
 * against.
 */
@FunctionalInterface
public interface GradientStepper {

    /**
     * @param t start time {@code t_n}
     * @param h step size {@code h_n}
     * @param y {@code y_n} with its derivatives (not modified)
     * @return {@code y_{n+1}} with its derivatives
     */
    Gradient[] step(double t, double h, Gradient[] y);
}
