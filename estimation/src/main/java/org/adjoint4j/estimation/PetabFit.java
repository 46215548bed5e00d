package org.adjoint4j.estimation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.adjoint4j.adjoint.BatchEngine;
import org.adjoint4j.adjoint.BatchTask;
import org.adjoint4j.adjoint.ForwardModeGradient;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.estimation.optimize.Lbfgs;
import org.adjoint4j.estimation.optimize.TrustRegionNewton;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.PetabProblem;
import org.adjoint4j.solvers.IntegrationException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Multistart fits of a PEtab problem on the parameters' scales {@code x}, within the bounds of the
 * parameter table:
 * <ul>
 *   <li>starts drawn with a seed, by Latin hypercube (one start in each of K equal slices of every
 *       parameter's range, the slices paired at random) or uniformly in the box;</li>
 *   <li>each start minimized by projected L-BFGS ({@link Lbfgs}) on the adjoint gradient of
 *       {@link PetabObjective}, or, where the problem is a sum of squares
 *       ({@link PetabProblem#isLeastSquares}), by Levenberg–Marquardt on the residuals
 *       {@code r_i = (h_i - m_i) / sigma_i} with their Jacobian from forward sensitivities of the
 *       same discrete scheme, or by trust-region Newton-CG on exact Hessian-vector products;</li>
 *   <li>standard errors at the best start from the inverse of the Hessian of the nllh on the
 *       scales, by central differences (step 1e-4) of the exact gradient, symmetrized: a Hessian
 *       that is not positive definite or whose condition number exceeds 1e12 gives none, with a
 *       warning naming the direction, and a parameter within 1e-6 of a bound is named.</li>
 * </ul>
 */
public final class PetabFit {

    /** How starts are drawn. */
    public enum Sampling {
        /** Latin hypercube. */
        LATIN_HYPERCUBE,
        /** Independent uniform draws. */
        UNIFORM
    }

    /** The local optimizer. */
    public enum Method {
        /** Projected L-BFGS on adjoint gradients. */
        LBFGS,
        /** Levenberg–Marquardt with forward sensitivities (sums of squares only). */
        LEAST_SQUARES,
        /** Trust-region Newton-CG on exact Hessian-vector products ({@link PetabObjective#hessianVector}). */
        NEWTON
    }

    /**
     * One start.
     *
     * @param start the starting point, on the scales
     * @param x the end point
     * @param objective the nllh there
     * @param iterations iterations made
     * @param evaluations objective evaluations
     * @param converged whether a convergence test was met
     * @param reason why it stopped
     */
    public record Start(double[] start, double[] x, double objective, int iterations, int evaluations,
            boolean converged, String reason) {
    }

    /** One start's end (a {@link Start}'s fields), or the integration failure that ended it. */
    private record Outcome(double[] start, double[] x, double objective, int iterations, int evaluations,
            boolean converged, String reason, IntegrationException failure) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        Outcome(Start s, IntegrationException failure) {
            this(s.start(), s.x(), s.objective(), s.iterations(), s.evaluations(), s.converged(), s.reason(), failure);
        }

        Start asStart() {
            return new Start(start, x, objective, iterations, evaluations, converged, reason);
        }
    }

    /**
     * A multistart fit.
     *
     * @param ids the estimated parameters
     * @param best the start with the lowest objective
     * @param starts every start, in the order drawn
     * @param standardErrors at the best point, on the scales (NaN where unavailable)
     * @param warnings what makes the result less trustworthy
     */
    public record Result(List<String> ids, Start best, List<Start> starts, double[] standardErrors,
            List<String> warnings) {
    }

    /** Sees each start as it ends. */
    public interface Listener {
        /**
         * @param index the start's number, from 0
         * @param start its result
         */
        void started(int index, Start start);
    }

    private PetabFit() {
    }

    /**
     * @param problem the problem
     * @param count K starts
     * @param seed the seed
     * @param sampling how they are drawn
     * @return K points within the bounds on the scales
     */
    public static double[][] starts(PetabProblem problem, int count, long seed, Sampling sampling) {
        if (count < 1) {
            throw new IllegalArgumentException("starts must be >= 1, got " + count);
        }
        double[][] box = box(problem);
        int m = box[0].length;
        Random random = new Random(seed);
        double[][] x = new double[count][m];
        for (int k = 0; k < m; k++) {
            int[] slice = new int[count];
            for (int i = 0; i < count; i++) {
                slice[i] = i;
            }
            for (int i = count - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = slice[i];
                slice[i] = slice[j];
                slice[j] = t;
            }
            for (int i = 0; i < count; i++) {
                double u = sampling == Sampling.LATIN_HYPERCUBE ? (slice[i] + random.nextDouble()) / count
                        : random.nextDouble();
                x[i][k] = box[0][k] + u * (box[1][k] - box[0][k]);
            }
        }
        return x;
    }

    /** The bounds on the scales: {lower, upper}. */
    static double[][] box(PetabProblem problem) {
        List<PetabProblem.ParameterEntry> entries = problem.estimatedParameters();
        double[][] box = new double[2][entries.size()];
        for (int k = 0; k < entries.size(); k++) {
            PetabProblem.ParameterEntry e = entries.get(k);
            box[0][k] = e.scale().fromLinear(e.lower());
            box[1][k] = e.scale().fromLinear(e.upper());
            if (!Double.isFinite(box[0][k]) || !Double.isFinite(box[1][k])) {
                throw new IllegalArgumentException("parameter " + e.id() + ": its bounds on its " + e.scale()
                        .name().toLowerCase(java.util.Locale.ROOT) + " scale are not finite (" + box[0][k] + ", "
                        + box[1][k] + "), so starts cannot be drawn");
            }
        }
        return box;
    }

    /**
     * The starts one after another, each on the objective (whose engine solves the conditions).
     *
     * @param objective the objective
     * @param starts the starting points
     * @param method the local optimizer
     * @param listener sees each start as it ends (may be null)
     * @return the fit
     */
    public static Result fit(PetabObjective objective, double[][] starts, Method method, Listener listener) {
        double[][] box = checkedBox(objective, method);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            outcomes.add(one(objective, starts[i], method, box));
            if (listener != null) {
                listener.started(i, outcomes.get(i).asStart());
            }
        }
        return result(objective, outcomes, box);
    }

    /**
     * The starts as the indices of one batch on an engine: each start is a whole local fit on one
     * thread of a worker (the conditions in turn), so K starts keep K workers busy even where the
     * problem has one condition; the results come back in start order, so the best start (the
     * lowest nllh, the first of equals) and everything else are the bits of {@link #fit(PetabObjective,
     * double[][], Method, Listener)}. On Spark the problem travels as its files.
     *
     * @param objective the objective (standard errors are computed on it, here, afterwards)
     * @param starts the starting points
     * @param method the local optimizer
     * @param listener sees each start, in order, once all have ended (may be null)
     * @param engine where the starts run
     * @return the fit
     */
    public static Result fit(PetabObjective objective, double[][] starts, Method method, Listener listener,
            BatchEngine engine) {
        double[][] box = checkedBox(objective, method);
        List<Outcome> outcomes = engine.run(new StartFits(objective, starts, method));
        if (listener != null) {
            for (int i = 0; i < outcomes.size(); i++) {
                listener.started(i, outcomes.get(i).asStart());
            }
        }
        return result(objective, outcomes, box);
    }

    /** The local fits of the starts, one index each. */
    private static final class StartFits implements BatchTask<PortablePetab.Prepared, Outcome> {
        private static final long serialVersionUID = 1L;
        private final PortablePetab portable;
        private final double[][] starts;
        private final Method method;
        private final transient PetabObjective local;

        StartFits(PetabObjective objective, double[][] starts, Method method) {
            this.portable = objective.portable();
            this.starts = starts;
            this.method = method;
            this.local = objective;
        }

        @Override
        public int size() {
            return starts.length;
        }

        @Override
        public PortablePetab.Prepared prepare() {
            return portable.prepare(local);
        }

        @Override
        public Outcome solve(PortablePetab.Prepared prepared, int i) {
            try (PetabObjective o = new PetabObjective(prepared.problem(), prepared.options(), 1)) {
                return one(o, starts[i], method, box(prepared.problem()));
            }
        }
    }

    private static double[][] checkedBox(PetabObjective objective, Method method) {
        PetabProblem problem = objective.problem();
        if (method == Method.LEAST_SQUARES && !problem.isLeastSquares()) {
            throw new IllegalArgumentException("optimizer least-squares: problem " + problem.name() + " is not a sum "
                    + "of squares (a noise model is not normal on the linear scale, or a sigma depends on an "
                    + "estimated parameter); use lbfgs");
        }
        return box(problem);
    }

    private static Outcome one(PetabObjective objective, double[] start, Method method, double[][] box) {
        try {
            return new Outcome(switch (method) {
                case LBFGS -> lbfgs(objective, start, box);
                case NEWTON -> newton(objective, start, box);
                default -> leastSquares(objective, start, box);
            }, null);
        } catch (IntegrationException e) {
            // A start in a region where the model cannot be integrated is a failed start, not a
            // failed fit.
            return new Outcome(new Start(start.clone(), start.clone(), Double.NaN, 0, 0, false, "failed: "
                    + e.getMessage()), e);
        }
    }

    private static Result result(PetabObjective objective, List<Outcome> outcomes, double[][] box) {
        List<Start> results = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Start best = null;
        IntegrationException firstFailure = null;
        for (Outcome o : outcomes) {
            Start s = o.asStart();
            results.add(s);
            firstFailure = firstFailure == null ? o.failure() : firstFailure;
            if (!Double.isNaN(s.objective()) && (best == null || s.objective() < best.objective())) {
                best = s;
            }
        }
        if (best == null) {
            // Every start failed: the first failure, as it was (an integration failure names its
            // time, step and condition).
            throw firstFailure;
        }
        if (!best.converged()) {
            warnings.add("the best start did not converge (" + best.reason() + ")");
        }
        double[] se = standardErrors(objective, best.x(), box, warnings);
        return new Result(objective.problem().estimatedIds(), best, List.copyOf(results), se, List.copyOf(warnings));
    }

    private static Start lbfgs(PetabObjective objective, double[] start, double[][] box) {
        Lbfgs.Result r = new Lbfgs(10, 1e-8, 1000).minimize(objective, start, box[0], box[1], null);
        return new Start(start.clone(), r.point(), r.value(), r.iterations(), r.evaluations(), r.converged(),
                r.reason());
    }

    private static Start newton(PetabObjective objective, double[] start, double[][] box) {
        try {
            Lbfgs.Result r = new TrustRegionNewton(1e-8, 300).minimize(objective, start, box[0], box[1], null);
            return new Start(start.clone(), r.point(), r.value(), r.iterations(), r.evaluations(), r.converged(),
                    r.reason());
        } catch (IntegrationException | IllegalStateException e) {
            // The tangent system's implicit stages can fail where the model's own do not (a stiff
            // transient far from the optimum): L-BFGS on the same objective still moves.
            Start s = lbfgs(objective, start, box);
            return new Start(s.start(), s.x(), s.objective(), s.iterations(), s.evaluations(), s.converged(),
                    "Newton-CG failed (" + e.getMessage() + "); L-BFGS: " + s.reason());
        }
    }

    private static Start leastSquares(PetabObjective objective, double[] start, double[][] box) {
        int rows = objective.problem().measurementCount();
        int[] evaluations = {0};
        LeastSquaresProblem ls = new LeastSquaresBuilder()
                .start(start)
                .model(point -> {
                    evaluations[0]++;
                    double[][] jacobian = new double[rows][];
                    double[] r = residuals(objective, point.toArray(), jacobian);
                    return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jacobian, false));
                })
                .target(new double[rows])
                .parameterValidator(point -> {
                    double[] x = point.toArray();
                    for (int k = 0; k < x.length; k++) {
                        x[k] = Math.min(box[1][k], Math.max(box[0][k], x[k]));
                    }
                    return new ArrayRealVector(x, false);
                })
                .lazyEvaluation(false)
                .maxEvaluations(2000)
                .maxIterations(1000)
                .build();
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(ls);
            double[] x = o.getPoint().toArray();
            double value = objective.value(x);
            // Levenberg-Marquardt also stops where the residuals stop changing (a flat, saturated
            // region far from any minimum): converged only where the projected gradient J^T r of
            // the nllh is small, as for L-BFGS.
            // Hipparchus's residuals are target - model = -r.
            double[] g = o.getJacobian().preMultiply(o.getResiduals().mapMultiply(-1.0)).toArray();
            double largest = 0.0;
            for (int k = 0; k < g.length; k++) {
                boolean held = x[k] <= box[0][k] && g[k] > 0 || x[k] >= box[1][k] && g[k] < 0;
                largest = held ? largest : Math.max(largest, Math.abs(g[k]));
            }
            boolean converged = largest <= 1e-5 * Math.max(1.0, Math.abs(value));
            return new Start(start.clone(), x, value, o.getIterations(), evaluations[0], converged, String.format(
                    java.util.Locale.ROOT, "levenberg-marquardt stopped, projected gradient %.3g%s", largest,
                    converged ? "" : " (not a minimum)"));
        } catch (MathIllegalStateException e) {
            // Singular Jacobian or the evaluation limit: L-BFGS on the same objective still moves.
            Start s = lbfgs(objective, start, box);
            return new Start(s.start(), s.x(), s.objective(), s.iterations(), s.evaluations() + evaluations[0],
                    s.converged(), "levenberg-marquardt failed (" + e.getMessage() + "); L-BFGS: " + s.reason());
        }
    }

    /**
     * The residuals {@code (h_i - m_i) / sigma_i} of a least-squares PEtab problem in measurement
     * order (condition by condition) and their Jacobian on the scales, by forward sensitivities of
     * the discrete scheme on the grid of the forward solve.
     *
     * @param objective the objective (its options give the method and tolerances)
     * @param x the parameters on their scales
     * @param jacobian receives one row per residual
     * @return the residuals
     */
    public static double[] residuals(PetabObjective objective, double[] x, double[][] jacobian) {
        PetabProblem problem = objective.problem();
        GradientOptions options = objective.options();
        double[] p = objective.linear(x);
        int m = p.length;
        int[] all = new int[m];
        for (int k = 0; k < m; k++) {
            all[k] = k;
        }
        double[] r = new double[problem.measurementCount()];
        int row = 0;
        for (PetabProblem.Condition c : problem.conditions()) {
            GradientProblem gp = c.problem(p);
            int n = c.stateNames().size();
            double[][] tangent = new double[n][m];
            double[] unit = new double[m];
            double[] column = new double[n];
            for (int k = 0; k < m; k++) {
                unit[k] = 1.0;
                java.util.Arrays.fill(column, 0.0);
                c.initialValues().addJacobianProduct(p, unit, column);
                for (int i = 0; i < n; i++) {
                    tangent[i][k] = column[i];
                }
                unit[k] = 0.0;
            }
            List<PetabProblem.Measurement> ms = c.measurements();
            double[] times = new double[ms.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = ms.get(i).time();
            }
            ForwardModeGradient.Sensitivities s = ForwardModeGradient.atTimes(gp, options.method(),
                    GradientSolver.grid(gp, options), all, new int[0], tangent, times);
            double[] sigmas = c.leastSquaresSigmas();
            List<StateFunction> h = c.simulatedObservables();
            double[] hy = new double[n];
            double[] hp = new double[m];
            for (int i = 0; i < ms.size(); i++, row++) {
                double t = times[i];
                double[] y = s.states()[i];
                double[][] dy = s.derivatives()[i];
                r[row] = (h.get(i).value(t, y, p) - ms.get(i).value()) / sigmas[i];
                h.get(i).gradient(t, y, p, hy, hp);
                jacobian[row] = new double[m];
                for (int k = 0; k < m; k++) {
                    double d = hp[k];
                    for (int l = 0; l < n; l++) {
                        d += hy[l] * dy[l][k];
                    }
                    jacobian[row][k] = d / sigmas[i]
                            * problem.estimatedParameters().get(k).scale().derivative(p[k]);
                }
            }
        }
        return r;
    }

    /** chi-square with one degree of freedom at 95%, halved: the profile threshold above the minimum. */
    static final double PROFILE_THRESHOLD = 1.920729410347062;

    /**
     * The profile likelihood of one parameter on its scale: at {@code points} values on each side
     * of the estimate (over 4 standard errors, or 1 on the scale where the standard error is
     * unknown, clipped to the bounds), the nllh minimized over the others by L-BFGS, each from the
     * optimum of its neighbour nearer the estimate (continuation). The 95% interval is where the
     * profile crosses the estimate's nllh plus 1.9207 (linear interpolation between points); an end
     * the profile does not reach within the range is NaN.
     *
     * @param objective the objective
     * @param fit a fit of it
     * @param id the parameter
     * @param points points on each side
     * @return the profile, values on the parameter's scale
     */
    public static ParameterEstimation.Profile profile(PetabObjective objective, Result fit, String id, int points) {
        int k = fit.ids().indexOf(id);
        if (k < 0) {
            throw new IllegalArgumentException("profile: '" + id + "' is not an estimated parameter (estimated: "
                    + String.join(", ", fit.ids()) + ")");
        }
        if (points < 1) {
            throw new IllegalArgumentException("profile points must be >= 1, got " + points);
        }
        double[][] box = box(objective.problem());
        double[] best = fit.best().x();
        double se = fit.standardErrors()[k];
        double half = Double.isFinite(se) && se > 0 ? 4 * se : 1.0;
        int total = 2 * points + 1;
        double[] values = new double[total];
        double[] objectives = new double[total];
        boolean[] converged = new boolean[total];
        values[points] = best[k];
        objectives[points] = fit.best().objective();
        converged[points] = fit.best().converged();
        for (int side = -1; side <= 1; side += 2) {
            double[] x = best.clone();
            for (int i = 1; i <= points; i++) {
                int at = points + side * i;
                double value = Math.min(box[1][k], Math.max(box[0][k], best[k] + side * half * i / points));
                values[at] = value;
                double[] lo = box[0].clone();
                double[] hi = box[1].clone();
                lo[k] = value;
                hi[k] = value;
                x[k] = value;
                try {
                    Lbfgs.Result r = new Lbfgs(10, 1e-8, 1000).minimize(objective, x, lo, hi, null);
                    objectives[at] = r.value();
                    converged[at] = r.converged();
                    x = r.point();
                } catch (IntegrationException e) {
                    objectives[at] = Double.NaN;
                }
            }
        }
        double threshold = fit.best().objective() + PROFILE_THRESHOLD;
        return new ParameterEstimation.Profile(id, values, objectives, converged, threshold,
                crossing(values, objectives, threshold, points, -1), crossing(values, objectives, threshold, points, 1));
    }

    /** Where the profile first rises through the threshold walking from the estimate, or NaN. */
    private static double crossing(double[] values, double[] objectives, double threshold, int centre, int side) {
        for (int i = centre; i + side >= 0 && i + side < values.length; i += side) {
            double a = objectives[i];
            double b = objectives[i + side];
            if (!Double.isFinite(b)) {
                return Double.NaN;
            }
            if (a <= threshold && b > threshold) {
                return values[i] + (threshold - a) / (b - a) * (values[i + side] - values[i]);
            }
        }
        return Double.NaN;
    }

    /** Standard errors on the scales from the inverse Hessian (central differences of the exact gradient). */
    static double[] standardErrors(PetabObjective objective, double[] x, double[][] box, List<String> warnings) {
        int m = x.length;
        double[] se = new double[m];
        java.util.Arrays.fill(se, Double.NaN);
        List<String> ids = objective.problem().estimatedIds();
        for (int k = 0; k < m; k++) {
            if (x[k] - box[0][k] < 1e-6 || box[1][k] - x[k] < 1e-6) {
                warnings.add("parameter " + ids.get(k) + " is at a bound (" + x[k] + " on its scale): its standard "
                        + "error describes a constrained optimum");
            }
        }
        double h = 1e-4;
        double[][] hessian = new double[m][m];
        double[] up = new double[m];
        double[] down = new double[m];
        try {
            for (int k = 0; k < m; k++) {
                double[] xu = x.clone();
                double[] xd = x.clone();
                xu[k] += h;
                xd[k] -= h;
                objective.valueAndGradient(xu, up);
                objective.valueAndGradient(xd, down);
                for (int j = 0; j < m; j++) {
                    hessian[k][j] = (up[j] - down[j]) / (2 * h);
                }
            }
        } catch (RuntimeException e) {
            warnings.add("standard errors unavailable: the Hessian could not be evaluated (" + e.getMessage() + ")");
            return se;
        }
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < k; j++) {
                double a = 0.5 * (hessian[k][j] + hessian[j][k]);
                hessian[k][j] = a;
                hessian[j][k] = a;
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(hessian, false));
        double[] lambda = eigen.getEigenvalues();
        double max = 0.0;
        double min = Double.POSITIVE_INFINITY;
        int weakest = 0;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, Math.abs(lambda[i]));
            if (lambda[i] < min) {
                min = lambda[i];
                weakest = i;
            }
        }
        if (!(min > 0) || max / min > 1e12) {
            double[] v = eigen.getEigenvector(weakest).toArray();
            int dominant = 0;
            for (int k = 1; k < m; k++) {
                dominant = Math.abs(v[k]) > Math.abs(v[dominant]) ? k : dominant;
            }
            warnings.add(String.format(java.util.Locale.ROOT, "standard errors unavailable: the Hessian of the nllh "
                    + "is %s (smallest eigenvalue %.3g, largest %.3g); the weakest direction is mostly %s: the fit "
                    + "does not identify it", min > 0 ? "ill-conditioned" : "not positive definite", min, max,
                    ids.get(dominant)));
            return se;
        }
        for (int k = 0; k < m; k++) {
            double variance = 0.0;
            for (int i = 0; i < m; i++) {
                double vk = eigen.getEigenvector(i).getEntry(k);
                variance += vk * vk / lambda[i];
            }
            se[k] = Math.sqrt(variance);
        }
        return se;
    }
}
