package org.adjoint4j.model;

/**
 * A parametric ODE {@code y' = f(t, y, p)} with the vector-Jacobian products a discrete adjoint
 * needs. Every method writes its whole output array and allocates nothing; inputs are not modified.
 *
 * <pre>
 *   rhs:            yDot = f(t, y, p)                    (length n)
 *   vjpState:       out  = (df/dy)^T w                   (length n; w has length n)
 *   vjpParameters:  out  = (df/dp)^T w                   (length m)
 * </pre>
 * Implementations that keep no mutable state are thread-safe; the adapters of this package keep
 * their workspaces per thread.
 */
public interface ParametricOde extends ModelSignature {

    /**
     * A model that gives no derivatives, differentiated automatically: its right-hand side, written
     * once over any field, is recorded on the reverse-mode tape and swept back for each product
     * ({@link ReverseModeOde}), at a cost independent of n and m.
     *
     * @param model the right-hand side over any field
     * @return the model with automatic vector-Jacobian products
     */
    static ParametricOde automatic(FieldParametricOde model) {
        return new ReverseModeOde(model);
    }

    /**
     * The right-hand side.
     *
     * @param t time
     * @param y state, length n (not modified)
     * @param p parameters, length m (not modified)
     * @param yDot receives f(t, y, p), length n (modified)
     */
    void rhs(double t, double[] y, double[] p, double[] yDot);

    /**
     * The state vector-Jacobian product {@code out = (df/dy)^T w}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param w cotangent of f, length n (not modified)
     * @param out receives the product, length n (modified)
     */
    void vjpState(double t, double[] y, double[] p, double[] w, double[] out);

    /**
     * The parameter vector-Jacobian product {@code out = (df/dp)^T w}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param w cotangent of f, length n (not modified)
     * @param out receives the product, length m (modified)
     */
    void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out);

    /**
     * Both products at one point; override when they share work (one reverse sweep of a tape gives
     * both).
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param w cotangent of f (not modified)
     * @param outState receives {@code (df/dy)^T w} (modified)
     * @param outParameters receives {@code (df/dp)^T w} (modified)
     */
    default void vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        vjpState(t, y, p, w, outState);
        vjpParameters(t, y, p, w, outParameters);
    }

    /**
     * The start of the range {@code [start, end)} of parameters f may depend on at time t; all of
     * them by default. A model whose right-hand side reads few of many parameters at any one time
     * (controls piecewise in time over K intervals) returns its active range: its parameter
     * products need write only {@code out[start..end)}, and the adjoint accumulates only those,
     * so the cost of a step does not grow with m.
     *
     * @param t time
     * @return the first parameter f may depend on at t
     */
    default int parameterSupportStart(double t) {
        return 0;
    }

    /**
     * @param t time
     * @return one past the last parameter f may depend on at t (see {@link #parameterSupportStart})
     */
    default int parameterSupportEnd(double t) {
        return parameterDimension();
    }
}
