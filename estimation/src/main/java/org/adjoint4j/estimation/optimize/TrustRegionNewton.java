package org.adjoint4j.estimation.optimize;

/**
 * Trust-region Newton with Steihaug–Toint conjugate gradients (Nocedal &amp; Wright, Algorithms
 * 4.1 and 7.2), on exact Hessian-vector products: each iteration minimizes the model
 * {@code m(d) = f + g.d + 1/2 d.H d} over {@code |d| <= Delta} by CG, stopping at the boundary,
 * at negative curvature (then along it to the boundary) or at {@code |r| <= min(0.5, sqrt|g|) |g|};
 * the step is taken if {@code rho = (f(x) - f(x + d)) / (m(0) - m(d)) > 1e-4}, and the radius is
 * quartered where {@code rho < 1/4}, doubled where {@code rho > 3/4} and the step reached the
 * boundary. Box bounds are met by projection: components at a bound whose gradient pushes outward
 * are frozen, and trial points are clipped into the box. Converged when the projected gradient's
 * largest component is at most {@code tolerance * max(1, |f|)}.
 */
public final class TrustRegionNewton {

    /** An objective with its gradient and Hessian-vector products. */
    public interface Objective extends Lbfgs.Objective {
        /**
         * @param x the point (not modified)
         * @param v a direction (not modified)
         * @param out receives {@code H(x) v} (modified)
         */
        void hessianVector(double[] x, double[] v, double[] out);
    }

    private final double tolerance;
    private final int maxIterations;

