package org.adjoint4j.estimation;

import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.HessianVectorProduct;
import org.adjoint4j.estimation.optimize.TrustRegionNewton;
import org.adjoint4j.modelfile.PetabProblem;
import org.adjoint4j.solvers.StepGrid;
import org.adjoint4j.solvers.IntegrationException;

/**
 * The objective of a PEtab problem, {@code J(x) = sum_c nllh_c(p(x))}, and its exact gradient with
 * respect to the estimated parameters on their scales {@code x} (lin, log, log10;
 * {@code p_k = s_k^-1(x_k)}):
 * <pre>
 *   dJ/dx_k = (dp_k/dx_k) sum_c ( dJ_c/dp_k + ((dy0_c/dp)^T dJ_c/dy0_c)_k )
 * </pre>
 * where {@code dJ_c/dp} holds the adjoint's parameter gradient and the explicit terms of the
 * observation costs (observable, sigma and their placeholders), and {@code dp/dx} is 1, p or
 * {@code p ln 10}. Conditions are independent solves: a {@link GradientBatch} on {@code threads}
 * threads, with the results
 * added in condition order, so the value and gradient are bit-identical for any thread count.
 *
 * <p>The Hessian-vector product on the scales is exact: with {@code D = diag(dp/dx)},
 * {@code u = D v}, {@code Y = dy0/dp} and each condition's discrete forward-over-adjoint product
 * of its J with respect to (p, y0) along (u, Y u) ({@link HessianVectorProduct}),
 * <pre>
 *   H_p u = sum_c ( Hv_p + Y^T Hv_y0 + sum_i (dJ_c/dy0_i) (d^2 y0_i/dp^2) u )
 *   H_x v = D H_p u + (dJ/dp) .* (d^2p/dx^2) .* v
 * </pre>
 * Thread-safe; {@link #close} stops the threads.
 */
public final class PetabObjective implements TrustRegionNewton.Objective, AutoCloseable {

    /**
     * One evaluation.
     *
     * @param value J
     * @param gradient dJ/dx, on the parameters' scales
     * @param conditionValues each condition's nllh, in condition order
     * @param steps accepted steps summed over the conditions
     * @param warnings the solvers' warnings (empty when there are none)
     */
    public record Evaluation(double value, double[] gradient, double[] conditionValues, long steps,
            List<String> warnings) {
    }

    private final PetabProblem problem;
    private final GradientOptions options;
    private final GradientBatch batch;
    private final List<PetabProblem.ParameterEntry> entries;

    /**
     * @param problem the problem
     * @param options how each condition is solved
     * @param threads the number of threads (1: in the caller's thread)
     */
    public PetabObjective(PetabProblem problem, GradientOptions options, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.problem = problem;
        this.options = options;
        this.entries = problem.estimatedParameters();
        this.batch = new GradientBatch(threads);
    }

    /** @return the problem */
    public PetabProblem problem() {
        return problem;
    }

    /** @return the solver options */
    public GradientOptions options() {
        return options;
    }

    /**
     * @param x the estimated parameters on their scales
     * @return their linear values
     */
    public double[] linear(double[] x) {
        if (x.length != entries.size()) {
            throw new IllegalArgumentException("x has " + x.length + " values; the problem estimates "
                    + entries.size() + " parameters");
        }
        double[] p = new double[x.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = entries.get(k).scale().toLinear(x[k]);
        }
        return p;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        Evaluation e = evaluate(x, true);
        System.arraycopy(e.gradient(), 0, gradient, 0, gradient.length);
        return e.value();
    }

    /**
     * @param x the estimated parameters on their scales
     * @return J(x), without the gradient
     */
    public double value(double[] x) {
        return evaluate(x, false).value();
    }

    /**
     * @param x the estimated parameters on their scales
     * @param withGradient whether to run the adjoints
     * @return the evaluation
     */
    public Evaluation evaluate(double[] x, boolean withGradient) {
        double[] p = linear(x);
        List<PetabProblem.Condition> conditions = problem.conditions();
        List<Solved> results = perCondition(condition -> solve(condition, p, withGradient));
        if (withGradient) {
            last = new Linearization(p.clone(), results);
        }
        // Summed in condition order whatever order the threads finished in.
        double value = 0.0;
        double[] total = new double[p.length];
        double[] values = new double[results.size()];
        long steps = 0;
        List<String> warnings = new ArrayList<>();
        for (int c = 0; c < results.size(); c++) {
            Solved r = results.get(c);
            values[c] = r.value();
            value += r.value();
            steps += r.steps();
            for (String w : r.warnings()) {
                warnings.add(conditions.get(c).id() + ": " + w);
            }
            if (withGradient) {
                double[] g = r.gradient();
                for (int k = 0; k < total.length; k++) {
                    total[k] += g[k];
                }
            }
        }
        for (int k = 0; k < total.length; k++) {
            total[k] *= entries.get(k).scale().derivative(p[k]);
        }
        return new Evaluation(value, withGradient ? total : null, values, steps, List.copyOf(warnings));
    }

