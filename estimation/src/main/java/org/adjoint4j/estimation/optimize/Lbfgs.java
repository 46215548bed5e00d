package org.adjoint4j.estimation.optimize;

import java.util.Arrays;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5) for smooth objectives whose gradient
 * costs about one evaluation (adjoint gradients), with optional box bounds handled by projection:
 * <ul>
 *   <li>direction {@code d = -H g} by the two-loop recursion over the last {@code memory} pairs
 *       {@code (s, y)}, {@code H0 = (s.y / y.y) I}; pairs with {@code s.y <= 1e-10 |s||y|} are
 *       skipped, so H stays positive definite;</li>
 *   <li>components at a bound whose gradient pushes outward are frozen (their d is zero), and
 *       trial points are projected onto the box;</li>
 *   <li>a bisection line search for the weak Wolfe conditions
 *       {@code f(x + a d) <= f + 1e-4 a g.d} and {@code g(x + a d).d >= 0.9 g.d}, starting from
 *       a = 1 (the first iteration from {@code 1 / |g|}).</li>
 * </ul>
 * Stops when the projected gradient's largest component is at most
 * {@code tolerance * max(1, |f|)} (converged), or when f stops decreasing (relative change below
 * 1e-15 twice, or a line search that finds no decrease), or after {@code maxIterations}. A stalled
 * run is converged only if its projected gradient is at most {@code 1e-5 max(1, |f|)} (the
 * precision limit of an objective whose evaluation carries integration error; L-BFGS-B's default
 * {@code pgtol}); otherwise it is not at a minimum, and its reason says so.
 */
public final class Lbfgs {

    /** An objective with its gradient. */
    public interface Objective {
        /**
         * @param x the point (not modified)
         * @param gradient receives df/dx (modified)
         * @return f(x)
         */
        double valueAndGradient(double[] x, double[] gradient);
    }

    /** Sees each iteration. */
    public interface Listener {
        /**
         * @param iteration the iteration just completed, from 1
         * @param value f at the new point
         * @param gradientNorm the projected gradient's largest component
         */
        void iteration(int iteration, double value, double gradientNorm);
    }

    /**
     * @param point the last point
     * @param value f there
     * @param gradient df/dx there
     * @param iterations iterations made
     * @param evaluations objective and gradient evaluations
     * @param converged whether a stopping test other than the iteration limit was met
     * @param reason why it stopped
     */
    public record Result(double[] point, double value, double[] gradient, int iterations, int evaluations,
            boolean converged, String reason) {
    }

    /** The projected gradient a run that cannot decrease f any more may keep and count as converged. */
    private static final double STALLED_TOLERANCE = 1e-5;

    private final int memory;
    private final double tolerance;
    private final int maxIterations;