    /**
     * @param tolerance relative gradient tolerance
     * @param maxIterations most outer iterations
     */
    public TrustRegionNewton(double tolerance, int maxIterations) {
        if (!(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("tolerance must be > 0 and maxIterations >= 1, got " + tolerance + ", "
                    + maxIterations);
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * @param f the objective
     * @param start the first point (not modified; projected into the box)
     * @param lower lower bounds or null
     * @param upper upper bounds or null
     * @param listener sees each iteration (may be null)
     * @return the last point; {@code evaluations} counts gradients, Hessian-vector products apart
     *         in the reason
     */
    public Lbfgs.Result minimize(Objective f, double[] start, double[] lower, double[] upper,
            Lbfgs.Listener listener) {
        int n = start.length;
        double[] x = project(start.clone(), lower, upper);
        double[] g = new double[n];
        double value = f.valueAndGradient(x, g);
        int evaluations = 1;
        int products = 0;
        if (!Double.isFinite(value)) {
            return new Lbfgs.Result(x, value, g, 0, evaluations, false, "the objective is not finite at the start");
        }
        double radius = Math.max(1.0, norm(x));
        boolean[] free = new boolean[n];
        double[] trial = new double[n];
        double[] trialGradient = new double[n];
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            double projected = freeComponents(x, g, lower, upper, free);
            if (projected <= tolerance * Math.max(1, Math.abs(value))) {
                return new Lbfgs.Result(x, value, g, iteration - 1, evaluations, true, "converged (" + products
                        + " Hessian-vector products)");
            }
            // Steihaug-Toint CG on the free components
            double[] d = new double[n];
            double[] r = new double[n];
            double[] p = new double[n];
            double[] hp = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = free[i] ? -g[i] : 0;
                p[i] = r[i];
            }
            double rr = dot(r, r);
            double stop = Math.min(0.5, Math.sqrt(Math.sqrt(rr))) * Math.sqrt(rr);
            boolean boundary = false;
            for (int k = 0; k < 2 * n + 5; k++) {
                f.hessianVector(x, p, hp);
                products++;
                for (int i = 0; i < n; i++) {
                    hp[i] = free[i] ? hp[i] : 0;
                }
                double curvature = dot(p, hp);
                if (curvature <= 0) {
                    toBoundary(d, p, radius);
                    boundary = true;
                    break;
                }
                double alpha = rr / curvature;
                double[] next = d.clone();
                for (int i = 0; i < n; i++) {
                    next[i] += alpha * p[i];
                }
                if (norm(next) >= radius) {
                    toBoundary(d, p, radius);
                    boundary = true;
                    break;
                }
                d = next;
                for (int i = 0; i < n; i++) {
                    r[i] -= alpha * hp[i];
                }
                double rrNext = dot(r, r);
                if (Math.sqrt(rrNext) <= stop) {
                    break;
                }
                double beta = rrNext / rr;
                rr = rrNext;
                for (int i = 0; i < n; i++) {
                    p[i] = r[i] + beta * p[i];
                }
            }
            // predicted decrease of the quadratic model
            f.hessianVector(x, d, hp);
            products++;
            double predicted = -(dot(g, d) + 0.5 * dot(d, hp));
            if (predicted > 0 && predicted <= 1e-15 * Math.max(1, Math.abs(value))) {
                // The step could not be judged: its predicted decrease is below the round-off of the
                // objective, so the ratio test would only shrink the region to nothing.
                double pg = freeComponents(x, g, lower, upper, free);
                boolean ok = pg <= 1e-5 * Math.max(1, Math.abs(value));
                return new Lbfgs.Result(x, value, g, iteration - 1, evaluations, ok, (ok ? "converged" : "stalled")
                        + " (the model's predicted decrease " + predicted + " is below the objective's round-off; "
                        + products + " Hessian-vector products)");
            }
            for (int i = 0; i < n; i++) {
                trial[i] = x[i] + d[i];
            }
            project(trial, lower, upper);
            double trialValue = f.valueAndGradient(trial, trialGradient);
            evaluations++;
            double rho = Double.isFinite(trialValue) && predicted > 0 ? (value - trialValue) / predicted : -1;
            if (rho < 0.25) {
                radius *= 0.25;
            } else if (rho > 0.75 && boundary) {
                radius *= 2;
            }
            if (rho > 1e-4) {
                System.arraycopy(trial, 0, x, 0, n);
                System.arraycopy(trialGradient, 0, g, 0, n);
                double change = value - trialValue;
                value = trialValue;
                if (listener != null) {
                    listener.iteration(iteration, value, freeComponents(x, g, lower, upper, free));
                }
                if (change <= 1e-15 * Math.max(1, Math.abs(value))) {
                    double pg = freeComponents(x, g, lower, upper, free);
                    boolean ok = pg <= 1e-5 * Math.max(1, Math.abs(value));
                    return new Lbfgs.Result(x, value, g, iteration, evaluations, ok, (ok ? "converged" : "stalled")
                            + " (no further decrease; " + products + " Hessian-vector products)");
                }
            }
            if (radius < 1e-14 * Math.max(1, norm(x))) {
                double pg = freeComponents(x, g, lower, upper, free);
                boolean ok = pg <= 1e-5 * Math.max(1, Math.abs(value));
                return new Lbfgs.Result(x, value, g, iteration, evaluations, ok, "the trust region shrank to nothing ("
                        + products + " Hessian-vector products)");
            }
        }
        return new Lbfgs.Result(x, value, g, maxIterations, evaluations, false, "iteration limit " + maxIterations
                + " reached (" + products + " Hessian-vector products)");
    }

    /** d + tau p with |d + tau p| = radius, tau >= 0. */
    private static void toBoundary(double[] d, double[] p, double radius) {
        double pp = dot(p, p);
        double dp = dot(d, p);
        double dd = dot(d, d);
        double tau = (-dp + Math.sqrt(Math.max(0, dp * dp + pp * (radius * radius - dd)))) / Math.max(pp, 1e-300);
        for (int i = 0; i < d.length; i++) {
            d[i] += tau * p[i];
        }
    }

    /** Marks the free components and returns the projected gradient's largest one. */
    private static double freeComponents(double[] x, double[] g, double[] lower, double[] upper, boolean[] free) {
        double largest = 0;
        for (int i = 0; i < x.length; i++) {
            boolean atLower = lower != null && x[i] <= lower[i] && g[i] > 0;
            boolean atUpper = upper != null && x[i] >= upper[i] && g[i] < 0;
            free[i] = !atLower && !atUpper;
            if (free[i]) {
                largest = Math.max(largest, Math.abs(g[i]));
            }
        }
        return largest;
    }

    private static double[] project(double[] x, double[] lower, double[] upper) {
        for (int i = 0; i < x.length; i++) {
            if (lower != null) {
                x[i] = Math.max(lower[i], x[i]);
            }
            if (upper != null) {
                x[i] = Math.min(upper[i], x[i]);
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
