package org.adjoint4j.adjoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.adjoint4j.checkpointing.CheckpointSchedule;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.CountingOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.QuadratureOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.AdaptiveIntegration;
import org.adjoint4j.solvers.Breakpoints;
import org.adjoint4j.solvers.ForwardTapes;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.ReplayStepper;
import org.adjoint4j.solvers.StepGrid;
import org.hipparchus.CalculusFieldElement;

/**
 * The gradient of an objective of an ODE solution with respect to the parameters and the initial
 * state, by the discrete adjoint of the Runge–Kutta steps and any checkpointing schedule.
 *
 * <ol>
 *   <li>The grid: uniform with observation times inserted ({@code steps > 0}), or the accepted
 *       steps of Hipparchus's adaptive integrator, run piecewise between observation times. With
 *       online checkpointing that run is the schedule's first sweep.</li>
 *   <li>The schedule for N steps; automatic checkpoints store every tape if they fit the memory
 *       budget, otherwise use binomial checkpointing with as many snapshots as fit.</li>
 *   <li>The executor runs the schedule: replayed forward steps (bit for bit those of the forward
 *       solve), taped steps and their adjoints, accumulating {@code dJ/dy_0} and {@code dJ/dp}.</li>
 * </ol>
 * The cost of a gradient does not depend on the number of parameters.
 */
public final class GradientSolver {

    private GradientSolver() {
    }

    /**
     * Computes J and its gradient.
     *
     * @param problem what to differentiate
     * @param options how
     * @return J, dJ/dp, dJ/dy0 and statistics
     * @throws IntegrationException if the integration fails (non-finite
     *         values, too many steps), naming the time, step and component
     */
    public static GradientResult solve(GradientProblem problem, GradientOptions options) {
        requireStepsOrAdaptive(options);
        return solve(problem, options, (StepGrid) null, null);
    }

    /**
     * Computes J and its gradient, reporting progress.
     *
     * @param problem what to differentiate
     * @param options how
     * @param progress sees the adaptive solve's time reached and the fraction of steps reversed
     * @return J, dJ/dp, dJ/dy0 and statistics
     */
    public static GradientResult solve(GradientProblem problem, GradientOptions options, ProgressListener progress) {
        requireStepsOrAdaptive(options);
        return solve(problem, options, (StepGrid) null, progress);
    }

    /**
     * Computes J and its gradient on a given grid (the options' steps and tolerances are
     * ignored): the derivative of one fixed discrete map, e.g. the grid an adaptive run chose at a
     * reference point, frozen for Taylor tests or optimization.
     *
     * @param problem what to differentiate
     * @param options the method and checkpoints
     * @param grid the steps from t0 to t1, with every observation time a grid point
     * @return J, dJ/dp, dJ/dy0 and statistics
     * @throws IllegalArgumentException if the grid does not span the problem or misses an
     *         observation time
     */
    public static GradientResult solveOnGrid(GradientProblem problem, GradientOptions options, StepGrid grid) {
        requireGridFits(problem, grid);
        return solve(problem, options, grid, null);
    }

    /**
     * J alone on a given grid, to the last bit the J of {@link #solveOnGrid}.
     *
     * @param problem what to evaluate
     * @param options the method
     * @param grid the steps from t0 to t1, with every observation time a grid point
     * @return J
     */
    public static double valueOnGrid(GradientProblem problem, GradientOptions options, StepGrid grid) {
        requireGridFits(problem, grid);
        return value(problem, options, grid);
    }

    private static void requireGridFits(GradientProblem problem, StepGrid grid) {
        if (grid.initialTime() != problem.initialTime() || grid.finalTime() != problem.finalTime()) {
            throw new IllegalArgumentException("grid spans [" + grid.initialTime() + ", " + grid.finalTime()
                    + "], the problem [" + problem.initialTime() + ", " + problem.finalTime() + "]");
        }
        for (double t : problem.objective().observationTimes()) {
            if (grid.indexOf(t) < 0) {
                throw new IllegalArgumentException("observation time " + t + " is not a point of the grid");
            }
        }
    }

