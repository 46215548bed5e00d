package org.adjoint4j.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The Taylor test: along a direction d, the remainder of the first-order expansion
 * <pre>
 *   r1(e) = | J(x + e d) - J(x) - e dJ/dx . d |
 * </pre>
 * falls as e^2 when the gradient is right and only as e when it is wrong (while
 * {@code r0(e) = |J(x + e d) - J(x)|} falls as e either way). Steps
 * {@code e = 1e-3 / 2^k, k = 0..7}; the observed order is the least-squares slope of
 * {@code log r1} against {@code log e} over the remainders above rounding
 * ({@code 1e3 ulp(|J|)}), and passes within 0.2 of 2. A direction is scaled by x component-wise
 * ({@code d_i = v_i |x_i|}, or {@code v_i} where {@code x_i = 0}), so parameters of different sizes
 * are perturbed alike.
 */
public final class TaylorCheck {

    /** Number of halvings of the step. */
    private static final int STEPS = 8;

    /**
     * @param direction what was perturbed, e.g. "random" or a component's name
     * @param steps the steps e
     * @param zerothOrder {@code r0(e)}
     * @param firstOrder {@code r1(e)}
     * @param observedOrder the fitted slope of r1, NaN when every r1 is at rounding level (J is
     *        linear along d: nothing to see, and nothing wrong)
     * @param passed whether the observed order is within 0.2 of 2 (or r1 is all rounding)
     */
    public record Result(String direction, double[] steps, double[] zerothOrder, double[] firstOrder,
            double observedOrder, boolean passed) {
    }

    private TaylorCheck() {
    }

    /**
     * Along a random direction (uniform in [-1, 1] per component, then scaled).
     *
     * @param f the objective
     * @param seed the random seed
     * @return the result
     */
    public static Result random(DiscreteObjective f, long seed) {
        Random random = new Random(seed);
        double[] v = new double[f.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * random.nextDouble() - 1;
        }
        return along(f, v, "random", f.gradient(f.point()));
    }

    /**
     * Along every coordinate direction, which names a wrong component.
     *
     * @param f the objective
     * @return one result per component of x
     */
    public static List<Result> perComponent(DiscreteObjective f) {
        double[] gradient = f.gradient(f.point());
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < f.dimension(); i++) {
            double[] v = new double[f.dimension()];
            v[i] = 1.0;
            results.add(along(f, v, f.name(i), gradient));
        }
        return results;
    }

    /**
     * @param f the objective
     * @param v the unscaled direction (not modified)
     * @param label its name
     * @param gradient dJ/dx at f's point
     * @return the result
     */
    static Result along(DiscreteObjective f, double[] v, String label, double[] gradient) {
        double[] x = f.point();
        double[] d = new double[x.length];
        double slope = 0;
        for (int i = 0; i < x.length; i++) {
            d[i] = v[i] * (x[i] != 0 ? Math.abs(x[i]) : 1.0);
            slope += gradient[i] * d[i];
        }
        double j0 = f.value(x);
        double[] steps = new double[STEPS];
        double[] r0 = new double[STEPS];
        double[] r1 = new double[STEPS];
        double[] xe = new double[x.length];
        for (int k = 0; k < STEPS; k++) {
            double e = 1e-3 / (1 << k);
            for (int i = 0; i < x.length; i++) {
                xe[i] = x[i] + e * d[i];
            }
            double je = f.value(xe);
            steps[k] = e;
            r0[k] = Math.abs(je - j0);
            r1[k] = Math.abs(je - j0 - e * slope);
        }
        double floor = 1e3 * Math.ulp(Math.abs(j0));
        double order = fittedSlope(steps, r1, floor);
        boolean passed = Double.isNaN(order) ? allBelow(r1, floor) : Math.abs(order - 2.0) <= 0.2;
        return new Result(label, steps, r0, r1, order, passed);
    }

    /** Least-squares slope of log r against log e over r above the floor; NaN with fewer than 3. */
    static double fittedSlope(double[] e, double[] r, double floor) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int count = 0;
        for (int k = 0; k < e.length; k++) {
            if (r[k] > floor && Double.isFinite(r[k])) {
                double lx = Math.log(e[k]);
                double ly = Math.log(r[k]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                count++;
            }
        }
        if (count < 3) {
            return Double.NaN;
        }
        return (count * sxy - sx * sy) / (count * sxx - sx * sx);
    }

    private static boolean allBelow(double[] r, double floor) {
        for (double x : r) {
            if (!(x <= floor)) {
                return false;
            }
        }
        return true;
    }
}
