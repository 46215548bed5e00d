package org.adjoint4j.autodiff;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.MathArrays;

/** Conversions between double arrays and arrays of field elements. */
public final class Fields {

    private Fields() {
    }

    /**
     * @param x values (not modified)
     * @return the values as {@link Binary64}
     */
    public static Binary64[] binary64(double[] x) {
        Binary64[] out = new Binary64[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = new Binary64(x[i]);
        }
        return out;
    }

    /**
     * Independent variables {@code offset .. offset + x.length - 1} of a gradient with
     * {@code freeParameters} components.
     *
     * @param x values (not modified)
     * @param freeParameters number of independent variables in all
     * @param offset index of the first of these
     * @return the variables
     */
    public static Gradient[] variables(double[] x, int freeParameters, int offset) {
        Gradient[] out = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Gradient.variable(freeParameters, offset + i, x[i]);
        }
        return out;
    }

    /**
     * Constants of a gradient with {@code freeParameters} components.
     *
     * @param x values (not modified)
     * @param freeParameters number of independent variables
     * @return the constants
     */
    public static Gradient[] constants(double[] x, int freeParameters) {
        Gradient[] out = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Gradient.constant(freeParameters, x[i]);
        }
        return out;
    }

    /**
     * An array of {@code n} elements of the field of {@code sample}, filled with zero.
     *
     * @param sample any element of the field
     * @param n length
     * @param <T> the field
     * @return the array
     */
    public static <T extends CalculusFieldElement<T>> T[] zeros(T sample, int n) {
        T[] out = MathArrays.buildArray(sample.getField(), n);
        java.util.Arrays.fill(out, sample.getField().getZero());
        return out;
    }

    /**
     * Real parts.
     *
     * @param x elements (not modified)
     * @param <T> the field
     * @return their real values
     */
    public static <T extends CalculusFieldElement<T>> double[] real(T[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].getReal();
        }
        return out;
    }
}