    /**
     * @param memory pairs kept (5 to 20 is usual)
     * @param tolerance relative gradient tolerance
     * @param maxIterations most iterations
     */
    public Lbfgs(int memory, double tolerance, int maxIterations) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be >= 1, got " + memory);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        this.memory = memory;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * @param f the objective
     * @param start the starting point (not modified)
     * @param lower lower bounds, or null (entries may be -infinity)
     * @param upper upper bounds, or null (entries may be +infinity)
     * @param listener sees each iteration, or null
     * @return the result
     */
    public Result minimize(Objective f, double[] start, double[] lower, double[] upper, Listener listener) {
        int n = start.length;
        double[] x = start.clone();
        project(x, lower, upper);
        double[] g = new double[n];
        double value = f.valueAndGradient(x, g);
        int evaluations = 1;
        requireFinite(value, g, x);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        int stored = 0;
        int newest = -1;
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] alpha = new double[memory];
        int flat = 0;
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            double norm = projectedNorm(x, g, lower, upper);
            if (norm <= tolerance * Math.max(1.0, Math.abs(value))) {
                return new Result(x, value, g, iteration - 1, evaluations, true, "gradient below tolerance");
            }
            // Two-loop recursion on the free components.
            for (int i = 0; i < n; i++) {
                d[i] = frozen(x, g, lower, upper, i) ? 0.0 : -g[i];
            }
            for (int k = 0, j = newest; k < stored; k++, j = (j - 1 + memory) % memory) {
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], y[j], d);
            }
            if (stored > 0) {
                double scale = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) {
                    d[i] *= scale;
                }
            }
            for (int k = 0, j = (newest - stored + 1 + memory) % memory; k < stored; k++, j = (j + 1) % memory) {
                double beta = rho[j] * dot(y[j], d);
                axpy(alpha[j] - beta, s[j], d);
            }
            for (int i = 0; i < n; i++) {
                if (frozen(x, g, lower, upper, i)) {
                    d[i] = 0.0;
                }
            }
            double slope = dot(g, d);
            if (!(slope < 0)) {
                // Not a descent direction (curvature pairs inconsistent with the bounds): restart.
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = frozen(x, g, lower, upper, i) ? 0.0 : -g[i];
                }
                slope = dot(g, d);
            }
            double step = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(d, d))) : 1.0;
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double valueNew = Double.NaN;
            boolean accepted = false;
            for (int trial = 0; trial < 60; trial++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                project(xNew, lower, upper);
                valueNew = f.valueAndGradient(xNew, gNew);
                evaluations++;
                boolean finite = Double.isFinite(valueNew);
                if (!finite || valueNew > value + 1e-4 * step * slope) {
                    hi = step;
                    step = 0.5 * (lo + hi);
                } else if (dot(gNew, d) < 0.9 * slope && !boundHit(xNew, lower, upper, d)) {
                    lo = step;
                    step = Double.isInfinite(hi) ? 2 * step : 0.5 * (lo + hi);
                } else {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                if (valueNew < value && Double.isFinite(valueNew)) {
                    accepted = true; // sufficient decrease without curvature: take it
                } else {
                    return stalled(x, value, g, lower, upper, iteration - 1, evaluations,
                            "the line search found no decrease");
                }
            }
            double sy = 0;
            double ss = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                double si = xNew[i] - x[i];
                double yi = gNew[i] - g[i];
                sy += si * yi;
                ss += si * si;
                yy += yi * yi;
            }
            if (sy > 1e-10 * Math.sqrt(ss * yy)) {
                int slot = (newest + 1) % memory;
                for (int i = 0; i < n; i++) {
                    s[slot][i] = xNew[i] - x[i];
                    y[slot][i] = gNew[i] - g[i];
                }
                rho[slot] = 1.0 / sy;
                newest = slot;
                stored = Math.min(stored + 1, memory);
            }
            double change = Math.abs(value - valueNew) / Math.max(Math.abs(value), Double.MIN_NORMAL);
            flat = change < 1e-15 ? flat + 1 : 0;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            value = valueNew;
            if (listener != null) {
                listener.iteration(iteration, value, projectedNorm(x, g, lower, upper));
            }
            if (flat >= 2) {
                return stalled(x, value, g, lower, upper, iteration, evaluations, "f stopped decreasing");
            }
        }
        return new Result(x, value, g, maxIterations, evaluations, false, "iteration limit " + maxIterations);
    }

    /** A run that cannot decrease f further: converged only if the projected gradient is small. */
    private Result stalled(double[] x, double value, double[] g, double[] lower, double[] upper, int iterations,
            int evaluations, String why) {
        double norm = projectedNorm(x, g, lower, upper);
        boolean small = norm <= Math.max(tolerance, STALLED_TOLERANCE) * Math.max(1.0, Math.abs(value));
        return new Result(x, value, g, iterations, evaluations, small, why + (small ? " (gradient below tolerance)"
                : ", but the projected gradient is " + norm + ": not a minimum"));
    }

    private static void requireFinite(double value, double[] g, double[] x) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the objective is " + value + " at the starting point "
                    + Arrays.toString(x));
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalArgumentException("gradient component " + i + " is " + g[i]
                        + " at the starting point");
            }
        }
    }

    private static boolean frozen(double[] x, double[] g, double[] lower, double[] upper, int i) {
        return (lower != null && x[i] <= lower[i] && g[i] > 0) || (upper != null && x[i] >= upper[i] && g[i] < 0);
    }

    /** Whether the projected trial point sits on a bound the direction pushes into. */
    private static boolean boundHit(double[] x, double[] lower, double[] upper, double[] d) {
        for (int i = 0; i < x.length; i++) {
            if ((lower != null && x[i] <= lower[i] && d[i] < 0) || (upper != null && x[i] >= upper[i] && d[i] > 0)) {
                return true;
            }
        }
        return false;
    }

    private static double projectedNorm(double[] x, double[] g, double[] lower, double[] upper) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            if (!frozen(x, g, lower, upper, i)) {
                max = Math.max(max, Math.abs(g[i]));
            }
        }
        return max;
    }

    private static void project(double[] x, double[] lower, double[] upper) {
        for (int i = 0; i < x.length; i++) {
            if (lower != null && x[i] < lower[i]) {
                x[i] = lower[i];
            }
            if (upper != null && x[i] > upper[i]) {
                x[i] = upper[i];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
