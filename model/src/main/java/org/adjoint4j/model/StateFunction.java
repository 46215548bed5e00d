package org.adjoint4j.model;

import org.adjoint4j.autodiff.Fields;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.Binary64;

/**
 * A scalar function {@code g(t, y, p)} of time, state and parameters — a terminal, running or
 * observation cost — written once over any Hipparchus field. Its double value defaults to a
 * {@link Binary64} evaluation of the field version and its gradient to one reverse sweep of a
 * {@link org.adjoint4j.autodiff.Tape}; override them where speed matters.
 */
public interface StateFunction {

    /**
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param <T> the field
     * @return g(t, y, p)
     */
    <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p);

    /**
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @return g(t, y, p)
     */
    default double value(double t, double[] y, double[] p) {
        return value(new Binary64(t), Fields.binary64(y), Fields.binary64(p)).getReal();
    }

    /**
     * The gradient {@code (dg/dy, dg/dp)}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param gradientState receives dg/dy, length n (modified)
     * @param gradientParameters receives dg/dp, length m (modified)
     */
    default void gradient(double t, double[] y, double[] p, double[] gradientState, double[] gradientParameters) {
        ReverseModeGradient.of(this, t, y, p, gradientState, gradientParameters);
    }

    /**
     * The derivative of the gradient along a direction {@code (s, q)}:
     * <pre>
     *   outState      = d/de g_y(t, y + e s, p + e q) = g_yy s + g_yp q
     *   outParameters = d/de g_p(t, y + e s, p + e q) = g_py s + g_pp q
     * </pre>
     * what the adjoint of a tangent-linear run (a Hessian-vector product) needs of an objective
     * term. By default forward over forward mode on the field version (allocates); override it
     * where speed matters.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param s state direction (not modified)
     * @param q parameter direction (not modified)
     * @param outState receives the state part, length n (modified)
     * @param outParameters receives the parameter part, length m (modified)
     */
    default void gradientTangent(double t, double[] y, double[] p, double[] s, double[] q, double[] outState,
            double[] outParameters) {
        FieldDerivatives.gradientTangent(this, t, y, p, s, q, outState, outParameters);
    }

    /**
     * The explicit time derivative {@code dg/dt} at fixed y and p, by forward mode on the field
     * version (allocates): what an event's or a moving end time's derivative needs.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @return dg/dt
     */
    default double timeDerivative(double t, double[] y, double[] p) {
        return value(Gradient.variable(1, 0, t), Fields.constants(y, 1), Fields.constants(p, 1))
                .getPartialDerivative(0);
    }

    /**
     * The start of the range of parameters g may depend on at time t (all by default); as for
     * {@link ParametricOde#parameterSupportStart}, but a function does not know m, so the end
     * defaults to {@link Integer#MAX_VALUE}, read as m. {@link #gradient} still writes every entry.
     *
     * @param t time
     * @return the first parameter g may depend on at t
     */
    default int parameterSupportStart(double t) {
        return 0;
    }

    /**
     * @param t time
     * @return one past the last parameter g may depend on at t ({@link Integer#MAX_VALUE}: all)
     */
    default int parameterSupportEnd(double t) {
        return Integer.MAX_VALUE;
    }
}