    private static GradientResult solve(GradientProblem problem, GradientOptions options, StepGrid fixedGrid,
            ProgressListener progress) {
        long start = System.nanoTime();
        CountingOde counting = new CountingOde(problem.model());
        Objective objective = problem.objective();
        ParametricOde model = objective.running() == null ? counting : new QuadratureOde(counting, objective.running());
        int n = problem.model().stateDimension();
        int dimension = model.stateDimension();
        double[] p = problem.parameters();
        double[] y0 = Arrays.copyOf(problem.initialState(), dimension);
        DiscreteMethod method = options.method();

        ReplayStepper stepper = method.stepper(model, p, options.resolvedNewton());
        StepGrid grid;
        OnlineCapture capture = null;
        CapturedTapes tapes = null;
        StiffnessMonitor monitor = null;
        double[] forwardFinal = null;
        long forwardEnd = -1;
        if (fixedGrid != null) {
            grid = fixedGrid;
        } else if (!options.stepping().isAdaptive()) {
            grid = StepGrid.uniform(problem.initialTime(), problem.finalTime(), options.stepping().steps(),
                    objective.observationTimes());
        } else {
            ScheduleSpec requested = options.checkpointing().schedule();
            int onlineSlots = requested == null ? 0 : requested.onlineSlots();
            capture = onlineSlots > 0 ? new OnlineCapture(onlineSlots, y0) : null;
            if (requested == null || requested.equals(ScheduleSpec.storeAll())) {
                // Store-all (asked for, or what automatic checkpointing picks when N tapes fit the
                // budget) keeps every tape: take them during the forward run instead of after it.
                tapes = new CapturedTapes(stepper, options.checkpointing().memoryBudgetBytes());
            }
            AdaptiveIntegration.StepListener progressListener = null;
            if (progress != null) {
                double t0 = problem.initialTime();
                double span = problem.finalTime() - t0;
                double[] reported = {0};
                progressListener = (k, t, yk) -> {
                    double fraction = (t - t0) / span;
                    if (fraction >= reported[0] + 0.005) {
                        reported[0] = fraction;
                        progress.progress("forward", fraction);
                    }
                };
            }
            if (Double.isFinite(method.stabilityLimit())) {
                monitor = new StiffnessMonitor(problem.model(), p, method, problem.initialTime(),
                        options.stopWhenStiff());
            }
            AdaptiveIntegration.StepListener listener = both(both(capture, monitor), progressListener);
            AdaptiveIntegration.Result forward = adaptive(options, model, problem, y0, listener, tapes);
            grid = forward.grid();
            forwardFinal = forward.finalState();
            forwardEnd = System.nanoTime();
        }

        ScheduleSpec spec = scheduleSpec(options, grid.steps(), dimension, stepper.tapeBytes());
        CheckpointSchedule schedule = spec.forSteps(grid.steps());
        requireFitsInHeap(schedule, spec, dimension, stepper.tapeBytes());
        DiscreteAdjointStepper adjoint = method.adjoint(model, p);
        ScheduleExecutor executor = new ScheduleExecutor(stepper, adjoint, counting, grid, p, objective, n,
                options.checkpointing().diskDirectory());
        executor.setProgressListener(progress);
        ScheduleExecutor.Outcome outcome = executor.run(schedule, y0, capture, forwardFinal, tapes);
        long end = System.nanoTime();
        if (forwardEnd < 0) {
            forwardEnd = outcome.forwardEndNanos();
        }
        long linearSolves = stepper.linearSolves() + adjoint.linearSolves();
        AdjointStatistics stats = new AdjointStatistics(grid.steps(), outcome.advances(), outcome.tapedSteps(),
                counting.rhsEvaluations(), counting.vjpEvaluations(), linearSolves, outcome.peakSnapshots(),
                outcome.peakBytes(),
                (forwardEnd - start) * 1e-9, (end - forwardEnd) * 1e-9, spec.text());
        List<String> warnings = new ArrayList<>();
        if (monitor != null && monitor.warning() != null) {
            warnings.add(monitor.warning());
        } else if (monitor == null && Double.isFinite(method.stabilityLimit()) && grid.steps() > 0) {
            String unstable = new StiffnessMonitor(problem.model(), p, method, grid.initialTime(), false)
                    .checkFixedSteps(grid.initialTime(), y0, grid.stepSize(0), grid.finalTime(), outcome.finalState(),
                            grid.stepSize(grid.steps() - 1));
            if (unstable != null) {
                warnings.add(unstable);
            }
        }
        return new GradientResult(outcome.value(), outcome.mu().clone(), Arrays.copyOf(outcome.lambda(), n),
                outcome.finalState(), grid, stats, warnings);
    }

