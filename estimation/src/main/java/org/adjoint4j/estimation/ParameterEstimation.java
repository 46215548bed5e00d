package org.adjoint4j.estimation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.adjoint4j.adjoint.ForwardModeGradient;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.estimation.optimize.Lbfgs;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.StepGrid;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Least squares of a model against data: the residuals
 * {@code r = (y_s(t_k) - d_k,s) / sigma_s} over every measured value, and
 * {@code J(theta) = 1/2 |r|^2} over the fitted parameters. A parameter whose starting value is
 * positive is fitted as {@code theta = log p} (it stays positive, and relative changes are what
 * matter); others as {@code theta = p}; bounds clip p.
 * <ul>
 *   <li>{@link #levenbergMarquardt}: Hipparchus's Levenberg–Marquardt with the Jacobian
 *       {@code dr/dtheta} from forward sensitivities, one direction per fitted parameter (cheaper
 *       than one adjoint per residual while parameters are fewer than residuals);</li>
 *   <li>{@link #quasiNewton}: L-BFGS on J with one adjoint gradient per evaluation, whatever the
 *       number of parameters.</li>
 * </ul>
 * Either way the standard errors come from the Gauss–Newton Hessian at the estimate. The time
 * grid follows the options; the measurement times are grid points.
 */
public final class ParameterEstimation {

    private final GradientProblem base;
    private final ObservedData data;
    private final GradientOptions options;
    private final int[] fitted;
    private final double[] start;
    private final boolean[] logarithmic;
    private final double[] lower;
    private final double[] upper;
    private final double[] sigma;
    private final int residuals;

    /**
     * @param base the model, its parameters (the starting values of the fitted ones, and the values
     *        of the others), initial state and time span; its objective is ignored
     * @param data the measurements
     * @param fittedNames the parameters to estimate (all when empty)
     * @param options method, steps or tolerances
     * @throws IllegalArgumentException naming an unknown parameter
     */
    public ParameterEstimation(GradientProblem base, ObservedData data, List<String> fittedNames,
            GradientOptions options) {
        this.base = base;
        this.data = data;
        this.options = options;
        int m = base.model().parameterDimension();
        List<String> names = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            names.add(base.model().parameterName(j));
        }
        List<String> chosen = fittedNames.isEmpty() ? names : fittedNames;
        this.fitted = new int[chosen.size()];
        for (int j = 0; j < fitted.length; j++) {
            fitted[j] = names.indexOf(chosen.get(j));
            if (fitted[j] < 0) {
                throw new IllegalArgumentException("fitted parameter '" + chosen.get(j) + "' is not a parameter of the model ("
                        + String.join(", ", names) + ")");
            }
        }
        this.start = new double[fitted.length];
        this.logarithmic = new boolean[fitted.length];
        this.lower = new double[fitted.length];
        this.upper = new double[fitted.length];
        for (int j = 0; j < fitted.length; j++) {
            start[j] = base.parameters()[fitted[j]];
            logarithmic[j] = start[j] > 0;
            lower[j] = Double.NEGATIVE_INFINITY;
            upper[j] = Double.POSITIVE_INFINITY;
        }
        this.sigma = new double[base.model().stateDimension()];
        Arrays.fill(sigma, 1.0);
        this.residuals = data.count();
        if (residuals < fitted.length) {
            throw new IllegalArgumentException("the data have " + residuals + " values, fewer than the "
                    + fitted.length + " parameters to fit");
        }
    }

    /**
     * @param values starting values by parameter name (only fitted ones)
     * @return this, with the starting values changed
     */
    public ParameterEstimation withInitial(Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            int j = fittedIndex(e.getKey(), "starting value");
            double v = e.getValue();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("starting value " + e.getKey() + "=" + v + " is not finite");
            }
            start[j] = v;
            logarithmic[j] = v > 0;
        }
        return this;
    }

    /**
     * @param name a fitted parameter
     * @param low its lower bound (may be -infinity)
     * @param high its upper bound (may be +infinity)
     * @return this, with the bounds set
     */
    public ParameterEstimation withBounds(String name, double low, double high) {
        int j = fittedIndex(name, "bounds");
        if (!(low < high)) {
            throw new IllegalArgumentException("bounds of " + name + ": " + low + " is not below " + high);
        }
        lower[j] = low;
        upper[j] = high;
        return this;
    }

    /**
     * @param standardDeviations the measurement error of each state (weights 1 / sigma^2)
     * @return this, with the weights set
     */
    public ParameterEstimation withMeasurementErrors(double[] standardDeviations) {
        if (standardDeviations.length != sigma.length) {
            throw new IllegalArgumentException(standardDeviations.length + " measurement errors for " + sigma.length
                    + " states");
        }
        for (double s : standardDeviations) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("measurement errors must be finite and > 0, got "
                        + Arrays.toString(standardDeviations));
            }
        }
        System.arraycopy(standardDeviations, 0, sigma, 0, sigma.length);
        return this;
    }

    private int fittedIndex(String name, String what) {
        for (int j = 0; j < fitted.length; j++) {
            if (base.model().parameterName(fitted[j]).equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException(what + " " + name + ": not a fitted parameter");
    }

    /** @return the names of the fitted parameters */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int j : fitted) {
            names.add(base.model().parameterName(j));
        }
        return names;
    }

    /**
     * Levenberg–Marquardt with forward-sensitivity Jacobians continued over growing time spans
     * ({@link #levenbergMarquardtByContinuation}), or L-BFGS with adjoint gradients when there are
     * more parameters than residuals or more than 50 parameters.
     *
     * @param progress sees each iteration (may be null)
     * @return the fit
     */
    public FitResult fit(Lbfgs.Listener progress) {
        return fitted.length > 50 || fitted.length > residuals ? quasiNewton(progress)
                : levenbergMarquardtByContinuation(progress);
    }

    /**
     * Levenberg–Marquardt on growing prefixes of the record (the first quarter of its time span,
     * half, all), each started from the previous estimate. An oscillatory model fitted to a long
     * record from a poor start tends to match the wrong peaks and stop in a local minimum; over a
     * short prefix the phase error stays small, the fit lands near the truth, and seeds the next.
     * A prefix with fewer values than parameters is skipped.
     *
     * @param progress sees each evaluation (may be null)
     * @return the fit of the whole record
     */
    public FitResult levenbergMarquardtByContinuation(Lbfgs.Listener progress) {
        double[] times = data.times();
        double t0 = base.initialTime();
        double[] current = start.clone();
        int iterations = 0;
        int evaluations = 0;
        for (double fraction : new double[] {0.25, 0.5}) {
            ObservedData prefix = data.until(t0 + fraction * (times[times.length - 1] - t0));
            if (prefix.count() <= fitted.length) {
                continue;
            }
            FitResult stage = new ParameterEstimation(this, prefix, current).levenbergMarquardt(progress);
            current = stage.values();
            iterations += stage.iterations();
            evaluations += stage.gradientEvaluations();
        }
        FitResult last = new ParameterEstimation(this, data, current).levenbergMarquardt(progress);
        return new FitResult(last.names(), last.values(), start.clone(), last.standardErrors(), last.objective(),
                last.residualRms(), last.residuals(), iterations + last.iterations(),
                evaluations + last.gradientEvaluations(), last.converged(),
                last.method() + ", continued over growing time spans", last.fitted(), last.warnings());
    }

    /** The same estimation on other data from other starting values. */
    private ParameterEstimation(ParameterEstimation other, ObservedData data, double[] start) {
        this.base = other.base;
        this.data = data;
        this.options = other.options;
        this.fitted = other.fitted;
        this.start = start.clone();
        this.logarithmic = other.logarithmic;
        this.lower = other.lower;
        this.upper = other.upper;
        this.sigma = other.sigma;
        this.residuals = data.count();
    }

    /**
     * @param progress sees each evaluation (may be null)
     * @return the fit by Levenberg–Marquardt
     */
    public FitResult levenbergMarquardt(Lbfgs.Listener progress) {
        int[] evaluations = {0};
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(theta(start))
                .model(point -> {
                    Residuals r = residuals(point.toArray(), true);
                    evaluations[0]++;
                    if (progress != null) {
                        progress.iteration(evaluations[0], 0.5 * r.squaredNorm(), Double.NaN);
                    }
                    return new Pair<>(new ArrayRealVector(r.values, false), new Array2DRowRealMatrix(r.jacobian,
                            false));
                })
                .target(new double[residuals])
                .parameterValidator(point -> {
                    double[] theta = point.toArray();
                    double[] p = parameters(theta);
                    for (int j = 0; j < p.length; j++) {
                        p[j] = Math.min(upper[j], Math.max(lower[j], p[j]));
                    }
                    return new ArrayRealVector(theta(p), false);
                })
                .lazyEvaluation(false)
                .maxEvaluations(1000)
                .maxIterations(500)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        return result(optimum.getPoint().toArray(), optimum.getIterations(), evaluations[0], true,
                "levenberg-marquardt, forward sensitivities", "converged");
    }

    /**
     * @param progress sees each iteration (may be null)
     * @return the fit by L-BFGS
     */
    public FitResult quasiNewton(Lbfgs.Listener progress) {
        double[] lo = new double[fitted.length];
        double[] hi = new double[fitted.length];
        for (int j = 0; j < fitted.length; j++) {
            lo[j] = logarithmic[j] ? (lower[j] > 0 ? Math.log(lower[j]) : Double.NEGATIVE_INFINITY) : lower[j];
            hi[j] = logarithmic[j] ? (upper[j] > 0 ? Math.log(upper[j]) : Double.NEGATIVE_INFINITY) : upper[j];
        }
        Lbfgs.Result r = new Lbfgs(10, 1e-9, 1000).minimize(this::objective, theta(start), lo, hi, progress);
        return result(r.point(), r.iterations(), r.evaluations(), r.converged(), "l-bfgs, adjoint gradients",
                r.reason());
    }

    /** J(theta) and dJ/dtheta by one adjoint solve. */
    private double objective(double[] theta, double[] gradient) {
        double[] p = parameters(theta);
        GradientResult r;
        try {
            r = GradientSolver.solve(leastSquares(p), options);
        } catch (IntegrationException | IllegalStateException failed) {
            return Double.POSITIVE_INFINITY; // a trial point where the model blows up: the line search backs off
        }
        for (int j = 0; j < fitted.length; j++) {
            double dp = r.parameterGradient()[fitted[j]];
            gradient[j] = logarithmic[j] ? dp * p[j] : dp;
        }
        return r.value();
    }

    private FitResult result(double[] theta, int iterations, int evaluations, boolean converged, String method,
            String reason) {
        Residuals r = residuals(theta, fitted.length <= 200);
        double[] p = parameters(theta);
        double rss = r.squaredNorm();
        double[] errors = new double[fitted.length];
        Arrays.fill(errors, Double.NaN);
        List<String> warnings = new ArrayList<>();
        if (!converged) {
            warnings.add("the optimizer stopped without converging: " + reason);
        }
        boolean trusted = converged;
        for (int j = 0; j < fitted.length; j++) {
            String name = names().get(j);
            if (p[j] <= lower[j] || p[j] >= upper[j]) {
                warnings.add(name + " = " + p[j] + " ended on its " + (p[j] <= lower[j] ? "lower" : "upper")
                        + " bound: the optimum may lie beyond it");
            } else if (logarithmic[j] && theta[j] < Math.log(start[j]) - 25) {
                // A positive parameter fitted on log scale that collapsed towards 0: the boundary p = 0
                // of its domain, where dJ/dlog(p) = p dJ/dp vanishes without J being stationary.
                warnings.add(name + " = " + p[j] + " went to 0 (fitted on log scale): the data do not support it, "
                        + "or it is not identifiable");
                trusted = false;
            }
        }
        if (r.jacobian == null) {
            warnings.add("standard errors not computed (more than 200 parameters)");
        } else if (residuals <= fitted.length) {
            warnings.add("standard errors unavailable: " + residuals + " values for " + fitted.length + " parameters");
        } else {
            // Identifiability from the SVD of the residual Jacobian in relative units (columns scaled by
            // |p_j|): a tiny singular value is a direction of parameters the data cannot resolve.
            double[][] scaled = new double[residuals][fitted.length];
            for (int i = 0; i < residuals; i++) {
                for (int j = 0; j < fitted.length; j++) {
                    double scale = logarithmic[j] ? 1.0 : Math.max(Math.abs(p[j]), 1e-300);
                    scaled[i][j] = r.jacobian[i][j] * scale;
                }
            }
            SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(scaled, false));
            double[] sv = svd.getSingularValues();
            double largest = sv[0];
            double smallest = sv[sv.length - 1];
            if (!(smallest > 1e-8 * largest)) {
                double[] direction = svd.getV().getColumn(sv.length - 1);
                List<String> involved = new ArrayList<>();
                for (int j = 0; j < fitted.length; j++) {
                    if (Math.abs(direction[j]) > 0.1) {
                        involved.add(names().get(j));
                    }
                }
                warnings.add("standard errors unavailable: the Gauss-Newton Hessian is singular (condition "
                        + (smallest == 0 ? "infinite" : String.format(java.util.Locale.ROOT, "%.1e", largest / smallest))
                        + "); not identifiable from these data: " + String.join(", ", involved));
                trusted = false;
            } else {
                RealMatrix jr = new Array2DRowRealMatrix(r.jacobian, false);
                RealMatrix covariance = new LUDecomposition(jr.transposeMultiply(jr)).getSolver().getInverse()
                        .scalarMultiply(rss / (residuals - fitted.length));
                for (int j = 0; j < fitted.length; j++) {
                    double se = Math.sqrt(Math.max(0, covariance.getEntry(j, j)));
                    errors[j] = logarithmic[j] ? p[j] * se : se;
                }
            }
        }
        return new FitResult(names(), p, start.clone(), errors, 0.5 * rss, Math.sqrt(rss / residuals), residuals,
                iterations, evaluations, trusted, method, base.withParameters(fullParameters(p)),
                List.copyOf(warnings));
    }

    /**
     * Residuals (and their Jacobian by forward sensitivities, if asked) at theta. Where the model
     * cannot be integrated (a trial point where it blows up) every residual is 1e10 and the
     * Jacobian zero, so the optimizer rejects the point and shrinks its step.
     */
    private Residuals residuals(double[] theta, boolean withJacobian) {
        try {
            Residuals r = evaluate(theta, withJacobian);
            if (Double.isFinite(r.squaredNorm())) {
                return r;
            }
        } catch (IntegrationException | IllegalStateException failed) {
            // the model cannot be integrated here
        }
        double[] values = new double[residuals];
        Arrays.fill(values, 1e10);
        return new Residuals(values, withJacobian ? new double[residuals][fitted.length] : null);
    }

    private Residuals evaluate(double[] theta, boolean withJacobian) {
        double[] p = parameters(theta);
        GradientProblem problem = leastSquares(p);
        double[] times = data.times();
        int[] columns = data.states();
        double[][] states;
        double[][][] derivatives = null;
        if (withJacobian) {
            StepGrid grid = GradientSolver.grid(problem, options);
            ForwardModeGradient.Sensitivities s = ForwardModeGradient.atTimes(problem, options.method(), grid, fitted,
                    times);
            states = s.states();
            derivatives = s.derivatives();
        } else {
            states = GradientSolver.trajectory(problem, options, times);
        }
        double[] values = new double[residuals];
        double[][] jacobian = withJacobian ? new double[residuals][fitted.length] : null;
        int row = 0;
        for (int k = 0; k < times.length; k++) {
            for (int c = 0; c < columns.length; c++) {
                double d = data.value(k, c);
                if (Double.isNaN(d)) {
                    continue;
                }
                int s = columns[c];
                values[row] = (states[k][s] - d) / sigma[s];
                if (withJacobian) {
                    for (int j = 0; j < fitted.length; j++) {
                        double dr = derivatives[k][s][j] / sigma[s];
                        jacobian[row][j] = logarithmic[j] ? dr * p[j] : dr;
                    }
                }
                row++;
            }
        }
        return new Residuals(values, jacobian);
    }

    /** The residual vector and dr/dtheta (null when not computed). */
    private record Residuals(double[] values, double[][] jacobian) {
        double squaredNorm() {
            double sum = 0;
            for (double v : values) {
                sum += v * v;
            }
            return sum;
        }
    }

    /** The base problem at fitted parameters p, with J = 1/2 |r|^2 as observation terms. */
    private GradientProblem leastSquares(double[] p) {
        double[] times = data.times();
        int[] columns = data.states();
        Objective objective = Objective.none();
        for (int k = 0; k < times.length; k++) {
            double[] target = new double[columns.length];
            for (int c = 0; c < columns.length; c++) {
                target[c] = data.value(k, c);
            }
            objective = objective.observation(times[k], squaredMisfit(columns, target, sigma));
        }
        return new GradientProblem(base.name(), base.model(), fullParameters(p), base.initialState(),
                base.initialTime(), base.finalTime(), objective);
    }

    /** {@code 1/2 sum_c ((y_{s_c} - d_c) / sigma_{s_c})^2} over the measured columns. */
    private static StateFunction squaredMisfit(int[] columns, double[] target, double[] sigma) {
        return new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                T sum = y[0].getField().getZero();
                for (int c = 0; c < columns.length; c++) {
                    if (!Double.isNaN(target[c])) {
                        T r = y[columns[c]].subtract(target[c]).divide(sigma[columns[c]]);
                        sum = sum.add(r.multiply(r));
                    }
                }
                return sum.multiply(0.5);
            }

            @Override
            public double value(double t, double[] y, double[] p) {
                double sum = 0;
                for (int c = 0; c < columns.length; c++) {
                    if (!Double.isNaN(target[c])) {
                        double r = (y[columns[c]] - target[c]) / sigma[columns[c]];
                        sum += r * r;
                    }
                }
                return 0.5 * sum;
            }

            @Override
            public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
                Arrays.fill(gy, 0.0);
                Arrays.fill(gp, 0.0);
                for (int c = 0; c < columns.length; c++) {
                    if (!Double.isNaN(target[c])) {
                        double s = sigma[columns[c]];
                        gy[columns[c]] += (y[columns[c]] - target[c]) / (s * s);
                    }
                }
            }
        };
    }

    private double[] theta(double[] p) {
        double[] theta = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            theta[j] = logarithmic[j] ? Math.log(p[j]) : p[j];
        }
        return theta;
    }

    private double[] parameters(double[] theta) {
        double[] p = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            p[j] = logarithmic[j] ? Math.exp(theta[j]) : theta[j];
        }
        return p;
    }

    private double[] fullParameters(double[] p) {
        double[] all = base.parameters();
        for (int j = 0; j < fitted.length; j++) {
            all[fitted[j]] = p[j];
        }
        return all;
    }
}
