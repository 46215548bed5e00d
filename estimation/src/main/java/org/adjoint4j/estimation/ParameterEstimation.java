package org.adjoint4j.estimation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.adjoint4j.adjoint.ForwardModeGradient;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.adjoint.ProgressListener;
import org.adjoint4j.estimation.optimize.Lbfgs;
import org.adjoint4j.estimation.optimize.TrustRegionNewton;
import org.adjoint4j.model.InitialValues;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.FitSpecification;
import org.adjoint4j.modelfile.ModelFile;
import org.adjoint4j.modelfile.NoiseSpecification;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.StepGrid;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.exception.MathIllegalStateException;
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
 * Maximum likelihood (or least squares) of a model against the data of one or more experiments.
 * The fitted quantities theta are parameters and initial states ({@code y0.<state>}), shared by
 * every experiment; each experiment may fix other parameters or initial states to its own values.
 * Each measured value d of a quantity h (a state, or an observable h(t, y, p)) gives a residual
 * <pre>
 *   normal:      r = (h - d) / sigma              log-normal:  r = (ln h - ln d) / sigma
 *   J = 1/2 sum r^2 + sum ln sigma + (M/2) ln 2 pi (+ sum ln d, log-normal) + 1/2 sum ((p - mu)/s)^2
 * </pre>
 * where sigma comes from the data (a {@code NAME_sigma} column), else from
 * {@link #withSigma(String, double)}; with no sigma at all the value has weight 1 and J is the
 * least-squares {@code 1/2 |r|^2} (standard errors then scale by the residual variance).
 * Gaussian priors add a residual each. A fitted quantity whose starting value is positive is fitted
 * as {@code theta = ln p} unless set linear ({@link #withScale}); bounds clip p.
 * <ul>
 *   <li>{@link #levenbergMarquardt}: Hipparchus's Levenberg–Marquardt with {@code dr/dtheta} from
 *       forward sensitivities (parameters and initial states as directions). If it fails (a QR
 *       decomposition of a singular Jacobian) the fit continues by L-BFGS and says so.</li>
 *   <li>{@link #quasiNewton}: L-BFGS on J with one adjoint gradient per experiment and evaluation,
 *       whatever the number of parameters.</li>
 *   <li>{@link #multistart}: several seeded starts, the best kept.</li>
 * </ul>
 * A starting point where the model cannot be integrated is an error naming where it failed; a trial
 * point where it cannot (or a parameter overflows) is rejected, so the optimizer backs off.
 */
public final class ParameterEstimation {

    /** How a measured value scatters about the model's value. */
    public enum Noise {
        /** d = h + sigma e. */
        NORMAL,
        /** ln d = ln h + sigma e (h and d must be positive). */
        LOG_NORMAL
    }

    private static final String INITIAL = "y0.";

    private final GradientProblem base;
    private final List<Experiment> experiments;
    private final GradientOptions options;
    private final String[] names;
    private final int[] parameterOf;
    private final int[] stateOf;
    private final double[] start;
    private final boolean[] logarithmic;
    private final boolean[] scaleGiven;
    private final double[] lower;
    private final double[] upper;
    private final double[] priorMean;
    private final double[] priorDeviation;
    private final double[] stateSigma;
    private final Map<String, Double> columnSigma;
    private final Map<String, Noise> noise;
    /** Per experiment: full parameters and initial states with its overrides, before fitting. */
    private final double[][] experimentParameters;
    private final double[][] experimentStates;
    /** Per experiment: which initial states are set (by an override or as fitted), not y0(p). */
    private final boolean[][] explicitState;
    private InitialValues initialValues;
    private ProgressListener solveProgress;
    private final int residuals;
    /** The best point met on all the data, shared by every start and stage of one estimation. */
    private final AtomicReference<Iterate> best;
    private final AtomicInteger evaluationCount;
    /** Whether this estimation sees all the data (a continuation stage sees a prefix). */
    private final boolean allData;

    /**
     * A point the optimizer evaluated: what an interrupted fit still has to show.
     *
     * @param names the fitted quantities
     * @param values their values there
     * @param objective the optimizer's objective there (½ Σ r² with the priors' terms)
     * @param evaluations how many evaluations had been made when it was met
     */
    public record Iterate(List<String> names, double[] values, double objective, int evaluations) {
    }

    /**
     * One experiment under the model's own values.
     *
     * @param base the model, its parameters (the starting values of the fitted ones, and the values
     *        of the others), initial state and time span; its objective is ignored
     * @param data the measurements
     * @param fittedNames the quantities to estimate: parameter names or {@code y0.<state>} (all
     *        parameters when empty)
     * @param options method, steps or tolerances
     * @throws IllegalArgumentException naming an unknown or repeated quantity
     */
    public ParameterEstimation(GradientProblem base, ObservedData data, List<String> fittedNames,
            GradientOptions options) {
        this(base, List.of(Experiment.of(base.name(), data)), fittedNames, options);
    }

    /**
     * Several experiments fitted jointly.
     *
     * @param base the model, its parameters and initial state (starting values of the fitted
     *        quantities, values of the others), time span; its objective is ignored
     * @param experiments the experiments, each with its data and overrides
     * @param fittedNames the quantities to estimate: parameter names or {@code y0.<state>} (all
     *        parameters when empty)
     * @param options method, steps or tolerances
     * @throws IllegalArgumentException naming an unknown or repeated quantity, an override of a
     *         fitted or unknown quantity, or too few data
     */
    public ParameterEstimation(GradientProblem base, List<Experiment> experiments, List<String> fittedNames,
            GradientOptions options) {
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException("experiments: none given");
        }
        this.base = base;
        this.experiments = List.copyOf(experiments);
        this.options = options;
        int m = base.model().parameterDimension();
        List<String> chosen = new ArrayList<>(fittedNames);
        if (chosen.isEmpty()) {
            for (int j = 0; j < m; j++) {
                chosen.add(base.model().parameterName(j));
            }
        }
        int q = chosen.size();
        names = chosen.toArray(new String[0]);
        parameterOf = new int[q];
        stateOf = new int[q];
        start = new double[q];
        logarithmic = new boolean[q];
        scaleGiven = new boolean[q];
        lower = new double[q];
        upper = new double[q];
        priorMean = new double[q];
        priorDeviation = new double[q];
        for (int j = 0; j < q; j++) {
            for (int i = 0; i < j; i++) {
                if (names[i].equals(names[j])) {
                    throw new IllegalArgumentException("fitted quantity '" + names[j] + "' is given twice");
                }
            }
            parameterOf[j] = parameterIndex(names[j]);
            stateOf[j] = names[j].startsWith(INITIAL) ? stateIndex(names[j].substring(INITIAL.length())) : -1;
            if (parameterOf[j] < 0 && stateOf[j] < 0) {
                throw new IllegalArgumentException("fitted quantity '" + names[j] + "' is neither a parameter of the "
                        + "model (" + String.join(", ", parameterNames()) + ") nor an initial state y0.<state> ("
                        + String.join(", ", stateNames()) + ")");
            }
            start[j] = parameterOf[j] >= 0 ? base.parameters()[parameterOf[j]] : base.initialState()[stateOf[j]];
            logarithmic[j] = start[j] > 0;
            lower[j] = Double.NEGATIVE_INFINITY;
            upper[j] = Double.POSITIVE_INFINITY;
            priorMean[j] = Double.NaN;
            priorDeviation[j] = Double.NaN;
        }
        stateSigma = new double[base.model().stateDimension()];
        Arrays.fill(stateSigma, Double.NaN);
        columnSigma = new HashMap<>();
        noise = new HashMap<>();
        experimentParameters = new double[this.experiments.size()][];
        experimentStates = new double[this.experiments.size()][];
        explicitState = new boolean[this.experiments.size()][base.model().stateDimension()];
        int count = 0;
        for (int e = 0; e < this.experiments.size(); e++) {
            Experiment x = this.experiments.get(e);
            experimentParameters[e] = base.parameters();
            experimentStates[e] = base.initialState();
            for (int i : stateOf) {
                if (i >= 0) {
                    explicitState[e][i] = true;
                }
            }
            for (Map.Entry<String, Double> o : x.overrides().entrySet()) {
                String name = o.getKey();
                if (Arrays.asList(names).contains(name)) {
                    throw new IllegalArgumentException("experiment " + x.name() + ": " + name + " is fitted and "
                            + "cannot be set per experiment");
                }
                int j = parameterIndex(name);
                int i = name.startsWith(INITIAL) ? stateIndex(name.substring(INITIAL.length())) : -1;
                if (j >= 0) {
                    experimentParameters[e][j] = o.getValue();
                } else if (i >= 0) {
                    experimentStates[e][i] = o.getValue();
                    explicitState[e][i] = true;
                } else {
                    throw new IllegalArgumentException("experiment " + x.name() + ": '" + name + "' is neither a "
                            + "parameter nor an initial state y0.<state>");
                }
            }
            count += x.data().count();
        }
        this.residuals = count;
        this.best = new AtomicReference<>();
        this.evaluationCount = new AtomicInteger();
        this.allData = true;
        if (residuals < q) {
            throw new IllegalArgumentException("the data have " + residuals + " values, fewer than the " + q
                    + " quantities to fit");
        }
    }

    /** The same estimation from other starting values, or on prefixes of the data. */
    private ParameterEstimation(ParameterEstimation other, List<Experiment> experiments, double[] start) {
        this.base = other.base;
        this.experiments = experiments;
        this.options = other.options;
        this.names = other.names;
        this.parameterOf = other.parameterOf;
        this.stateOf = other.stateOf;
        this.start = start.clone();
        this.logarithmic = other.logarithmic;
        this.scaleGiven = other.scaleGiven;
        this.lower = other.lower;
        this.upper = other.upper;
        this.priorMean = other.priorMean;
        this.priorDeviation = other.priorDeviation;
        this.stateSigma = other.stateSigma;
        this.columnSigma = other.columnSigma;
        this.noise = other.noise;
        this.experimentParameters = other.experimentParameters;
        this.experimentStates = other.experimentStates;
        this.explicitState = other.explicitState;
        this.initialValues = other.initialValues;
        this.solveProgress = other.solveProgress;
        int count = 0;
        for (Experiment x : experiments) {
            count += x.data().count();
        }
        this.residuals = count;
        this.best = other.best;
        this.evaluationCount = other.evaluationCount;
        this.allData = other.allData && experiments.equals(other.experiments);
    }

    /** The same estimation with quantity {@code fixed} held at {@code value} (a profile's inner fit). */
    private ParameterEstimation(ParameterEstimation other, int fixed, double value, double[] start) {
        this.base = other.base;
        this.experiments = other.experiments;
        this.options = other.options;
        int q = other.names.length - 1;
        this.names = new String[q];
        this.parameterOf = new int[q];
        this.stateOf = new int[q];
        this.start = new double[q];
        this.logarithmic = new boolean[q];
        this.scaleGiven = new boolean[q];
        this.lower = new double[q];
        this.upper = new double[q];
        this.priorMean = new double[q];
        this.priorDeviation = new double[q];
        for (int j = 0, k = 0; j <= q; j++) {
            if (j == fixed) {
                continue;
            }
            names[k] = other.names[j];
            parameterOf[k] = other.parameterOf[j];
            stateOf[k] = other.stateOf[j];
            this.start[k] = Math.min(other.upper[j], Math.max(other.lower[j], start[j]));
            logarithmic[k] = other.logarithmic[j];
            scaleGiven[k] = other.scaleGiven[j];
            lower[k] = other.lower[j];
            upper[k] = other.upper[j];
            priorMean[k] = other.priorMean[j];
            priorDeviation[k] = other.priorDeviation[j];
            k++;
        }
        this.stateSigma = other.stateSigma;
        this.columnSigma = other.columnSigma;
        this.noise = other.noise;
        int e = other.experiments.size();
        this.experimentParameters = new double[e][];
        this.experimentStates = new double[e][];
        this.explicitState = new boolean[e][];
        for (int x = 0; x < e; x++) {
            experimentParameters[x] = other.experimentParameters[x].clone();
            experimentStates[x] = other.experimentStates[x].clone();
            explicitState[x] = other.explicitState[x].clone();
            if (other.parameterOf[fixed] >= 0) {
                experimentParameters[x][other.parameterOf[fixed]] = value;
            } else {
                experimentStates[x][other.stateOf[fixed]] = value;
            }
        }
        this.initialValues = other.initialValues;
        this.solveProgress = other.solveProgress;
        this.residuals = other.residuals;
        this.best = new AtomicReference<>();
        this.evaluationCount = new AtomicInteger();
        this.allData = false;
    }

    /**
     * The profile likelihood of one fitted quantity: the objective minimized over the others with
     * it held at each of {@code 2 points + 1} values around the estimate (steps of
     * {@code 4 se / points} in its fitted coordinate, log or linear; 10% where the standard error is
     * unavailable), each inner fit by Levenberg–Marquardt from its neighbour's optimum. The 95%
     * interval is where the profile stays below {@code min + chi2_{1,0.95}/2 = min + 1.9207}, ends
     * interpolated linearly ({@code min + 1.9207 s^2} for least squares without sigmas, with the
     * residual variance {@code s^2 = |r|^2 / (M - q)}); an end the grid does not reach is NaN (the
     * quantity is not bounded there by these data).
     *
     * @param fit the fit (its estimates, objective and standard errors)
     * @param name the quantity to profile
     * @param points grid points on each side, at least 2
     * @return the profile
     * @throws IllegalArgumentException naming an unknown quantity or too few points
     */
    public Profile profile(FitResult fit, String name, int points) {
        int j = fittedIndex(name, "profile");
        if (points < 2) {
            throw new IllegalArgumentException("profile points must be >= 2, got " + points);
        }
        double center = fit.values()[j];
        double se = fit.standardErrors()[j];
        boolean log = logarithmic[j];
        double thetaCenter = log ? Math.log(center) : center;
        double step;
        if (Double.isFinite(se) && se > 0) {
            step = 4 * (log ? se / center : se) / points;
        } else {
            step = (log ? 0.1 : 0.1 * Math.max(Math.abs(center), 1e-3)) * 4 / points;
        }
        double[] values = new double[2 * points + 1];
        double[] objectives = new double[2 * points + 1];
        boolean[] converged = new boolean[2 * points + 1];
        values[points] = center;
        // the profile's own minimum, on the fit's objective (the constant terms cancel in the threshold)
        double atEstimate = optimizerObjective(fit.values());
        double offset = fit.objective() - atEstimate;
        objectives[points] = fit.objective();
        converged[points] = true;
        for (int side = -1; side <= 1; side += 2) {
            double[] others = fit.values().clone();
            for (int k = 1; k <= points; k++) {
                int at = points + side * k;
                double theta = thetaCenter + side * k * step;
                double value = log ? Math.exp(theta) : theta;
                values[at] = value;
                if (value < lower[j] || value > upper[j]) {
                    objectives[at] = Double.NaN;
                    continue;
                }
                double[] full = others.clone();
                full[j] = value;
                if (names.length > 1) {
                    try {
                        FitResult r = new ParameterEstimation(this, j, value, others).levenbergMarquardt(null);
                        for (int a = 0, b = 0; a < names.length; a++) {
                            full[a] = a == j ? value : r.values()[b++];
                        }
                        converged[at] = r.converged();
                    } catch (IntegrationException failed) {
                        objectives[at] = Double.NaN; // the model cannot be integrated with the quantity here
                        break;
                    }
                } else {
                    converged[at] = true;
                }
                objectives[at] = optimizerObjective(full) + offset;
                others = full;
            }
        }
        // Least squares without sigmas: the residual variance s^2 scales the likelihood, as it scales
        // the Wald covariance.
        boolean likelihood = fit.objectiveName().equals("negative log-likelihood");
        double s2 = likelihood ? 1.0 : 2 * atEstimate / Math.max(1, residuals - names.length);
        double threshold = fit.objective() + 0.5 * 3.841458820694124 * s2;
        return new Profile(name, values, objectives, converged, threshold, crossing(values, objectives, points,
                threshold, -1), crossing(values, objectives, points, threshold, 1));
    }

    /** Where the profile first rises above the threshold on one side, interpolated; NaN if it does not. */
    private static double crossing(double[] values, double[] objectives, int center, double threshold, int side) {
        for (int k = 1; k <= center; k++) {
            int at = center + side * k;
            int previous = at - side;
            if (!Double.isFinite(objectives[at])) {
                return Double.NaN;
            }
            if (objectives[at] >= threshold) {
                double f = (threshold - objectives[previous]) / (objectives[at] - objectives[previous]);
                return values[previous] + f * (values[at] - values[previous]);
            }
        }
        return Double.NaN;
    }

    /** The optimizer's objective (1/2 sum r^2 plus the priors) at the fitted values. */
    private double optimizerObjective(double[] values) {
        double[] theta = theta(values);
        Residuals r = residuals(theta, false);
        return 0.5 * r.squaredNorm();
    }

    /**
     * A profile likelihood.
     *
     * @param name the profiled quantity
     * @param values the values it was held at, increasing
     * @param objectives the fit's objective minimized over the others at each (NaN outside the bounds)
     * @param converged whether each inner fit converged
     * @param threshold the estimate's objective plus 1.9207 (chi-square, one degree, 95%), times
     *        {@code s^2} for least squares
     * @param lower95 the interval's lower end, NaN where the profile does not reach the threshold
     * @param upper95 its upper end, likewise
     */
    public record Profile(String name, double[] values, double[] objectives, boolean[] converged, double threshold,
            double lower95, double upper95) {
    }

    /**
     * Uncertainty from the exact Hessian of the objective (by Hessian-vector products of the
     * discrete scheme, one per fitted quantity and experiment), beside the Gauss–Newton one:
     * {@code C_theta = s^2 H_theta^{-1}} in the fitted coordinates, {@code H_theta = D H_p D + diag(g_j p_j)}
     * for log-scale quantities ({@code D = diag(p_j)}, g the gradient), mapped to p as in
     * {@link FitResult}.
     *
     * @param hessian the exact Hessian of the optimizer's objective in the fitted values, q x q
     * @param standardErrors from it, NaN where it is not positive definite
     * @param lower95 95% interval ends, NaN where unavailable
     * @param upper95 likewise
     */
    public record HessianUncertainty(double[][] hessian, double[] standardErrors, double[] lower95,
            double[] upper95) {
    }

    /**
     * @param fit a fit of this estimation
     * @return the exact-Hessian uncertainty at its estimate
     * @throws IllegalArgumentException if initial values depend on the parameters (their second
     *         derivatives are not followed) or the model has no field version
     */
    public HessianUncertainty hessianUncertainty(FitResult fit) {
        if (initialValues != null) {
            throw new IllegalArgumentException("exact Hessians do not follow initial values that depend on the "
                    + "parameters yet");
        }
        int q = names.length;
        double[] p = fit.values();
        double[][] h = new double[q][q];
        double[] g = new double[q];
        objectiveAt(p, g);
        for (int j = 0; j < q; j++) {
            double[] unit = new double[q];
            unit[j] = 1;
            h[j] = hessianProduct(p, unit);
        }
        // symmetric to round-off; averaged so the inverse is symmetric
        double[][] ht = new double[q][q];
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < q; k++) {
                double hp = 0.5 * (h[j][k] + h[k][j]);
                double dj = logarithmic[j] ? p[j] : 1.0;
                double dk = logarithmic[k] ? p[k] : 1.0;
                ht[j][k] = dj * dk * hp + (j == k && logarithmic[j] ? g[j] * p[j] : 0.0);
            }
        }
        double[] errors = nan(q);
        double[] low = nan(q);
        double[] high = nan(q);
        boolean likelihood = fit.objectiveName().equals("negative log-likelihood");
        double s2 = likelihood ? 1.0 : 2 * optimizerObjective(p) / Math.max(1, residuals - q);
        try {
            RealMatrix c = new LUDecomposition(new Array2DRowRealMatrix(ht, false)).getSolver().getInverse()
                    .scalarMultiply(s2);
            for (int j = 0; j < q; j++) {
                double v = c.getEntry(j, j);
                if (v > 0) {
                    wald(j, p[j], Math.sqrt(v), errors, low, high);
                }
            }
        } catch (org.hipparchus.exception.MathIllegalArgumentException singular) {
            // NaN: the exact Hessian is singular at the estimate
        }
        return new HessianUncertainty(h, errors, low, high);
    }

    private int parameterIndex(String name) {
        for (int j = 0; j < base.model().parameterDimension(); j++) {
            if (base.model().parameterName(j).equals(name)) {
                return j;
            }
        }
        return -1;
    }

    private int stateIndex(String name) {
        for (int i = 0; i < base.model().stateDimension(); i++) {
            if (base.model().stateName(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> parameterNames() {
        List<String> list = new ArrayList<>();
        for (int j = 0; j < base.model().parameterDimension(); j++) {
            list.add(base.model().parameterName(j));
        }
        return list;
    }

    private List<String> stateNames() {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < base.model().stateDimension(); i++) {
            list.add(INITIAL + base.model().stateName(i));
        }
        return list;
    }

    /**
     * Initial values that are functions of the parameters: every initial state that is neither
     * fitted nor set by an experiment is {@code y0(p)} at the experiment's parameters, and gradients
     * and sensitivities include {@code dy0/dp}.
     *
     * @param values {@code y0(p)}, of the model's dimensions
     * @return this, with the initial values set
     */
    public ParameterEstimation withInitialValues(InitialValues values) {
        if (values.stateDimension() != base.model().stateDimension()
                || values.parameterDimension() != base.model().parameterDimension()) {
            throw new IllegalArgumentException("initial values have " + values.stateDimension() + " states and "
                    + values.parameterDimension() + " parameters, the model " + base.model().stateDimension() + " and "
                    + base.model().parameterDimension());
        }
        this.initialValues = values;
        return this;
    }

    /**
     * What a model file says about the estimation: its initial values as functions of the
     * parameters, the bounds, scales and priors of the fitted quantities, and the noise models of
     * the measured ones (a data file's sigma columns take precedence over the file's sigmas). Calls
     * made after this one override it.
     *
     * @param file the model file the base problem came from
     * @return this, with the file's specifications applied
     * @throws IllegalArgumentException if the file's model is not the base problem's, or a starting
     *         value lies outside the file's bounds
     */
    public ParameterEstimation withSpecifications(ModelFile file) {
        if (file.model().stateDimension() != base.model().stateDimension()
                || file.model().parameterDimension() != base.model().parameterDimension()) {
            throw new IllegalArgumentException("model file " + file.name() + " is not the model of " + base.name());
        }
        if (file.initialValuesDependOnParameters()) {
            withInitialValues(file.initialValues());
        }
        for (String name : names) {
            FitSpecification f = file.fitSpecifications().get(name);
            if (f == null) {
                continue;
            }
            if (f.scale() != null) {
                withScale(name, f.scale().equals("log"));
            }
            if (f.bounded()) {
                withBounds(name, f.lower(), f.upper());
            }
            if (f.hasPrior()) {
                withPrior(name, f.priorMean(), f.priorDeviation());
            }
        }
        for (NoiseSpecification n : file.noise().values()) {
            if (measures(n.quantity())) {
                withNoise(n.quantity(), n.logNormal() ? Noise.LOG_NORMAL : Noise.NORMAL);
                if (!Double.isNaN(n.sigma())) {
                    withSigma(n.quantity(), n.sigma());
                }
            }
        }
        return this;
    }

    /** @return the experiments, in order */
    public List<Experiment> experiments() {
        return List.copyOf(experiments);
    }

    /**
     * @param progress sees the forward and backward sweeps of every adjoint solve (may be null)
     * @return this, reporting them
     */
    public ParameterEstimation withSolveProgress(ProgressListener progress) {
        this.solveProgress = progress;
        return this;
    }

    /**
     * @param values starting values by fitted name
     * @return this, with the starting values changed
     */
    public ParameterEstimation withInitial(Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            int j = fittedIndex(e.getKey(), "starting value");
            double v = e.getValue();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("starting value " + e.getKey() + "=" + v + " is not finite");
            }
            if (v < lower[j] || v > upper[j]) {
                throw new IllegalArgumentException("starting value " + e.getKey() + "=" + v + " is outside its bounds ["
                        + lower[j] + ", " + upper[j] + "]");
            }
            if (scaleGiven[j] && logarithmic[j] && !(v > 0)) {
                throw new IllegalArgumentException("starting value " + e.getKey() + "=" + v + " is not positive, but "
                        + e.getKey() + " is fitted on log scale");
            }
            start[j] = v;
            logarithmic[j] = scaleGiven[j] ? logarithmic[j] : v > 0;
        }
        return this;
    }

    /**
     * @param name a fitted quantity
     * @param low its lower bound (may be -infinity)
     * @param high its upper bound (may be +infinity)
     * @return this, with the bounds set (a uniform prior on [low, high])
     */
    public ParameterEstimation withBounds(String name, double low, double high) {
        int j = fittedIndex(name, "bounds");
        if (!(low < high)) {
            throw new IllegalArgumentException("bounds of " + name + ": " + low + " is not below " + high);
        }
        if (start[j] < low || start[j] > high) {
            throw new IllegalArgumentException("bounds of " + name + ": the starting value " + start[j]
                    + " is outside [" + low + ", " + high + "]");
        }
        lower[j] = low;
        upper[j] = high;
        return this;
    }

    /**
     * @param name a fitted quantity
     * @param logScale whether theta = ln p (the value must stay positive) or theta = p
     * @return this, with the scale set
     */
    public ParameterEstimation withScale(String name, boolean logScale) {
        int j = fittedIndex(name, "scale");
        if (logScale && !(start[j] > 0)) {
            throw new IllegalArgumentException("scale of " + name + ": log scale needs a positive starting value, got "
                    + start[j]);
        }
        logarithmic[j] = logScale;
        scaleGiven[j] = true;
        return this;
    }

    /**
     * @param name a fitted quantity
     * @param mean the prior's mean (of p, not of theta)
     * @param deviation its standard deviation
     * @return this, with a Gaussian prior: {@code 1/2 ((p - mean)/deviation)^2} added to J
     */
    public ParameterEstimation withPrior(String name, double mean, double deviation) {
        int j = fittedIndex(name, "prior");
        if (!Double.isFinite(mean) || !(deviation > 0) || !Double.isFinite(deviation)) {
            throw new IllegalArgumentException("prior of " + name + ": mean " + mean + " and deviation " + deviation
                    + " must be finite, the deviation > 0");
        }
        priorMean[j] = mean;
        priorDeviation[j] = deviation;
        return this;
    }

    /**
     * @param column a data column's quantity (a state or an observable)
     * @param sigma the standard deviation of its values where the data give none
     * @return this, with the sigma set
     */
    public ParameterEstimation withSigma(String column, double sigma) {
        requireColumn(column, "sigma");
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma of " + column + " must be finite and > 0, got " + sigma);
        }
        columnSigma.put(column, sigma);
        return this;
    }

    /**
     * @param column a data column's quantity
     * @param model how its values scatter
     * @return this, with the noise model set
     */
    public ParameterEstimation withNoise(String column, Noise model) {
        requireColumn(column, "noise");
        noise.put(column, model);
        return this;
    }

    private void requireColumn(String column, String what) {
        if (measures(column)) {
            return;
        }
        throw new IllegalArgumentException(what + " " + column + ": no data column measures it");
    }

    private boolean measures(String column) {
        for (Experiment x : experiments) {
            for (int c = 0; c < x.data().columns(); c++) {
                if (x.data().name(c).equals(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param standardDeviations the measurement error of each state (weights 1 / sigma^2; the
     *        objective stays least squares, errors scale by the residual variance)
     * @return this, with the weights set
     */
    public ParameterEstimation withMeasurementErrors(double[] standardDeviations) {
        if (standardDeviations.length != stateSigma.length) {
            throw new IllegalArgumentException(standardDeviations.length + " measurement errors for "
                    + stateSigma.length + " states");
        }
        for (double s : standardDeviations) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("measurement errors must be finite and > 0, got "
                        + Arrays.toString(standardDeviations));
            }
        }
        System.arraycopy(standardDeviations, 0, stateSigma, 0, stateSigma.length);
        return this;
    }

    private int fittedIndex(String name, String what) {
        for (int j = 0; j < names.length; j++) {
            if (names[j].equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException(what + " " + name + ": not a fitted quantity (" + String.join(", ", names)
                + ")");
    }

    /**
     * The objective the optimizers minimize (½ Σ r², r the weighted residuals of all experiments,
     * plus the priors' ½ z², without the likelihood's constant terms) and its gradient by one
     * adjoint solve per experiment.
     *
     * @param values the fitted quantities, in the order of {@link #names()} (not modified)
     * @param gradient receives dJ/d(values), same length (modified)
     * @return J, or +infinity where the model cannot be integrated
     * @throws IllegalArgumentException if a length differs from the number of fitted quantities
     */
    public double objectiveAt(double[] values, double[] gradient) {
        if (values.length != names.length || gradient.length != names.length) {
            throw new IllegalArgumentException("values and gradient must have length " + names.length + ", got "
                    + values.length + " and " + gradient.length);
        }
        double value = objective(theta(values), gradient);
        for (int j = 0; j < names.length; j++) {
            gradient[j] = logarithmic[j] ? gradient[j] / values[j] : gradient[j];
        }
        return value;
    }

    /**
     * @return the point with the lowest objective that any evaluation on all the data has met so
     *         far (by any start, from any thread), or null before the first; what a fit stopped by
     *         the user still has
     */
    public Iterate bestSoFar() {
        return best.get();
    }

    private void remember(double[] p, double value) {
        int count = evaluationCount.incrementAndGet();
        if (!allData || !Double.isFinite(value)) {
            return;
        }
        Iterate candidate = new Iterate(List.of(names), p.clone(), value, count);
        best.accumulateAndGet(candidate, (a, b) -> a == null || b.objective() < a.objective() ? b : a);
    }

    /** @return the names of the fitted quantities */
    public List<String> names() {
        return List.of(names);
    }

    /**
     * Levenberg–Marquardt continued over growing time spans ({@link #levenbergMarquardtByContinuation}),
     * or L-BFGS with adjoint gradients when there are more than 50 fitted quantities or more
     * quantities than values.
     *
     * @param progress sees each iteration (may be null)
     * @return the fit
     */
    public FitResult fit(Lbfgs.Listener progress) {
        return names.length > 50 || names.length > residuals ? quasiNewton(progress)
                : levenbergMarquardtByContinuation(progress);
    }

    /**
     * {@link #fit} from {@code starts} starting points: the given one, then points drawn with a
     * seeded generator, uniformly in theta between the bounds where both are finite, else within a
     * factor 10 of the start (log scale) or {@code +- max(|p|, 1)} (linear). The best objective
     * among the converged fits is kept (the best of all if none converged); the objective of every
     * start is in {@link FitResult#startObjectives()}.
     *
     * @param starts K, at least 1
     * @param seed the generator's seed
     * @param progress sees each iteration (may be null)
     * @return the best fit
     */
    public FitResult multistart(int starts, long seed, Lbfgs.Listener progress) {
        double[][] points = startingPoints(starts, seed);
        List<FitResult> fits = new ArrayList<>();
        for (double[] p : points) {
            fits.add(startFit(p, progress, solveProgress));
        }
        return best(fits);
    }

    /**
     * {@link #multistart(int, long, Lbfgs.Listener)} with the starts on a batch's threads, each a
     * fit of its own (its solves in turn): the same starting points, the same fits and the same
     * best, bit for bit, in about 1/T of the time. No progress is reported from inside the starts.
     *
     * @param starts K, at least 1
     * @param seed the generator's seed
     * @param batch the threads
     * @return the best fit
     */
    public FitResult multistart(int starts, long seed, GradientBatch batch) {
        double[][] points = startingPoints(starts, seed);
        return best(batch.map(points.length, k -> startFit(points[k], null, null)));
    }

    /**
     * {@link #multistart(int, long, Lbfgs.Listener)} with the starts run elsewhere: {@code runStarts}
     * gets the starting points and returns each one's {@link #summarizeStart summary}, in order
     * (on a cluster, say, where each worker rebuilt this estimation); the best start is then
     * fitted again here for its whole result. The same bits as the other multistarts.
     *
     * @param starts K, at least 1
     * @param seed the generator's seed
     * @param runStarts runs the starts, returning their summaries in order
     * @return the best fit
     */
    public FitResult multistart(int starts, long seed, Function<double[][], List<StartSummary>> runStarts) {
        double[][] points = startingPoints(starts, seed);
        List<StartSummary> summaries = runStarts.apply(points);
        if (summaries.size() != points.length) {
            throw new IllegalStateException(summaries.size() + " summaries for " + points.length + " starts");
        }
        int best = bestIndex(summaries);
        // Only the best start's whole result is needed; the others' summaries say the rest.
        return combined(best < 0 ? null : startFit(points[best], null, null), summaries);
    }

    /**
     * What {@link #multistart(int, long, Function)} needs to know of one start: its fit's objective
     * (NaN where it could not be integrated), whether it converged, and its work.
     */
    public static final class StartSummary implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        /** Whether the start could be integrated (else it has no fit). */
        private final boolean fitted;
        /** The objective at the end, or NaN. */
        private final double objective;
        /** Whether the fit converged. */
        private final boolean converged;
        /** Iterations made. */
        private final int iterations;
        /** Gradient evaluations made. */
        private final int evaluations;

        private StartSummary(FitResult r) {
            this.fitted = r != null;
            this.objective = r == null ? Double.NaN : r.objective();
            this.converged = r != null && r.converged();
            this.iterations = r == null ? 0 : r.iterations();
            this.evaluations = r == null ? 0 : r.gradientEvaluations();
        }

        /** @return the objective at the end, or NaN where the start could not be integrated */
        public double objective() {
            return objective;
        }

        /** @return whether the fit converged */
        public boolean converged() {
            return converged;
        }

        /** @return the iterations made */
        public int iterations() {
            return iterations;
        }

        /** @return the gradient evaluations made */
        public int evaluations() {
            return evaluations;
        }
    }

    /**
     * One start's fit, summarized (for {@link #multistart(int, long, Function)}).
     *
     * @param start the starting values, as {@link #multistart} draws them
     * @return the summary
     */
    public StartSummary summarizeStart(double[] start) {
        return new StartSummary(startFit(start, null, null));
    }

    /** The given start, then K - 1 drawn ones (the draws do not depend on the fits). */
    private double[][] startingPoints(int starts, long seed) {
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be >= 1, got " + starts);
        }
        Random random = new Random(seed);
        double[][] points = new double[starts][];
        double[] theta0 = theta(start);
        for (int k = 0; k < starts; k++) {
            double[] p = start.clone();
            if (k > 0) {
                for (int j = 0; j < p.length; j++) {
                    double lo = thetaBound(j, lower[j]);
                    double hi = thetaBound(j, upper[j]);
                    double spread = logarithmic[j] ? Math.log(10) : Math.max(Math.abs(start[j]), 1);
                    double a = Double.isFinite(lo) ? lo : theta0[j] - spread;
                    double b = Double.isFinite(hi) ? hi : theta0[j] + spread;
                    double t = a + (b - a) * random.nextDouble();
                    p[j] = logarithmic[j] ? Math.exp(t) : t;
                }
            }
            points[k] = p;
        }
        return points;
    }

    /** One start's fit, or null where the start cannot be integrated (it is skipped). */
    private FitResult startFit(double[] p, Lbfgs.Listener progress, ProgressListener solves) {
        try {
            return new ParameterEstimation(this, experiments, p).withSolveProgress(solves).fit(progress);
        } catch (IntegrationException failed) {
            return null;
        }
    }

    /** The best of the starts' fits (null where a start could not be integrated), in start order. */
    private FitResult best(List<FitResult> fits) {
        List<StartSummary> summaries = new ArrayList<>();
        for (FitResult r : fits) {
            summaries.add(new StartSummary(r));
        }
        int best = bestIndex(summaries);
        return combined(best < 0 ? null : fits.get(best), summaries);
    }

    /**
     * The best start: converged before not converged, then the lowest objective, the first of
     * equals; -1 if none could be integrated.
     */
    private static int bestIndex(List<StartSummary> summaries) {
        int best = -1;
        for (int k = 0; k < summaries.size(); k++) {
            StartSummary s = summaries.get(k);
            if (!s.fitted) {
                continue;
            }
            StartSummary b = best < 0 ? null : summaries.get(best);
            if (b == null || (s.converged && !b.converged) || (s.converged == b.converged && s.objective < b.objective)) {
                best = k;
            }
        }
        return best;
    }

    /** The best start's fit, with every start's objective and the work of all (best: null if none). */
    private FitResult combined(FitResult best, List<StartSummary> summaries) {
        int starts = summaries.size();
        double[] objectives = new double[starts];
        int iterations = 0;
        int evaluations = 0;
        for (int k = 0; k < starts; k++) {
            StartSummary s = summaries.get(k);
            objectives[k] = s.objective;
            iterations += s.iterations;
            evaluations += s.evaluations;
        }
        if (best == null) {
            throw new IntegrationException("none of the " + starts + " starts could be integrated", base.initialTime(),
                    0, null);
        }
        int reached = 0;
        for (double o : objectives) {
            if (Math.abs(o - best.objective()) <= 1e-6 * Math.max(1, Math.abs(best.objective()))) {
                reached++;
            }
        }
        return best.with(best.method() + ", best of " + starts + " starts (" + reached + " reached it)", start, iterations,
                evaluations, objectives, List.of());
    }

    /** The bounds in the fitted coordinates: {lower, upper}. */
    private double[][] thetaBox() {
        double[] lo = new double[names.length];
        double[] hi = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            lo[j] = thetaBound(j, lower[j]);
            hi[j] = thetaBound(j, upper[j]);
        }
        return new double[][] {lo, hi};
    }

    private double thetaBound(int j, double bound) {
        if (!logarithmic[j]) {
            return bound;
        }
        return bound > 0 ? Math.log(bound) : bound == Double.POSITIVE_INFINITY ? bound : Double.NEGATIVE_INFINITY;
    }

    /**
     * Levenberg–Marquardt on growing prefixes of the records (the first quarter of the time span of
     * the data, half, all), each started from the previous estimate. An oscillatory model fitted to
     * a long record from a poor start tends to match the wrong peaks and stop in a local minimum;
     * over a short prefix the phase error stays small, the fit lands near the truth, and seeds the
     * next. A prefix with no more values than fitted quantities is skipped.
     *
     * @param progress sees each evaluation (may be null)
     * @return the fit of the whole records
     */
    public FitResult levenbergMarquardtByContinuation(Lbfgs.Listener progress) {
        requireIntegrable();
        double last = Double.NEGATIVE_INFINITY;
        for (Experiment x : experiments) {
            double[] times = x.data().times();
            last = Math.max(last, times[times.length - 1]);
        }
        double t0 = base.initialTime();
        double[] current = start.clone();
        int iterations = 0;
        int evaluations = 0;
        List<String> notes = new ArrayList<>();
        for (double fraction : new double[] {0.25, 0.5}) {
            List<Experiment> prefix = new ArrayList<>();
            int count = 0;
            for (Experiment x : experiments) {
                ObservedData d = x.data().until(t0 + fraction * (last - t0));
                count += d.count();
                prefix.add(new Experiment(x.name(), d, x.overrides()));
            }
            if (count <= names.length || prefix.stream().anyMatch(x -> x.data().times().length == 0)) {
                continue;
            }
            FitResult stage = new ParameterEstimation(this, prefix, current).levenbergMarquardt(progress);
            if (stage.method().startsWith("l-bfgs")) {
                notes.add("on the first " + (int) (100 * fraction) + "% of the time span: " + stage.warnings().get(0));
            }
            current = stage.values();
            iterations += stage.iterations();
            evaluations += stage.gradientEvaluations();
        }
        FitResult fit = new ParameterEstimation(this, experiments, current).levenbergMarquardt(progress);
        return fit.with(fit.method() + ", continued over growing time spans", start, iterations + fit.iterations(),
                evaluations + fit.gradientEvaluations(), fit.startObjectives(), notes);
    }

    /**
     * @param progress sees each evaluation (may be null)
     * @return the fit by Levenberg–Marquardt (by L-BFGS, with a warning, if it fails)
     */
    public FitResult levenbergMarquardt(Lbfgs.Listener progress) {
        requireIntegrable();
        int[] evaluations = {0};
        int rows = residuals + priors();
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
                .target(new double[rows])
                .parameterValidator(point -> new ArrayRealVector(theta(clip(parameters(point.toArray()))), false))
                .lazyEvaluation(false)
                .maxEvaluations(1000)
                .maxIterations(500)
                .build();
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        } catch (MathIllegalStateException failed) {
            // A singular Jacobian (non-identifiable directions) or the evaluation limit: L-BFGS on the
            // same objective still moves, and the identifiability analysis below names the cause.
            FitResult fallback = quasiNewton(progress);
            return fallback.with(fallback.method(), start, fallback.iterations(), evaluations[0]
                    + fallback.gradientEvaluations(), fallback.startObjectives(), List.of(
                            "Levenberg-Marquardt failed (" + failed.getMessage() + "); continued with L-BFGS"));
        }
        return result(optimum.getPoint().toArray(), optimum.getIterations(), evaluations[0], true,
                "levenberg-marquardt, forward sensitivities", "converged");
    }

    /**
     * @param progress sees each iteration (may be null)
     * @return the fit by L-BFGS
     */
    public FitResult quasiNewton(Lbfgs.Listener progress) {
        requireIntegrable();
        double[][] box = thetaBox();
        double[] lo = box[0];
        double[] hi = box[1];
        Lbfgs.Result r = new Lbfgs(10, 1e-9, 1000).minimize(this::objective, theta(start), lo, hi, progress);
        return result(r.point(), r.iterations(), r.evaluations(), r.converged(), "l-bfgs, adjoint gradients",
                r.reason());
    }

    /**
     * Trust-region Newton-CG ({@link TrustRegionNewton}) on the exact Hessian-vector products of
     * the objective (one product of the discrete scheme per experiment and CG iteration), in the
     * fitted coordinates: {@code H_theta v = D H_p D v + diag(g_theta) v} on log scale
     * ({@code D = diag(p)}).
     *
     * @param progress sees each iteration (may be null)
     * @return the fit
     * @throws IllegalArgumentException if initial values depend on the parameters (not followed to
     *         second order)
     */
    public FitResult newton(Lbfgs.Listener progress) {
        if (initialValues != null) {
            throw new IllegalArgumentException("Newton's method: initial values that depend on the parameters are not "
                    + "followed to second order; use Levenberg-Marquardt or L-BFGS");
        }
        requireIntegrable();
        double[][] box = thetaBox();
        double[] lo = box[0];
        double[] hi = box[1];
        TrustRegionNewton.Objective f = new TrustRegionNewton.Objective() {
            private double[] at;
            private final double[] gradient = new double[names.length];

            @Override
            public double valueAndGradient(double[] theta, double[] g) {
                double value = objective(theta, g);
                // the products at this point need its gradient too
                at = theta.clone();
                System.arraycopy(g, 0, gradient, 0, g.length);
                return value;
            }

            @Override
            public void hessianVector(double[] theta, double[] v, double[] out) {
                if (at == null || !Arrays.equals(at, theta)) {
                    objective(theta, gradient);
                    at = theta.clone();
                }
                double[] p = parameters(theta);
                double[] dp = new double[names.length];
                for (int j = 0; j < names.length; j++) {
                    dp[j] = (logarithmic[j] ? p[j] : 1.0) * v[j];
                }
                double[] hp = hessianProduct(p, dp);
                for (int j = 0; j < names.length; j++) {
                    out[j] = (logarithmic[j] ? p[j] : 1.0) * hp[j] + (logarithmic[j] ? gradient[j] * v[j] : 0.0);
                }
            }
        };
        Lbfgs.Result r = new TrustRegionNewton(1e-9, 200).minimize(f, theta(start), lo, hi, progress);
        return result(r.point(), r.iterations(), r.evaluations(), r.converged(), "trust-region newton-cg, exact "
                + "hessian-vector products", r.reason());
    }

    /** {@code H_p dp}: the exact Hessian of the objective in the fitted values times a direction. */
    private double[] hessianProduct(double[] p, double[] dp) {
        int q = names.length;
        double[] out = new double[q];
        for (int e = 0; e < experiments.size(); e++) {
            GradientProblem problem = observing(e, p);
            double[] dq = new double[problem.model().parameterDimension()];
            double[] dv = new double[problem.model().stateDimension()];
            for (int j = 0; j < q; j++) {
                if (parameterOf[j] >= 0) {
                    dq[parameterOf[j]] = dp[j];
                } else {
                    dv[stateOf[j]] = dp[j];
                }
            }
            org.adjoint4j.adjoint.HessianVectorProduct.Result r = org.adjoint4j.adjoint.HessianVectorProduct.of(problem,
                    options, dq, dv);
            for (int k = 0; k < q; k++) {
                out[k] += parameterOf[k] >= 0 ? r.parameterProduct()[parameterOf[k]]
                        : r.initialStateProduct()[stateOf[k]];
            }
        }
        for (int j = 0; j < q; j++) {
            if (!Double.isNaN(priorMean[j])) {
                out[j] += dp[j] / (priorDeviation[j] * priorDeviation[j]);
            }
        }
        return out;
    }

    /** The start must be integrable: otherwise no optimizer can begin, and the user must know where it fails. */
    private void requireIntegrable() {
        double[] p = start.clone();
        for (int e = 0; e < experiments.size(); e++) {
            GradientProblem problem = problem(e, p);
            try {
                GradientSolver.value(problem, options);
            } catch (IntegrationException failed) {
                throw new IntegrationException("the model cannot be integrated at the starting values ("
                        + experiments.get(e).name() + "): " + failed.getMessage(), failed.time(), failed.step(), failed);
            }
        }
    }

    /** J(theta) and dJ/dtheta by one adjoint solve per experiment; +infinity where the model fails. */
    private double objective(double[] theta, double[] gradient) {
        double[] p = parameters(theta);
        Arrays.fill(gradient, 0.0);
        double value = 0;
        for (int e = 0; e < experiments.size(); e++) {
            GradientResult r;
            GradientProblem problem;
            try {
                if (!allFinite(p)) {
                    return Double.POSITIVE_INFINITY;
                }
                problem = observing(e, p);
                r = GradientSolver.solve(problem, options, solveProgress);
            } catch (IntegrationException | IllegalStateException | IllegalArgumentException failed) {
                return Double.POSITIVE_INFINITY; // a trial point where the model blows up: the line search backs off
            }
            value += r.value();
            double[] dp = r.parameterGradient();
            if (initialValues != null) {
                // the chain rule through y0(p), for the initial states that follow the parameters
                double[] lambda = r.initialStateGradient();
                for (int i = 0; i < lambda.length; i++) {
                    lambda[i] = explicitState[e][i] ? 0.0 : lambda[i];
                }
                initialValues.addVectorJacobianProduct(problem.parameters(), lambda, dp);
            }
            for (int j = 0; j < names.length; j++) {
                double d = parameterOf[j] >= 0 ? dp[parameterOf[j]] : r.initialStateGradient()[stateOf[j]];
                gradient[j] += logarithmic[j] ? d * p[j] : d;
            }
        }
        for (int j = 0; j < names.length; j++) {
            if (!Double.isNaN(priorMean[j])) {
                double z = (p[j] - priorMean[j]) / priorDeviation[j];
                value += 0.5 * z * z;
                double d = z / priorDeviation[j];
                gradient[j] += logarithmic[j] ? d * p[j] : d;
            }
        }
        remember(p, value);
        return value;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private int priors() {
        int k = 0;
        for (double mean : priorMean) {
            k += Double.isNaN(mean) ? 0 : 1;
        }
        return k;
    }

    private FitResult result(double[] theta, int iterations, int evaluations, boolean converged, String method,
            String reason) {
        int q = names.length;
        Residuals r = residuals(theta, q <= 200);
        double[] p = parameters(theta);
        double rss = r.squaredNorm();
        double[] errors = nan(q);
        double[][] covariance = new double[q][];
        double[][] correlation = new double[q][];
        for (int j = 0; j < q; j++) {
            covariance[j] = nan(q);
            correlation[j] = nan(q);
        }
        double[] low95 = nan(q);
        double[] high95 = nan(q);
        List<String> warnings = new ArrayList<>();
        boolean trusted = converged;
        if (!converged) {
            warnings.add("the optimizer stopped without converging: " + reason);
        }
        if (r.failed) {
            warnings.add("the model cannot be integrated at the estimate: it is not a fit");
            trusted = false;
        } else {
            // What the solver says of the fitted trajectories (stiffness on an explicit method, say),
            // checked once at the estimate rather than at every trial point.
            for (int e = 0; e < experiments.size(); e++) {
                try {
                    for (String w : GradientSolver.solve(problem(e, p), options).warnings()) {
                        String named = experiments.size() > 1 ? experiments.get(e).name() + ": " + w : w;
                        if (!warnings.contains(named)) {
                            warnings.add(named);
                        }
                    }
                } catch (IntegrationException | IllegalStateException failed) {
                    warnings.add("the fitted model of " + experiments.get(e).name() + " fails: " + failed.getMessage());
                    trusted = false;
                }
            }
        }
        for (int j = 0; j < q; j++) {
            if (p[j] <= lower[j] || p[j] >= upper[j]) {
                warnings.add(names[j] + " = " + p[j] + " ended on its " + (p[j] <= lower[j] ? "lower" : "upper")
                        + " bound: the optimum may lie beyond it");
            } else if (logarithmic[j] && theta[j] < Math.log(start[j]) - 25) {
                // A positive quantity fitted on log scale that collapsed towards 0: the boundary p = 0
                // of its domain, where dJ/dln(p) = p dJ/dp vanishes without J being stationary.
                warnings.add(names[j] + " = " + p[j] + " went to 0 (fitted on log scale): the data do not support "
                        + "it, or it is not identifiable");
                trusted = false;
            }
        }
        boolean weighted = r.likelihood;
        if (r.jacobian == null) {
            warnings.add("standard errors not computed (more than 200 fitted quantities)");
        } else if (residuals <= q && !weighted) {
            warnings.add("standard errors unavailable: " + residuals + " values for " + q + " quantities");
        } else if (!r.failed) {
            // Identifiability from the SVD of the residual Jacobian in relative units (columns scaled by
            // |p_j| for linear quantities): a tiny singular value is a direction the data cannot resolve.
            double[][] scaled = new double[r.jacobian.length][q];
            for (int i = 0; i < scaled.length; i++) {
                for (int j = 0; j < q; j++) {
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
                for (int j = 0; j < q; j++) {
                    if (Math.abs(direction[j]) > 0.1) {
                        involved.add(names[j]);
                    }
                }
                warnings.add("standard errors unavailable: the Gauss-Newton Hessian is singular (condition "
                        + (smallest == 0 ? "infinite" : String.format(Locale.ROOT, "%.1e", largest / smallest))
                        + "); not identifiable from these data: " + String.join(", ", involved));
                trusted = false;
            } else {
                RealMatrix jr = new Array2DRowRealMatrix(r.jacobian, false);
                double s2 = weighted ? 1.0 : rss / Math.max(1, residuals - q);
                RealMatrix c = new LUDecomposition(jr.transposeMultiply(jr)).getSolver().getInverse()
                        .scalarMultiply(s2);
                for (int j = 0; j < q; j++) {
                    wald(j, p[j], Math.sqrt(Math.max(0, c.getEntry(j, j))), errors, low95, high95);
                    double dj = logarithmic[j] ? p[j] : 1.0;
                    for (int k = 0; k < q; k++) {
                        double dk = logarithmic[k] ? p[k] : 1.0;
                        covariance[j][k] = dj * dk * c.getEntry(j, k);
                        correlation[j][k] = c.getEntry(j, k) / Math.sqrt(c.getEntry(j, j) * c.getEntry(k, k));
                    }
                }
            }
        }
        double objective = weighted ? 0.5 * rss + r.logNormalizer : 0.5 * rss;
        List<GradientProblem> fittedProblems = new ArrayList<>();
        for (int e = 0; e < experiments.size(); e++) {
            fittedProblems.add(problem(e, p));
        }
        return new FitResult(names(), p, start.clone(), errors, covariance, correlation, low95, high95, objective,
                weighted ? "negative log-likelihood" : "least squares", Math.sqrt(rss / Math.max(1, r.values.length)),
                residuals, r.values, iterations, evaluations, trusted, method, fittedProblems.get(0),
                List.copyOf(fittedProblems), new double[] {objective}, List.copyOf(warnings));
    }

    /**
     * Quantity j's standard error and 95% interval from its standard error in the fitted
     * coordinate: {@code se_p = (dp/dtheta) se_theta}, {@code theta +- 1.96 se_theta} mapped back.
     */
    private void wald(int j, double value, double seTheta, double[] errors, double[] low, double[] high) {
        double theta = logarithmic[j] ? Math.log(value) : value;
        errors[j] = (logarithmic[j] ? value : 1.0) * seTheta;
        low[j] = logarithmic[j] ? Math.exp(theta - 1.959963984540054 * seTheta) : theta - 1.959963984540054 * seTheta;
        high[j] = logarithmic[j] ? Math.exp(theta + 1.959963984540054 * seTheta) : theta + 1.959963984540054 * seTheta;
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** The sigma of a value: the data's, else the column's, else the state's weight, else 1 (unweighted). */
    private double sigma(ObservedData data, int k, int c) {
        double s = data.sigma(k, c);
        if (!Double.isNaN(s)) {
            return s;
        }
        Double column = columnSigma.get(data.name(c));
        if (column != null) {
            return column;
        }
        int state = data.states()[c];
        return state >= 0 && !Double.isNaN(stateSigma[state]) ? stateSigma[state] : 1.0;
    }

    private boolean hasLikelihoodSigma(ObservedData data, int k, int c) {
        return !Double.isNaN(data.sigma(k, c)) || columnSigma.containsKey(data.name(c));
    }

    private Noise noise(ObservedData data, int c) {
        return noise.getOrDefault(data.name(c), Noise.NORMAL);
    }

    /**
     * Residuals (and their Jacobian by forward sensitivities, if asked) at theta. Where the model
     * cannot be integrated (a trial point where it blows up) every residual is 1e10 and the
     * Jacobian zero, so the optimizer rejects the point and shrinks its step.
     */
    private Residuals residuals(double[] theta, boolean withJacobian) {
        try {
            double[] p = parameters(theta);
            if (allFinite(p)) {
                Residuals r = evaluate(p, withJacobian);
                if (Double.isFinite(r.squaredNorm())) {
                    remember(p, 0.5 * r.squaredNorm());
                    return r;
                }
            }
        } catch (IntegrationException | IllegalStateException | IllegalArgumentException failed) {
            // the model cannot be integrated here
        }
        double[] values = new double[residuals + priors()];
        Arrays.fill(values, 1e10);
        return new Residuals(values, withJacobian ? new double[values.length][names.length] : null, false, 0, true);
    }

    private Residuals evaluate(double[] p, boolean withJacobian) {
        int q = names.length;
        int rows = residuals + priors();
        double[] values = new double[rows];
        double[][] jacobian = withJacobian ? new double[rows][q] : null;
        int[] fittedParameters = Arrays.stream(parameterOf).filter(j -> j >= 0).toArray();
        int[] fittedStates = Arrays.stream(stateOf).filter(i -> i >= 0).toArray();
        // Direction of each fitted quantity in the sensitivities: parameters first, then states.
        int[] direction = new int[q];
        for (int j = 0, a = 0, b = fittedParameters.length; j < q; j++) {
            direction[j] = parameterOf[j] >= 0 ? a++ : b++;
        }
        boolean likelihood = true;
        double logNormalizer = 0;
        int row = 0;
        int n = base.model().stateDimension();
        int m = base.model().parameterDimension();
        double[] gy = new double[n];
        double[] gp = new double[m];
        for (int e = 0; e < experiments.size(); e++) {
            ObservedData data = experiments.get(e).data();
            GradientProblem problem = observing(e, p);
            double[] times = data.times();
            double[][] states;
            double[][][] derivatives = null;
            if (withJacobian) {
                StepGrid grid = GradientSolver.grid(problem, options);
                ForwardModeGradient.Sensitivities s = ForwardModeGradient.atTimes(problem, options.method(), grid,
                        fittedParameters, fittedStates, initialTangent(e, problem.parameters(), fittedParameters,
                                fittedStates.length), times);
                states = s.states();
                derivatives = s.derivatives();
            } else {
                states = GradientSolver.trajectory(problem, options, times);
            }
            double[] pe = problem.parameters();
            for (int k = 0; k < times.length; k++) {
                for (int c = 0; c < data.columns(); c++) {
                    double d = data.value(k, c);
                    if (Double.isNaN(d)) {
                        continue;
                    }
                    double sigma = sigma(data, k, c);
                    likelihood &= hasLikelihoodSigma(data, k, c);
                    StateFunction h = data.function(c);
                    double value = h.value(times[k], states[k], pe);
                    boolean logNormal = noise(data, c) == Noise.LOG_NORMAL;
                    if (logNormal && !(value > 0 && d > 0)) {
                        throw new IllegalStateException("log-normal " + data.name(c) + ": model " + value + ", data " + d);
                    }
                    values[row] = logNormal ? (Math.log(value) - Math.log(d)) / sigma : (value - d) / sigma;
                    logNormalizer += Math.log(sigma) + 0.5 * Math.log(2 * Math.PI) + (logNormal ? Math.log(d) : 0);
                    if (withJacobian) {
                        h.gradient(times[k], states[k], pe, gy, gp);
                        double factor = (logNormal ? 1 / value : 1) / sigma;
                        for (int j = 0; j < q; j++) {
                            double dh = 0;
                            for (int i = 0; i < n; i++) {
                                dh += gy[i] * derivatives[k][i][direction[j]];
                            }
                            if (parameterOf[j] >= 0) {
                                dh += gp[parameterOf[j]];
                            }
                            dh *= factor;
                            jacobian[row][j] = logarithmic[j] ? dh * p[j] : dh;
                        }
                    }
                    row++;
                }
            }
        }
        for (int j = 0; j < q; j++) {
            if (!Double.isNaN(priorMean[j])) {
                values[row] = (p[j] - priorMean[j]) / priorDeviation[j];
                if (withJacobian) {
                    double d = 1 / priorDeviation[j];
                    jacobian[row][j] = logarithmic[j] ? d * p[j] : d;
                }
                row++;
            }
        }
        return new Residuals(values, jacobian, likelihood, logNormalizer, false);
    }

    /** The residual vector, dr/dtheta (null when not computed), and what the objective is. */
    private record Residuals(double[] values, double[][] jacobian, boolean likelihood, double logNormalizer,
            boolean failed) {
        double squaredNorm() {
            double sum = 0;
            for (double v : values) {
                sum += v * v;
            }
            return sum;
        }
    }

    /** Rows {@code dy0_i/dp} along the parameter directions for the states that follow y0(p); else null. */
    private double[][] initialTangent(int e, double[] parameters, int[] fittedParameters, int fittedStates) {
        if (initialValues == null) {
            return null;
        }
        int n = base.model().stateDimension();
        double[][] tangent = new double[n][];
        for (int i = 0; i < n; i++) {
            if (!explicitState[e][i]) {
                tangent[i] = new double[fittedParameters.length + fittedStates];
            }
        }
        double[] direction = new double[parameters.length];
        double[] column = new double[n];
        for (int a = 0; a < fittedParameters.length; a++) {
            direction[fittedParameters[a]] = 1;
            Arrays.fill(column, 0.0);
            initialValues.addJacobianProduct(parameters, direction, column);
            direction[fittedParameters[a]] = 0;
            for (int i = 0; i < n; i++) {
                if (tangent[i] != null) {
                    tangent[i][a] = column[i];
                }
            }
        }
        return tangent;
    }

    /** Experiment e at fitted values p, without an objective. */
    private GradientProblem problem(int e, double[] p) {
        double[] parameters = experimentParameters[e].clone();
        double[] state = experimentStates[e].clone();
        for (int j = 0; j < names.length; j++) {
            if (parameterOf[j] >= 0) {
                parameters[parameterOf[j]] = p[j];
            } else {
                state[stateOf[j]] = p[j];
            }
        }
        if (initialValues != null) {
            double[] y0 = new double[state.length];
            initialValues.value(parameters, y0);
            for (int i = 0; i < state.length; i++) {
                if (!explicitState[e][i]) {
                    state[i] = y0[i];
                }
            }
        }
        return new GradientProblem(base.name(), base.model(), parameters, state, base.initialTime(),
                base.finalTime(), Objective.none());
    }

    /** Experiment e at p, with J = 1/2 sum r^2 of its values as observation terms (their times grid points). */
    private GradientProblem observing(int e, double[] p) {
        GradientProblem problem = problem(e, p);
        ObservedData data = experiments.get(e).data();
        double[] times = data.times();
        Objective objective = Objective.none();
        for (int k = 0; k < times.length; k++) {
            objective = objective.observation(times[k], misfit(data, k));
        }
        return new GradientProblem(problem.name(), problem.model(), problem.parameters(), problem.initialState(),
                problem.initialTime(), problem.finalTime(), objective);
    }

    /** {@code 1/2 sum_c r_c^2} over the values measured at time index k. */
    private StateFunction misfit(ObservedData data, int k) {
        int columns = data.columns();
        double[] target = new double[columns];
        double[] sigma = new double[columns];
        boolean[] logNormal = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            target[c] = data.value(k, c);
            sigma[c] = sigma(data, k, c);
            logNormal[c] = noise(data, c) == Noise.LOG_NORMAL;
        }
        return new StateFunction() {
            // work arrays of this objective's gradient, which one solve calls at its observation times
            private double[] hy;
            private double[] hp;

            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                T sum = y[0].getField().getZero();
                for (int c = 0; c < columns; c++) {
                    if (!Double.isNaN(target[c])) {
                        T h = data.function(c).value(t, y, p);
                        T r = (logNormal[c] ? h.log().subtract(Math.log(target[c])) : h.subtract(target[c]))
                                .divide(sigma[c]);
                        sum = sum.add(r.multiply(r));
                    }
                }
                return sum.multiply(0.5);
            }

            @Override
            public double value(double t, double[] y, double[] p) {
                double sum = 0;
                for (int c = 0; c < columns; c++) {
                    if (!Double.isNaN(target[c])) {
                        double h = data.function(c).value(t, y, p);
                        double r = (logNormal[c] ? Math.log(h) - Math.log(target[c]) : h - target[c]) / sigma[c];
                        sum += r * r;
                    }
                }
                return 0.5 * sum;
            }

            @Override
            public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
                Arrays.fill(gy, 0.0);
                Arrays.fill(gp, 0.0);
                if (hy == null) {
                    hy = new double[gy.length];
                    hp = new double[gp.length];
                }
                for (int c = 0; c < columns; c++) {
                    if (!Double.isNaN(target[c])) {
                        StateFunction f = data.function(c);
                        double h = f.value(t, y, p);
                        double r = (logNormal[c] ? Math.log(h) - Math.log(target[c]) : h - target[c]) / sigma[c];
                        double w = r / sigma[c] * (logNormal[c] ? 1 / h : 1);
                        f.gradient(t, y, p, hy, hp);
                        for (int i = 0; i < gy.length; i++) {
                            gy[i] += w * hy[i];
                        }
                        for (int j = 0; j < gp.length; j++) {
                            gp[j] += w * hp[j];
                        }
                    }
                }
            }
        };
    }

    private double[] clip(double[] p) {
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.min(upper[j], Math.max(lower[j], p[j]));
        }
        return p;
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
}