    private static AdaptiveIntegration.StepListener both(AdaptiveIntegration.StepListener a,
            AdaptiveIntegration.StepListener b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return (k, t, y) -> {
            a.accepted(k, t, y);
            b.accepted(k, t, y);
        };
    }

    /**
     * J alone, by the forward solve a gradient computation starts with (same grid, same steps,
     * same J to the last bit), without taping or reversing anything: the cost a user pays without
     * gradients, and the baseline of the gradient/forward ratio.
     *
     * @param problem what to evaluate
     * @param options how (checkpoints are ignored)
     * @return J
     */
    public static double value(GradientProblem problem, GradientOptions options) {
        requireStepsOrAdaptive(options);
        return value(problem, options, null);
    }

    private static double value(GradientProblem problem, GradientOptions options, StepGrid fixedGrid) {
        Objective objective = problem.objective();
        ParametricOde model = objective.running() == null ? problem.model()
                : new QuadratureOde(problem.model(), objective.running());
        int n = problem.model().stateDimension();
        int dimension = model.stateDimension();
        double[] p = problem.parameters();
        double[] y = Arrays.copyOf(problem.initialState(), dimension);
        double[] state = new double[n];
        // Each observation term's value, summed at the end in the executor's order (reverse time),
        // so the two agree to the last bit.
        List<Objective.Observation> observations = objective.observations();
        double[] terms = new double[observations.size()];
        if (fixedGrid != null || !options.stepping().isAdaptive()) {
            StepGrid grid = fixedGrid != null ? fixedGrid : StepGrid.uniform(problem.initialTime(),
                    problem.finalTime(), options.stepping().steps(), objective.observationTimes());
            int[] index = grid.indicesOfBreakpoints(observations.stream().mapToDouble(Objective.Observation::time)
                    .toArray(), objective.observationTimes());
            // Observations in the order of their grid points, walked once beside the steps.
            Integer[] byIndex = new Integer[index.length];
            for (int i = 0; i < byIndex.length; i++) {
                byIndex[i] = i;
            }
            Arrays.sort(byIndex, (a, b) -> Integer.compare(index[a], index[b]));
            int next0 = 0;
            ReplayStepper stepper = options.method().stepper(model, p, options.resolvedNewton());
            double[] next = new double[dimension];
            for (int k = 0; k <= grid.steps(); k++) {
                while (next0 < byIndex.length && index[byIndex[next0]] == k) {
                    int i = byIndex[next0++];
                    System.arraycopy(y, 0, state, 0, n);
                    terms[i] = observations.get(i).cost().value(grid.time(k), state, p);
                }
                if (k < grid.steps()) {
                    stepper.advance(grid.time(k), grid.stepSize(k), y, next);
                    double[] t = y;
                    y = next;
                    next = t;
                }
            }
        } else {
            double t0 = problem.initialTime();
            double t1 = problem.finalTime();
            double[] inner = Breakpoints.inner(t0, t1, objective.observationTimes());
            double[] snapped = new double[terms.length];
            for (int i = 0; i < snapped.length; i++) {
                snapped[i] = Breakpoints.snap(t0, t1, inner, observations.get(i).time());
            }
            observe(observations, snapped, t0, y, state, p, terms);
            y = adaptive(options, model, problem, y,
                    (k, t, yk) -> observe(observations, snapped, t, yk, state, p, terms), null).finalState();
        }
        System.arraycopy(y, 0, state, 0, n);
        double value = 0;
        if (objective.terminal() != null) {
            value += objective.terminal().value(problem.finalTime(), state, p);
        }
        if (objective.running() != null) {
            value += y[n];
        }
        Integer[] order = new Integer[terms.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(observations.get(b).time(), observations.get(a).time()));
        for (int i : order) {
            value += terms[i];
        }
        if (!Double.isFinite(value)) {
            throw new IntegrationException("the objective J is " + value + " (t=" + problem.finalTime()
                    + "): a term of the objective or the final state is not finite", problem.finalTime(), -1, null);
        }
        return value;
    }

