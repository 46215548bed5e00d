package org.adjoint4j.solvers;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.Binary64;

/**
 * A scalar function {@code g(t, y, p)} of time, state and parameters — a terminal, running or
 * observation cost — written once over any Hipparchus field. Its double value and gradient default
 * to {@link Binary64} and forward-mode {@link Gradient} evaluations of the field version; override
 * them where speed matters.
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
        int free = y.length + p.length;
        Gradient g = value(Gradient.constant(free, t), Fields.variables(y, free, 0), Fields.variables(p, free, y.length));
        double[] all = g.getGradient();
        System.arraycopy(all, 0, gradientState, 0, y.length);
        System.arraycopy(all, y.length, gradientParameters, 0, p.length);
    }
}
