package org.adjoint4j.estimation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.estimation.optimize.Lbfgs;
import org.adjoint4j.modelfile.PetabProblem;

/**
 * The objective of a PEtab problem, {@code J(x) = sum_c nllh_c(p(x))}, and its exact gradient with
 * respect to the estimated parameters on their scales {@code x} (lin, log, log10;
 * {@code p_k = s_k^-1(x_k)}):
 * <pre>
 *   dJ/dx_k = (dp_k/dx_k) sum_c ( dJ_c/dp_k + ((dy0_c/dp)^T dJ_c/dy0_c)_k )
 * </pre>
 * where {@code dJ_c/dp} holds the adjoint's parameter gradient and the explicit terms of the
 * observation costs (observable, sigma and their placeholders), and {@code dp/dx} is 1, p or
 * {@code p ln 10}. Conditions are independent solves: on {@code threads} threads, with the results
 * added in condition order, so the value and gradient are bit-identical for any thread count.
 * Thread-safe; {@link #close} stops the threads.
 */
public final class PetabObjective implements Lbfgs.Objective, AutoCloseable {

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
    private final ExecutorService executor;
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
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "petab-condition");
            t.setDaemon(true);
            return t;
        });
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
        List<Future<Solved>> futures = new ArrayList<>();
        Solved[] results = new Solved[conditions.size()];
        for (int c = 0; c < conditions.size(); c++) {
            PetabProblem.Condition condition = conditions.get(c);
            if (executor == null) {
                results[c] = solve(condition, p, withGradient);
            } else {
                futures.add(executor.submit(() -> solve(condition, p, withGradient)));
            }
        }
        for (int c = 0; c < futures.size(); c++) {
            try {
                results[c] = futures.get(c).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while solving condition " + conditions.get(c).id());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new IllegalStateException(cause);
            }
        }
        // Summed in condition order whatever order the threads finished in.
        double value = 0.0;
        double[] total = new double[p.length];
        double[] values = new double[results.length];
        long steps = 0;
        List<String> warnings = new ArrayList<>();
        for (int c = 0; c < results.length; c++) {
            Solved r = results[c];
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

    /** One condition's share: its nllh, its total dJ_c/dp (null without gradient), its steps and warnings. */
    private record Solved(double value, double[] gradient, long steps, List<String> warnings) {
    }

    private Solved solve(PetabProblem.Condition condition, double[] p, boolean withGradient) {
        try {
            if (withGradient) {
                GradientResult r = GradientSolver.solve(condition.problem(p), options);
                double[] g = r.parameterGradient();
                condition.initialValues().addVectorJacobianProduct(p, r.initialStateGradient(), g);
                return new Solved(r.value(), g, r.statistics().steps(), r.warnings());
            }
            return new Solved(GradientSolver.value(condition.problem(p), options), null, 0, List.of());
        } catch (RuntimeException e) {
            throw new IllegalStateException("condition " + condition.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