    /**
     * The grid a gradient computation with these options takes: uniform with the observation
     * times inserted, or the accepted steps of the adaptive forward solve (which this runs).
     *
     * @param problem the problem (its observation times are grid points)
     * @param options steps or tolerances
     * @return the grid
     */
    public static StepGrid grid(GradientProblem problem, GradientOptions options) {
        requireStepsOrAdaptive(options);
        Objective objective = problem.objective();
        if (!options.stepping().isAdaptive()) {
            return StepGrid.uniform(problem.initialTime(), problem.finalTime(), options.stepping().steps(),
                    objective.observationTimes());
        }
        ParametricOde model = objective.running() == null ? problem.model()
                : new QuadratureOde(problem.model(), objective.running());
        return adaptive(options, model, problem,
                Arrays.copyOf(problem.initialState(), model.stateDimension()), null, null).grid();
    }

    /**
     * The states at every point of the grid a gradient computation with these options takes
     * ({@link #grid}), by replaying its steps: to the last bit the states the gradient's forward
     * sweep computes (its objective's running cost, if any, is not integrated here and does not
     * change them).
     *
     * @param problem the problem (its observation times are grid points)
     * @param options steps or tolerances
     * @return the grid's times and {@code y_k}, one row per grid point
     */
    public static Trajectory trajectory(GradientProblem problem, GradientOptions options) {
        return trajectory(problem, options, grid(problem, options));
    }

    /**
     * The states at every point of a given grid, by replaying its steps as a gradient's forward
     * sweep on that grid does.
     *
     * @param problem the problem
     * @param options method and Newton settings (the stepping is the grid's)
     * @param grid the grid
     * @return the grid's times and {@code y_k}, one row per grid point
     */
    public static Trajectory trajectory(GradientProblem problem, GradientOptions options, StepGrid grid) {
        requireGridFits(problem, grid);
        Objective objective = problem.objective();
        ParametricOde model = objective.running() == null ? problem.model()
                : new QuadratureOde(problem.model(), objective.running());
        int n = problem.model().stateDimension();
        ReplayStepper stepper = options.method().stepper(model, problem.parameters(), options.resolvedNewton());
        double[] y = Arrays.copyOf(problem.initialState(), model.stateDimension());
        double[] next = new double[y.length];
        double[] times = new double[grid.steps() + 1];
        double[][] states = new double[grid.steps() + 1][];
        for (int k = 0; k <= grid.steps(); k++) {
            times[k] = grid.time(k);
            states[k] = Arrays.copyOf(y, n);
            if (k < grid.steps()) {
                stepper.advance(grid.time(k), grid.stepSize(k), y, next);
                double[] t = y;
                y = next;
                next = t;
            }
        }
        return new Trajectory(times, states);
    }

    /**
     * States along a run.
     *
     * @param times the times
     * @param states {@code states[k]} at {@code times[k]}
     */
    public record Trajectory(double[] times, double[][] states) {
    }

