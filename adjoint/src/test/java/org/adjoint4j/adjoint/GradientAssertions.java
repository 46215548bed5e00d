package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Norm-wise relative comparisons of gradients. */
final class GradientAssertions {

    private GradientAssertions() {
    }

    /** @return ||a - b|| / ||b|| (Euclidean) */
    static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        double e = relativeError(actual, expected);
        assertTrue(e <= tolerance, what + ": relative error " + e + " > " + tolerance);
    }
}
