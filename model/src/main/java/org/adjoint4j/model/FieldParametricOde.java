package org.adjoint4j.model;

import org.adjoint4j.autodiff.Fields;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.Binary64;

/**
 * A right-hand side written once over Hipparchus {@link CalculusFieldElement}s, so the same code
 * runs on doubles ({@link Binary64}), on forward-mode {@code Gradient}s and on the reverse-mode
 * {@link org.adjoint4j.autodiff.Tape}. {@link ReverseModeOde} (the default) and
 * {@link ForwardModeOde} turn it into a {@link ParametricOde} with automatic vector-Jacobian
 * products. Override {@link #rhs(double, double[], double[], double[])} with plain double code
 * where speed matters: the default boxes every value.
 */
public interface FieldParametricOde extends ModelSignature {

    /**
     * The right-hand side over any field.
     *
     * @param t time
     * @param y state, length n (not modified)
     * @param p parameters, length m (not modified)
     * @param yDot receives f(t, y, p), length n (modified)
     * @param <T> the field
     */
    <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot);

    /**
     * The right-hand side on doubles; by default the field version on {@link Binary64}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param yDot receives f(t, y, p) (modified)
     */
    default void rhs(double t, double[] y, double[] p, double[] yDot) {
        Binary64[] yy = Fields.binary64(y);
        Binary64[] pp = Fields.binary64(p);
        Binary64[] out = new Binary64[yDot.length];
        rhs(new Binary64(t), yy, pp, out);
        for (int i = 0; i < yDot.length; i++) {
            yDot[i] = out[i].getReal();
        }
    }
}