    /**
     * One condition's share: its nllh, its total dJ_c/dp and dJ_c/dy0 and the grid they
     * differentiate (null without gradient), its steps and warnings.
     */
    private record Solved(double value, double[] gradient, double[] initialStateGradient, StepGrid grid, long steps,
            List<String> warnings) {
    }

    /**
     * The gradients of the conditions at the last point a gradient was evaluated at: Newton's
     * Hessian-vector products at that point (one per CG iteration) reuse them instead of solving
     * again.
     */
    private record Linearization(double[] p, List<Solved> conditions) {
    }

    private volatile Linearization last;

    private Solved solve(PetabProblem.Condition condition, double[] p, boolean withGradient) {
        try {
            if (withGradient) {
                GradientResult r = GradientSolver.solve(condition.problem(p), options);
                double[] g = r.parameterGradient();
                condition.initialValues().addVectorJacobianProduct(p, r.initialStateGradient(), g);
                return new Solved(r.value(), g, r.initialStateGradient(), r.grid(), r.statistics().steps(),
                        r.warnings());
            }
            return new Solved(GradientSolver.value(condition.problem(p), options), null, null, null, 0, List.of());
        } catch (IntegrationException e) {
            throw named(condition, e);
        }
    }

    /**
     * The exact Hessian-vector product of J on the scales (see the class documentation).
     *
     * @param x the point, on the scales
     * @param v the direction, on the scales
     * @param out receives H v (modified)
     */
    @Override
    public void hessianVector(double[] x, double[] v, double[] out) {
        double[] p = linear(x);
        int m = p.length;
        double[] u = new double[m];
        for (int k = 0; k < m; k++) {
            u[k] = entries.get(k).scale().derivative(p[k]) * v[k];
        }
        Linearization at = last;
        if (at == null || !java.util.Arrays.equals(at.p(), p)) {
            at = new Linearization(p.clone(), perCondition(condition -> solve(condition, p, true)));
            last = at;
        }
        List<Solved> solved = at.conditions();
        List<PetabProblem.Condition> conditions = problem.conditions();
        List<double[]> parts = batch.map(conditions.size(), c -> product(conditions.get(c), solved.get(c), p, u));
        double[] hp = GradientBatch.sum(parts);
        double[] gp = new double[m];
        for (Solved c : solved) {
            for (int k = 0; k < m; k++) {
                gp[k] += c.gradient()[k];
            }
        }
        for (int k = 0; k < m; k++) {
            PetabProblem.Scale scale = entries.get(k).scale();
            out[k] = scale.derivative(p[k]) * hp[k] + gp[k] * scale.secondDerivative(p[k]) * v[k];
        }
    }

    /** One condition's H_p u, on the grid of its gradient at p. */
    private double[] product(PetabProblem.Condition condition, Solved gradient, double[] p, double[] u) {
        try {
            int n = condition.stateNames().size();
            double[] yu = new double[n];
            condition.initialValues().addJacobianProduct(p, u, yu);
            HessianVectorProduct.Result h = HessianVectorProduct.of(condition.problem(p), options, gradient.grid(), u,
                    yu);
            double[] hp = h.parameterProduct();
            condition.initialValues().addVectorJacobianProduct(p, h.initialStateProduct(), hp);
            condition.initialValues().addSecondOrderProduct(p, gradient.initialStateGradient(), u, hp);
            return hp;
        } catch (IntegrationException e) {
            throw named(condition, e);
        }
    }

    /** A solver failure with the condition it arose in named (still an integration failure). */
    private static IntegrationException named(PetabProblem.Condition condition, IntegrationException e) {
        return new IntegrationException("condition " + condition.id() + ": " + e.getMessage(), e.time(), e.step(), e);
    }

    /** One task per condition on the batch's threads, the results in condition order. */
    private <T> List<T> perCondition(java.util.function.Function<PetabProblem.Condition, T> task) {
        List<PetabProblem.Condition> conditions = problem.conditions();
        return batch.map(conditions.size(), c -> task.apply(conditions.get(c)));
    }

    @Override
    public void close() {
        batch.close();
    }
}
