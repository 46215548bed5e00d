package org.adjoint4j.estimation.control;

/**
 * Controls as K-interval piecewise functions on [0, T], {@code h = T / K}:
 * <pre>
 *   PIECEWISE_CONSTANT  u(t) = c_k                                  on [k h, (k+1) h),  K coefficients
 *   PIECEWISE_LINEAR    u(t) = (1 - s) c_k + s c_{k+1},  s = t/h - k  (continuous),      K + 1 coefficients
 * </pre>
 * per control component, stored interval-major ({@code coefficient k, component j} at
 * {@code k c + j}). At any t only one or two coefficients per component act.
 */
public enum ControlParameterization {
    /** Constant on each interval. */
    PIECEWISE_CONSTANT,
    /** Linear on each interval, continuous at the nodes. */
    PIECEWISE_LINEAR;

    /**
     * @param intervals K
     * @param controls c
     * @return the number of coefficients
     */
    public int coefficients(int intervals, int controls) {
        return (this == PIECEWISE_CONSTANT ? intervals : intervals + 1) * controls;
    }

    /**
     * The interval of t, clamped to [0, K-1].
     *
     * @param t time
     * @param finalTime T
     * @param intervals K
     * @return k
     */
    static int interval(double t, double finalTime, int intervals) {
        int k = (int) Math.floor(t / finalTime * intervals);
        return Math.max(0, Math.min(intervals - 1, k));
    }

    /**
     * u(t).
     *
     * @param t time
     * @param finalTime T
     * @param intervals K
     * @param coefficients the coefficients (not modified)
     * @param u receives the c controls (modified)
     */
    public void evaluate(double t, double finalTime, int intervals, double[] coefficients, double[] u) {
        int c = u.length;
        int k = interval(t, finalTime, intervals);
        if (this == PIECEWISE_CONSTANT) {
            System.arraycopy(coefficients, k * c, u, 0, c);
            return;
        }
        double s = t / finalTime * intervals - k;
        for (int j = 0; j < c; j++) {
            u[j] = (1 - s) * coefficients[k * c + j] + s * coefficients[(k + 1) * c + j];
        }
    }

    /**
     * The weight of the first active coefficient; the second (linear only) has {@code 1 - weight}.
     *
     * @param t time
     * @param finalTime T
     * @param intervals K
     * @return the weight of coefficient k at t
     */
    double firstWeight(double t, double finalTime, int intervals) {
        if (this == PIECEWISE_CONSTANT) {
            return 1.0;
        }
        int k = interval(t, finalTime, intervals);
        return 1.0 - (t / finalTime * intervals - k);
    }

    /**
     * @param value a command-line name: constant or linear
     * @return the parameterization
     */
    public static ControlParameterization fromCliName(String value) {
        switch (value) {
            case "constant":
                return PIECEWISE_CONSTANT;
            case "linear":
                return PIECEWISE_LINEAR;
            default:
                throw new IllegalArgumentException("control parameterization must be constant or linear, got '" + value
                        + "'");
        }
    }
}
