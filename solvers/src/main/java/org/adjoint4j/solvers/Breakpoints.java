package org.adjoint4j.solvers;

import java.util.Arrays;

/**
 * Times that must be grid points (observation times), made safe for integration: times closer
 * than {@code tol = max(1e-12 (t1 - t0), 4096 ulp(max(|t0|, |t1|)))} are one breakpoint, and a
 * time that close to t0 or t1 is t0 or t1 (Hipparchus refuses intervals shorter than 1000 ulps,
 * and such steps would carry no information). Every part of a run maps a time to its grid point
 * with {@link #snap}.
 */
public final class Breakpoints {

    private Breakpoints() {
    }

    /**
     * @param t0 initial time
     * @param t1 final time
     * @return the distance below which two times are the same breakpoint
     */
    public static double tolerance(double t0, double t1) {
        return Math.max(1e-12 * (t1 - t0), 4096 * Math.ulp(Math.max(Math.abs(t0), Math.abs(t1))));
    }

    /**
     * The distinct breakpoints strictly inside (t0, t1), sorted, merged within the tolerance
     * (each group represented by its smallest time).
     *
     * @param t0 initial time
     * @param t1 final time
     * @param times any times (not modified), may be null
     * @return the inner breakpoints
     */
    public static double[] inner(double t0, double t1, double[] times) {
        if (times == null) {
            return new double[0];
        }
        double tol = tolerance(t0, t1);
        double[] sorted = Arrays.stream(times).filter(t -> t > t0 + tol && t < t1 - tol).sorted().toArray();
        double[] out = new double[sorted.length];
        int count = 0;
        for (double t : sorted) {
            if (count == 0 || t - out[count - 1] > tol) {
                out[count++] = t;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * The grid point a time belongs to.
     *
     * @param t0 initial time
     * @param t1 final time
     * @param inner the result of {@link #inner} (not modified)
     * @param t a time in [t0, t1]
     * @return t0, t1 or the inner breakpoint within the tolerance of t
     */
    public static double snap(double t0, double t1, double[] inner, double t) {
        double tol = tolerance(t0, t1);
        if (Math.abs(t - t0) <= tol) {
            return t0;
        }
        if (Math.abs(t - t1) <= tol) {
            return t1;
        }
        int i = Arrays.binarySearch(inner, t);
        if (i >= 0) {
            return inner[i];
        }
        int below = -i - 2;
        if (below >= 0 && t - inner[below] <= tol) {
            return inner[below];
        }
        if (below + 1 < inner.length && inner[below + 1] - t <= tol) {
            return inner[below + 1];
        }
        throw new IllegalArgumentException("time " + t + " is not a breakpoint in [" + t0 + ", " + t1 + "]");
    }
}
