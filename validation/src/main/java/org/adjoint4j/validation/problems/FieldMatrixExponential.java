package org.adjoint4j.validation.problems;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * {@code e^A} for a small square matrix over any field, by scaling and squaring: A is divided by
 * {@code 2^s} until its infinity norm is at most 1/4, the Taylor series is summed to 20 terms
 * (remainder below {@code 0.25^21 / 21! ~ 1e-32}), and the result squared s times. Over Hipparchus
 * {@code Gradient}s this differentiates the exponential exactly (to rounding).
 */
final class FieldMatrixExponential {

    private FieldMatrixExponential() {
    }

    static <T extends CalculusFieldElement<T>> T[][] exp(T[][] a) {
        int n = a.length;
        double norm = 0;
        for (T[] row : a) {
            double sum = 0;
            for (T x : row) {
                sum += Math.abs(x.getReal());
            }
            norm = Math.max(norm, sum);
        }
        int s = norm <= 0.25 ? 0 : (int) Math.ceil(Math.log(norm / 0.25) / Math.log(2));
        double scale = Math.scalb(1.0, -s);
        T zero = a[0][0].getField().getZero();
        T[][] scaled = MathArrays.buildArray(zero.getField(), n, n);
        T[][] result = MathArrays.buildArray(zero.getField(), n, n);
        T[][] term = MathArrays.buildArray(zero.getField(), n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scaled[i][j] = a[i][j].multiply(scale);
                result[i][j] = i == j ? zero.add(1.0) : zero;
                term[i][j] = result[i][j];
            }
        }
        for (int k = 1; k <= 20; k++) {
            term = multiply(term, scaled);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    term[i][j] = term[i][j].divide(k);
                    result[i][j] = result[i][j].add(term[i][j]);
                }
            }
        }
        for (int k = 0; k < s; k++) {
            result = multiply(result, result);
        }
        return result;
    }

    static <T extends CalculusFieldElement<T>> T[][] multiply(T[][] a, T[][] b) {
        int n = a.length;
        T[][] c = MathArrays.buildArray(a[0][0].getField(), n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                T sum = a[0][0].getField().getZero();
                for (int k = 0; k < n; k++) {
                    sum = sum.add(a[i][k].multiply(b[k][j]));
                }
                c[i][j] = sum;
            }
        }
        return c;
    }
}
