package org.adjoint4j.solvers;

import java.util.Locale;
import java.util.Random;
import org.adjoint4j.model.ParametricOde;

/**
 * Whether an explicit run's steps are limited by stability rather than accuracy: the spectral
 * radius {@code rho(f_y)} estimated by power iteration on vector-Jacobian products (the transposed
 * Jacobian has the same spectrum, and {@code vjpState} is the product every model gives cheaply),
 * compared with the method's {@link ButcherTableau#realStabilityLimit() real stability limit}:
 * <pre>
 *   ratio = h rho(f_y(t, y)) / limit          ratio &gt;= 1: beyond stability;  ratio ~ 1 over many
 *                                             accepted steps: step sizes pinned by stability (stiff)
 * </pre>
 * Power iteration from a fixed seeded start, {@value #ITERATIONS} products; the estimate is the
 * growth rate over the second half, {@code (|J^K v| / |J^{K/2} v|)^{2/K}}, which also converges for
 * a dominant complex pair. Why this matters for gradients: the frozen-grid derivative of a run
 * whose step sizes are pinned by stability is the derivative of that grid's discrete map, not of
 * the solution (the Oregonator's dJ/dq comes out with the wrong sign). One check costs
 * {@value #ITERATIONS} products; callers sample a few steps of a run.
 */
public final class StiffnessCheck {

    /** Products per estimate. */
    public static final int ITERATIONS = 24;

    private final ParametricOde model;
    private final double[] parameters;
    private final double limit;
    private final String method;
    private final double[] start;
    private final double[] v;
    private final double[] w;

    /**
     * @param model the model (its state products)
     * @param parameters p (referenced)
     * @param method the name of the method, for messages
     * @param limit its real stability limit ({@link ButcherTableau#realStabilityLimit()})
     */
    public StiffnessCheck(ParametricOde model, double[] parameters, String method, double limit) {
        this.model = model;
        this.parameters = parameters;
        this.limit = limit;
        this.method = method;
        int n = model.stateDimension();
        Random random = new Random(20_261_203L);
        start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = random.nextDouble() + 0.5;
        }
        v = new double[n];
        w = new double[n];
    }

    /** @return the method's real stability limit (infinite for A-stable methods) */
    public double limit() {
        return limit;
    }

    /**
     * @param t time
     * @param y state (not modified)
     * @return an estimate of the spectral radius of {@code f_y(t, y)}
     */
    public double spectralRadius(double t, double[] y) {
        System.arraycopy(start, 0, v, 0, v.length);
        double norm = normalize(v);
        double logHalf = 0;
        for (int k = 1; k <= ITERATIONS; k++) {
            model.vjpState(t, y, parameters, v, w);
            double grown = normalize(w);
            if (grown == 0 || !Double.isFinite(grown)) {
                return grown == 0 ? 0 : Double.POSITIVE_INFINITY;
            }
            if (k > ITERATIONS / 2) {
                logHalf += Math.log(grown);
            }
            System.arraycopy(w, 0, v, 0, v.length);
        }
        return norm == 0 ? 0 : Math.exp(logHalf / (ITERATIONS - ITERATIONS / 2));
    }

    /**
     * @param t time
     * @param y state (not modified)
     * @param h step size
     * @return {@code |h| rho(f_y) / limit}
     */
    public double ratio(double t, double[] y, double h) {
        return Math.abs(h) * spectralRadius(t, y) / limit;
    }

    /**
     * @param t where
     * @param h the step
     * @param ratio {@link #ratio}
     * @return a sentence for a warning: the step, the estimate and the limit
     */
    public String describe(double t, double h, double ratio) {
        return String.format(Locale.ROOT, "at t = %.6g the step h = %.3g times rho(f_y) = %.3g is %.3g, "
                + "%s's stability limit is %.3g", t, Math.abs(h), ratio * limit / Math.abs(h), ratio * limit,
                method, limit);
    }

    private static double normalize(double[] x) {
        double sum = 0;
        for (double e : x) {
            sum += e * e;
        }
        double norm = Math.sqrt(sum);
        if (norm > 0 && Double.isFinite(norm)) {
            for (int i = 0; i < x.length; i++) {
                x[i] /= norm;
            }
        }
        return norm;
    }
}
