package org.adjoint4j.adjoint;

import org.adjoint4j.checkpointing.CheckpointSchedule;
import org.adjoint4j.checkpointing.ScheduleKind;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.AdaptiveIntegration;
import org.adjoint4j.solvers.ButcherTableau;
import org.adjoint4j.solvers.CountingOde;
import org.adjoint4j.solvers.ExplicitRungeKuttaStepper;
import org.adjoint4j.solvers.ParametricOde;
import org.adjoint4j.solvers.StepGrid;

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
     * @throws org.adjoint4j.solvers.IntegrationException if the integration fails (non-finite
     *         values, too many steps), naming the time, step and component
     */
    public static GradientResult solve(GradientProblem problem, GradientOptions options) {
        if (options.steps() == 0 && !options.method().isAdaptive()) {
            throw new IllegalArgumentException("method " + options.method().cliName() + " has no error estimate: give "
                    + "a number of steps, or use dopri5, dop853 or higham-hall");
        }
        long start = System.nanoTime();
        CountingOde counting = new CountingOde(problem.model());
        Objective objective = problem.objective();
        ParametricOde model = objective.running() == null ? counting : new AugmentedOde(counting, objective.running());
        int n = problem.model().stateDimension();
        int dimension = model.stateDimension();
        double[] p = problem.parameters();
        double[] y0 = java.util.Arrays.copyOf(problem.initialState(), dimension);
        ButcherTableau tableau = options.method().tableau();

        StepGrid grid;
        OnlineCapture capture = null;
        double[] forwardFinal = null;
        long forwardEnd = -1;
        if (options.steps() > 0) {
            grid = StepGrid.uniform(problem.initialTime(), problem.finalTime(), options.steps(),
                    objective.observationTimes());
        } else {
            boolean online = options.checkpoints() != null && options.checkpoints().kind() == ScheduleKind.ONLINE;
            capture = online ? new OnlineCapture(options.checkpoints().snapshots(), y0) : null;
            double[] rtol = new double[dimension];
            double[] atol = new double[dimension];
            java.util.Arrays.fill(rtol, options.relativeTolerance());
            java.util.Arrays.fill(atol, options.absoluteTolerance());
            AdaptiveIntegration.Result forward = AdaptiveIntegration.integrate(options.method(), model, p,
                    problem.initialTime(), y0, problem.finalTime(), objective.observationTimes(), rtol, atol,
                    options.maxSteps(), capture);
            grid = forward.grid();
            forwardFinal = forward.finalState();
            forwardEnd = System.nanoTime();
        }

        CheckpointSchedule schedule = schedule(options, grid.steps(), dimension, tableau.stages());
        ExplicitRungeKuttaStepper stepper = new ExplicitRungeKuttaStepper(tableau, model, p);
        ExplicitRungeKuttaAdjoint adjoint = new ExplicitRungeKuttaAdjoint(tableau, model, p);
        ScheduleExecutor executor = new ScheduleExecutor(stepper, adjoint, counting, grid, p, objective, n,
                options.diskDirectory());
        ScheduleExecutor.Outcome outcome = executor.run(schedule, y0, capture, forwardFinal);
        long end = System.nanoTime();
        if (forwardEnd < 0) {
            forwardEnd = outcome.forwardEndNanos;
        }
        AdjointStatistics stats = new AdjointStatistics(grid.steps(), outcome.advances, outcome.tapedSteps,
                counting.rhsEvaluations(), counting.vjpEvaluations(), 0, outcome.peakSnapshots, outcome.peakBytes,
                (forwardEnd - start) * 1e-9, (end - forwardEnd) * 1e-9, specText(schedule));
        return new GradientResult(outcome.value, outcome.mu, java.util.Arrays.copyOf(outcome.lambda, n),
                outcome.finalState, grid, stats);
    }

    /**
     * The schedule the options ask for, for N steps; automatic: store-all if N tapes fit the
     * memory budget, else binomial with as many snapshots as fit beside one tape.
     */
    static CheckpointSchedule schedule(GradientOptions options, int steps, int dimension, int stages) {
        ScheduleSpec spec = options.checkpoints();
        if (spec != null) {
            return spec.forSteps(steps);
        }
        long tapeBytes = 8L * stages * dimension;
        long stateBytes = 8L * dimension;
        long budget = options.memoryBudgetBytes();
        if (tapeBytes * steps <= budget) {
            return ScheduleSpec.storeAll().forSteps(steps);
        }
        long snapshots = (budget - tapeBytes) / stateBytes;
        if (snapshots < 1) {
            throw new IllegalArgumentException("memory budget of " + budget + " bytes holds no snapshot of "
                    + stateBytes + " bytes beside one tape of " + tapeBytes + " bytes");
        }
        return ScheduleSpec.binomial((int) Math.min(Math.min(snapshots, steps), Integer.MAX_VALUE)).forSteps(steps);
    }

    private static String specText(CheckpointSchedule schedule) {
        switch (schedule.kind()) {
            case STORE_ALL:
                return "store-all";
            case UNIFORM:
                return "uniform:" + ((org.adjoint4j.checkpointing.UniformSchedule) schedule).interval();
            case DISK:
                return "disk:" + schedule.snapshots() + "," + schedule.diskSnapshots();
            default:
                return schedule.kind().cliName() + ":" + schedule.snapshots();
        }
    }
}
