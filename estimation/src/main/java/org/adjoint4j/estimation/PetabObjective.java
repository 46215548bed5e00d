package org.adjoint4j.estimation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.adjoint4j.adjoint.BatchEngine;
import org.adjoint4j.adjoint.BatchTask;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.HybridGradientSolver;
import org.adjoint4j.adjoint.HybridResult;
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
 * {@code p ln 10}. Conditions are independent solves, one {@link BatchTask} index each, on a
 * {@link BatchEngine} (threads, or Spark, where the problem travels as its files and is
 * read once per executor JVM), with the results added in condition order, so the value and
 * gradient are bit-identical for any engine and thread count. A condition whose model has events
 * is solved by the hybrid adjoint ({@link HybridGradientSolver}: event times and jumps
 * differentiated exactly); its Hessian-vector products are refused.
 *
 * <p>The Hessian-vector product on the scales is exact: with {@code D = diag(dp/dx)},
 * {@code u = D v}, {@code Y = dy0/dp} and each condition's discrete forward-over-adjoint product
 * of its J with respect to (p, y0) along (u, Y u) ({@link HessianVectorProduct}),
 * <pre>
 *   H_p u = sum_c ( Hv_p + Y^T Hv_y0 + sum_i (dJ_c/dy0_i) (d^2 y0_i/dp^2) u )
 *   H_x v = D H_p u + (dJ/dp) .* (d^2p/dx^2) .* v
 * </pre>
 * Thread-safe; {@link #close} stops the threads it started (an engine passed in stays open).
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
     * @param events per condition, in condition order, the events that fired in its run (empty
     *        for a model without events, and for an evaluation without gradient)
     */
    public record Evaluation(double value, double[] gradient, double[] conditionValues, long steps,
            List<String> warnings, List<List<HybridResult.FiredEvent>> events) {
    }

    private final PetabProblem problem;
    private final GradientOptions options;
    private final BatchEngine engine;
    private final boolean ownsEngine;
    private final List<PetabProblem.ParameterEntry> entries;
    private final PortablePetab portable;

    /**
     * @param problem the problem
     * @param options how each condition is solved
     * @param threads the number of threads (1: in the caller's thread)
     */
    public PetabObjective(PetabProblem problem, GradientOptions options, int threads) {
        this(problem, options, checkedBatch(threads), true);
    }

    /**
     * @param problem the problem
     * @param options how each condition is solved
     * @param engine where the conditions are solved (not closed by {@link #close})
     */
    public PetabObjective(PetabProblem problem, GradientOptions options, BatchEngine engine) {
        this(problem, options, engine, false);
    }

    private PetabObjective(PetabProblem problem, GradientOptions options, BatchEngine engine, boolean owns) {
        if (problem == null || options == null || engine == null) {
            throw new IllegalArgumentException("problem, options and engine must not be null");
        }
        this.problem = problem;
        this.options = options;
        this.entries = problem.estimatedParameters();
        this.engine = engine;
        this.ownsEngine = owns;
        this.portable = new PortablePetab(problem, options);
    }

    /**
     * An objective that closes its engine when it is closed itself.
     *
     * @param problem the problem
     * @param options how each condition is solved
     * @param engine where the conditions are solved (closed by {@link #close})
     * @return the objective
     */
    public static PetabObjective closingEngine(PetabProblem problem, GradientOptions options, BatchEngine engine) {
        return new PetabObjective(problem, options, engine, true);
    }

    private static GradientBatch checkedBatch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new GradientBatch(threads);
    }

    /** @return the problem and options in the form that travels */
    PortablePetab portable() {
        return portable;
    }

    /** @return where the conditions are solved */
    public BatchEngine engine() {
        return engine;
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
        List<Solved> results = engine.run(new Solves(this, p, withGradient, null, null));
        if (withGradient) {
            last = new Linearization(p.clone(), results);
        }
        // Summed in condition order whatever order the threads finished in.
        double value = 0.0;
        double[] total = new double[p.length];
        double[] values = new double[results.size()];
        long steps = 0;
        List<String> warnings = new ArrayList<>();
        List<List<HybridResult.FiredEvent>> events = new ArrayList<>();
        for (int c = 0; c < results.size(); c++) {
            Solved r = results.get(c);
            events.add(List.copyOf(r.events()));
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
        return new Evaluation(value, withGradient ? total : null, values, steps, List.copyOf(warnings),
                List.copyOf(events));
    }

    /**
     * One condition's share: its nllh, its total dJ_c/dp and dJ_c/dy0 and the grid they
     * differentiate (null without gradient, and after travel: a grid stays where it was made), its
     * steps and warnings; or, for a product, H_p u in {@code gradient}.
     */
    private static final class Solved implements Serializable {
        private static final long serialVersionUID = 1L;
        private final double value;
        private final double[] gradient;
        private final double[] initialStateGradient;
        private final transient StepGrid grid;
        private final long steps;
        private final List<String> warnings;
        // The fired events as arrays: they travel with the rest from Spark executors.
        private final double[] eventTimes;
        private final int[] eventIndices;
        private final String[] eventNames;
        private final int[] eventDirections;

        Solved(double value, double[] gradient, double[] initialStateGradient, StepGrid grid, long steps,
                List<String> warnings) {
            this(value, gradient, initialStateGradient, grid, steps, warnings, List.of());
        }

        Solved(double value, double[] gradient, double[] initialStateGradient, StepGrid grid, long steps,
                List<String> warnings, List<HybridResult.FiredEvent> events) {
            this.value = value;
            this.gradient = gradient;
            this.initialStateGradient = initialStateGradient;
            this.grid = grid;
            this.steps = steps;
            this.warnings = new ArrayList<>(warnings);
            int k = events.size();
            this.eventTimes = new double[k];
            this.eventIndices = new int[k];
            this.eventNames = new String[k];
            this.eventDirections = new int[k];
            for (int i = 0; i < k; i++) {
                HybridResult.FiredEvent e = events.get(i);
                eventTimes[i] = e.time();
                eventIndices[i] = e.index();
                eventNames[i] = e.name();
                eventDirections[i] = e.direction();
            }
        }

        List<HybridResult.FiredEvent> events() {
            List<HybridResult.FiredEvent> events = new ArrayList<>();
            for (int i = 0; i < eventTimes.length; i++) {
                events.add(new HybridResult.FiredEvent(eventTimes[i], eventIndices[i], eventNames[i],
                        eventDirections[i]));
            }
            return events;
        }

        double value() {
            return value;
        }

        double[] gradient() {
            return gradient;
        }

        double[] initialStateGradient() {
            return initialStateGradient;
        }

        StepGrid grid() {
            return grid;
        }

        long steps() {
            return steps;
        }

        List<String> warnings() {
            return warnings;
        }
    }

    /**
     * The conditions' solves at one point: gradients or values, or (with {@code u}) Hessian-vector
     * products on the gradients' grids. Here the problem and the linearization are used as they
     * are; a copy that travelled reads the problem from its files (once per JVM) and, having no
     * grids, solves each condition's gradient again before its product (the same bits).
     */
    private static final class Solves implements BatchTask<PortablePetab.Prepared, Solved> {
        private static final long serialVersionUID = 1L;
        private final PortablePetab portable;
        private final int size;
        private final double[] p;
        private final boolean withGradient;
        private final double[] u;
        private final transient PetabObjective local;
        private final transient List<Solved> linearization;

        Solves(PetabObjective objective, double[] p, boolean withGradient, double[] u, List<Solved> linearization) {
            this.portable = objective.portable;
            this.size = objective.problem.conditions().size();
            this.p = p.clone();
            this.withGradient = withGradient;
            this.u = u == null ? null : u.clone();
            this.local = objective;
            this.linearization = linearization;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public PortablePetab.Prepared prepare() {
            return portable.prepare(local);
        }

        @Override
        public Solved solve(PortablePetab.Prepared prepared, int c) {
            PetabProblem.Condition condition = prepared.problem().conditions().get(c);
            if (u == null) {
                return PetabObjective.solve(condition, prepared.options(), p, withGradient);
            }
            Solved at = linearization != null ? linearization.get(c) : null;
            if (at == null || at.grid() == null) {
                at = PetabObjective.solve(condition, prepared.options(), p, true);
            }
            return new Solved(0.0, product(condition, prepared.options(), at, p, u), null, null, 0, List.of());
        }
    }

    /**
     * The gradients of the conditions at the last point a gradient was evaluated at: Newton's
     * Hessian-vector products at that point (one per CG iteration) reuse them instead of solving
     * again.
     */
    private record Linearization(double[] p, List<Solved> conditions) {
    }

    private volatile Linearization last;

    private static Solved solve(PetabProblem.Condition condition, GradientOptions options, double[] p,
            boolean withGradient) {
        try {
            if (condition.hasEvents()) {
                // The hybrid adjoint keeps no grid for products: second order stops at events.
                if (!withGradient) {
                    return new Solved(HybridGradientSolver.value(condition.hybridProblem(p), options), null, null, null,
                            0, List.of());
                }
                HybridResult r = HybridGradientSolver.solve(condition.hybridProblem(p), options);
                double[] g = r.parameterGradient();
                condition.initialValues().addVectorJacobianProduct(p, r.initialStateGradient(), g);
                return new Solved(r.value(), g, r.initialStateGradient(), null, r.steps(), r.warnings(), r.events());
            }
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
        for (PetabProblem.Condition c : problem.conditions()) {
            if (c.hasEvents()) {
                throw new IllegalArgumentException("PEtab problem " + problem.name() + ": condition " + c.id()
                        + " has events, and Hessian-vector products through events are not supported");
            }
        }
        double[] p = linear(x);
        int m = p.length;
        double[] u = new double[m];
        for (int k = 0; k < m; k++) {
            u[k] = entries.get(k).scale().derivative(p[k]) * v[k];
        }
        Linearization at = last;
        if (at == null || !Arrays.equals(at.p(), p)) {
            at = new Linearization(p.clone(), engine.run(new Solves(this, p, true, null, null)));
            last = at;
        }
        List<Solved> solved = at.conditions();
        List<double[]> parts = new ArrayList<>();
        for (Solved part : engine.run(new Solves(this, p, true, u, solved))) {
            parts.add(part.gradient());
        }
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
    private static double[] product(PetabProblem.Condition condition, GradientOptions options, Solved gradient,
            double[] p, double[] u) {
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

    @Override
    public void close() {
        if (ownsEngine) {
            engine.close();
        }
    }
}
