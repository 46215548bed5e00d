package org.adjoint4j.model;

/**
 * Initial values that are functions of the parameters, {@code y_0 = y_0(p)} (a model file's
 * {@code "initial": "I0*N"}, an SBML initial assignment, a PEtab condition naming a parameter).
 *
 * <p>A gradient solve differentiates J with respect to p and to {@code y_0} as separate inputs;
 * the total derivative is then the chain rule
 * <pre>
 *   dJ/dp (total) = dJ/dp + (dy_0/dp)^T dJ/dy_0,
 * </pre>
 * and a forward-sensitivity run along the direction of {@code p_j} starts from the tangent
 * {@code dy_0/dp_j} instead of zero. A Hessian-vector product of the total J adds, beside the
 * products of J with respect to (p, y_0), the curvature of y_0 itself,
 * {@code sum_i (dJ/dy_0i) (d^2 y_0i / dp^2) v} ({@link #addSecondOrderProduct}).
 */
public interface InitialValues {

    /** @return n */
    int stateDimension();

    /** @return m */
    int parameterDimension();

    /**
     * @param p parameters (not modified)
     * @param y0 receives {@code y_0(p)}, length n (modified)
     */
    void value(double[] p, double[] y0);

    /**
     * Adds {@code (dy_0/dp) v} to {@code out}: the initial tangent along the parameter direction v.
     *
     * @param p parameters (not modified)
     * @param v a parameter direction, length m (not modified)
     * @param out receives the sum, length n (modified)
     */
    void addJacobianProduct(double[] p, double[] v, double[] out);

    /**
     * Adds {@code (dy_0/dp)^T w} to {@code out}.
     *
     * @param p parameters (not modified)
     * @param w a cotangent of {@code y_0}, length n (not modified)
     * @param out receives the sum, length m (modified)
     */
    void addVectorJacobianProduct(double[] p, double[] w, double[] out);

    /**
     * Adds {@code sum_i w_i (d^2 y_0i / dp^2) v} to {@code out}: the derivative of
     * {@code (dy_0/dp)^T w} along v, w held fixed. Initial values that do not know their second
     * derivatives refuse.
     *
     * @param p parameters (not modified)
     * @param w a cotangent of {@code y_0}, length n (not modified)
     * @param v a parameter direction, length m (not modified)
     * @param out receives the sum, length m (modified)
     * @throws UnsupportedOperationException if these initial values have no second derivatives
     */
    default void addSecondOrderProduct(double[] p, double[] w, double[] v, double[] out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no second derivatives of y0(p)");
    }
}
