package org.adjoint4j.solvers;

/**
 * The tangent-linear map of one replayed step: with {@code y_{n+1} = Phi(y_n, p)},
 * <pre>
 *   dy_{n+1} = (dPhi/dy) dy_n + (dPhi/dp) q
 * </pre>
 * for a state direction {@code dy_n} and a parameter direction q: forward-mode sensitivities of the
 * discrete scheme, one direction at a time, from the model's Jacobian-vector products. Holds work
 * arrays: one per thread.
 */
public interface TangentStepper {

    /**
     * One step and its tangent.
     *
     * @param t start time {@code t_n}
     * @param h step size {@code h_n}
     * @param y {@code y_n} (not modified)
     * @param dy {@code dy_n} (not modified)
     * @param q the parameter direction, or null for none (not modified)
     * @param yNext receives {@code y_{n+1}}, bit for bit the replay stepper's (modified)
     * @param dyNext receives {@code dy_{n+1}} (modified)
     */
    void step(double t, double h, double[] y, double[] dy, double[] q, double[] yNext, double[] dyNext);
}