    /**
     * The states at given times by the forward solve, each time a grid point of the run (a
     * breakpoint of an adaptive one): what fits plot and compare with data.
     *
     * @param problem the model, parameters, initial state and time span (its objective is ignored)
     * @param options steps or tolerances
     * @param times times in [t0, t1] (not modified)
     * @return {@code y(times[k])}, one row per time
     */
    public static double[][] trajectory(GradientProblem problem, GradientOptions options, double[] times) {
        int n = problem.model().stateDimension();
        double[][] states = new double[times.length][];
        List<Objective.Observation> probes = new ArrayList<>(times.length);
        for (int k = 0; k < times.length; k++) {
            int index = k;
            // A zero observation term that keeps the state it is evaluated at: value() evaluates
            // each observation once, at its grid point.
            probes.add(new Objective.Observation(times[k], new StateFunction() {
                @Override
                public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                    return y[0].getField().getZero();
                }

                @Override
                public double value(double t, double[] y, double[] p) {
                    states[index] = Arrays.copyOf(y, n);
                    return 0.0;
                }

                @Override
                public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
                    Arrays.fill(gy, 0.0);
                    Arrays.fill(gp, 0.0);
                }
            }));
        }
        value(new GradientProblem(problem.name(), problem.model(), problem.parameters(), problem.initialState(),
                problem.initialTime(), problem.finalTime(), Objective.none().withObservations(probes)), options);
        return states;
    }

    private static void requireStepsOrAdaptive(GradientOptions options) {
        if (options.stepping().isAdaptive() && !options.method().isAdaptive()) {
            throw new IllegalArgumentException("method " + options.method().name() + " has no error estimate: give "
                    + "a number of steps, or use an adaptive method (" + org.adjoint4j.solvers.RungeKuttaMethods
                            .adaptiveNames() + ")");
        }
    }

    /** The adaptive forward run of the options' method (Hipparchus's integrator for explicit pairs). */
    private static AdaptiveIntegration.Result adaptive(GradientOptions options, ParametricOde model,
            GradientProblem problem, double[] y0, AdaptiveIntegration.StepListener listener, ForwardTapes tapes) {
        Stepping stepping = options.stepping();
        double[] rtol = new double[y0.length];
        double[] atol = new double[y0.length];
        Arrays.fill(rtol, stepping.relativeTolerance());
        Arrays.fill(atol, stepping.absoluteTolerance());
        return options.method().integrate(model, problem.parameters(), problem.initialTime(), y0, problem.finalTime(),
                problem.objective().observationTimes(), rtol, atol, stepping.maxSteps(), options.resolvedNewton(),
                listener, tapes);
    }

    /** Evaluates the observation terms whose grid point is t, with the state part of y. */
    private static void observe(List<Objective.Observation> observations, double[] snapped, double t,
            double[] y, double[] state, double[] p, double[] terms) {
        for (int i = 0; i < terms.length; i++) {
            if (snapped[i] == t) {
                System.arraycopy(y, 0, state, 0, state.length);
                terms[i] = observations.get(i).cost().value(t, state, p);
            }
        }
    }

    /**
     * The schedule the options ask for; automatic: store-all if N tapes fit the memory budget,
     * else binomial with as many snapshots as fit beside one tape.
     */
    static ScheduleSpec scheduleSpec(GradientOptions options, int steps, int dimension, long tapeBytes) {
        ScheduleSpec spec = options.checkpointing().schedule();
        if (spec != null) {
            return spec;
        }
        long stateBytes = 8L * dimension;
        long budget = options.checkpointing().memoryBudgetBytes();
        if (tapeBytes * steps <= budget) {
            return ScheduleSpec.storeAll();
        }
        long snapshots = (budget - tapeBytes) / stateBytes;
        if (snapshots < 1) {
            throw new IllegalArgumentException("memory budget of " + budget + " bytes holds no snapshot of "
                    + stateBytes + " bytes beside one tape of " + tapeBytes + " bytes");
        }
        return ScheduleSpec.binomial((int) Math.min(Math.min(snapshots, steps), Integer.MAX_VALUE));
    }

    /**
     * A schedule whose tapes and RAM snapshots cannot fit in the heap is refused before the sweep
     * starts, saying what would fit, rather than ending in an OutOfMemoryError halfway.
     */
    private static void requireFitsInHeap(CheckpointSchedule schedule, ScheduleSpec spec, int dimension,
            long tapeBytes) {
        long tapes = Math.min(schedule.tapeCapacity(), Math.max(1, schedule.steps()));
        long need = tapes * tapeBytes + (long) schedule.snapshots() * 8L * dimension;
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (need > free) {
            long fit = Math.max(1, (free / 2 - tapeBytes) / (8L * dimension));
            throw new IllegalArgumentException("checkpoints " + spec.text() + " need " + megabytes(need) + " for "
                    + schedule.steps() + " steps (" + tapes + " tapes of " + tapeBytes + " bytes), more than the "
                    + megabytes(free) + " of heap free: use binomial checkpointing (binomial:"
                    + Math.min(fit, Integer.MAX_VALUE) + " fits in half of it), automatic checkpoints with a memory "
                    + "budget, or a larger heap");
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
