package org.adjoint4j.model;

/**
 * A parametric ODE {@code y' = f(t, y, p)} with the derivative products a discrete adjoint needs.
 * Every method writes its whole output array and allocates nothing (the defaults excepted, where
 * said); inputs are not modified.
 *
 * <pre>
 *   rhs:            yDot = f(t, y, p)                          (length n)
 *   vjpState:       out  = (df/dy)^T w                         (length n; w has length n)
 *   vjpParameters:  out  = (df/dp)^T w                         (length m)
 *   jvp:            out  = (df/dy) v + (df/dp) q               (length n; a tangent)
 *   timeDerivative: out  = df/dt                               (length n; events move time)
 *   stateJacobian:  df/dy as a dense or sparse EJML matrix     (implicit methods)
 *   parameterSupport: the window [start, end) of p that f reads at time t
 *   field:          the same right-hand side over any Hipparchus field, if the model has one
 * </pre>
 *
 * <p>The first three are what every model gives. The others are <em>capabilities</em>: default
 * methods with a correct (if slower) default, which a model overrides when it knows better. Every
 * wrapper extends {@link ForwardingOde}, which forwards each of them, so a wrapper can never drop a
 * capability; a new capability is one default method here and one forwarding method there (a test
 * checks that {@code ForwardingOde} declares every method of this interface). Nothing in the
 * toolkit asks {@code instanceof} what a model can do.
 *
 * <p>Implementations that keep no mutable state are thread-safe; the adapters of this package keep
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
     * The parameter vector-Jacobian product {@code out = (df/dp)^T w}. A model with a parameter
     * support need write only {@code out[parameterSupportStart(t)..parameterSupportEnd(t))}.
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
     * @param outParameters receives {@code (df/dp)^T w} (modified, within the support)
     */
    default void vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        vjpState(t, y, p, w, outState);
        vjpParameters(t, y, p, w, outParameters);
    }

    /**
     * The tangent (Jacobian-vector product) {@code out = (df/dy) v + (df/dp) q}: what forward-mode
     * sensitivities, dot-product tests and second-order adjoints propagate. By default exact:
     * forward mode on the {@link #field() field version} if the model has one (allocates), else
     * {@code out_i = e_i^T (f_y v + f_p q)} from n pairs of vector-Jacobian products (costs n
     * products; override it).
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param v state direction, length n (not modified)
     * @param q parameter direction, length m, or null for zero (not modified)
     * @param out receives the tangent, length n (modified)
     */
    default void jvp(double t, double[] y, double[] p, double[] v, double[] q, double[] out) {
        FieldParametricOde field = field();
        if (field != null) {
            FieldDerivatives.jvp(field, t, y, p, v, q, out);
        } else {
            FieldDerivatives.jvpFromProducts(this, t, y, p, v, q, out);
        }
    }

    /**
     * The second-order product: the derivative, along a direction {@code (s, q)} of the state and
     * parameters, of the vector-Jacobian product with its cotangent w held fixed,
     * <pre>
     *   outState      = d/de f_y(t, y + e s, p + e q)^T w = (w . f_yy) s + (w . f_yp) q
     *   outParameters = d/de f_p(t, y + e s, p + e q)^T w = (w . f_py) s + (w . f_pp) q
     * </pre>
     * (component j of the first is {@code sum_i w_i (sum_k f_i,jk s_k + sum_l f_i,j p_l q_l)}):
     * what the adjoint of a tangent-linear run, a Hessian-vector product, needs. By default exact,
     * by forward mode over forward mode on the {@link #field() field version} (allocates; its cost
     * grows with n + m); a model with second derivatives by hand overrides it.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param w cotangent of f (not modified)
     * @param s state direction, length n (not modified)
     * @param q parameter direction, length m (not modified)
     * @param outState receives the state part, length n (modified)
     * @param outParameters receives the parameter part, length m (modified, within the support)
     * @throws UnsupportedOperationException if the model has neither this method nor a field version
     */
    default void vjpTangent(double t, double[] y, double[] p, double[] w, double[] s, double[] q,
            double[] outState, double[] outParameters) {
        FieldParametricOde field = field();
        if (field == null) {
            throw new UnsupportedOperationException("model " + getClass().getName() + " gives no second-order "
                    + "products: override vjpTangent or give a field version");
        }
        FieldDerivatives.vjpTangent(field, t, y, p, w, s, q, outState, outParameters);
    }

    /**
     * The explicit time derivative {@code out = df/dt} at fixed y and p: what a discrete adjoint
     * needs where a step's start or length moves with the parameters (an event time, a step cut
     * at it). By default exact, by forward mode on the {@link #field() field version} (allocates);
     * a model without one must override it (an autonomous model writes zeros).
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param out receives df/dt, length n (modified)
     * @throws UnsupportedOperationException if the model has neither this method nor a field version
     */
    default void timeDerivative(double t, double[] y, double[] p, double[] out) {
        FieldParametricOde field = field();
        if (field == null) {
            throw new UnsupportedOperationException("model " + getClass().getName() + " gives no time derivative "
                    + "df/dt: override timeDerivative (zeros if it is autonomous) or give a field version");
        }
        FieldDerivatives.timeDerivative(field, t, y, p, out);
    }

    /**
     * The state Jacobian {@code df/dy} in the form implicit methods factor: the model's own dense or
     * sparse matrix where it has one, otherwise dense by forward mode on its {@link #field() field
     * version}, otherwise dense from n vector-Jacobian products (both exact).
     *
     * @return how df/dy is evaluated
     */
    default StateJacobian stateJacobian() {
        FieldParametricOde field = field();
        return field != null ? StateJacobian.forwardMode(field) : StateJacobian.fromProducts(this);
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

    /**
     * The same right-hand side written over any Hipparchus field, for forward-mode derivatives of
     * the model and of whole discrete solves; null when the model has none (hand-written code on
     * doubles only). A model that also implements {@link FieldParametricOde} returns itself.
     *
     * @return the field version, or null
     */
    default FieldParametricOde field() {
        return null;
    }
}
