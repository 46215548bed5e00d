package org.adjoint4j.estimation.control;

import java.util.Arrays;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.estimation.optimize.Lbfgs;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.hipparchus.CalculusFieldElement;

/**
 * Direct single shooting: minimize {@code J(c) = integral L dt + phi(x(T))} over the control
 * coefficients c by L-BFGS, each evaluation one forward solve and one discrete adjoint on
 * {@code stepsPerInterval * K} fixed steps (interval boundaries are grid points).
 */
public final class OptimalControl {

    private final ControlSystem system;
    private final ControlParameterization kind;
    private final int intervals;
    private final int stepsPerInterval;
    private final RungeKuttaMethod method;

    /**
     * @param system the controlled system
     * @param kind the parameterization
     * @param intervals K
     * @param stepsPerInterval fixed steps per interval
     * @param method the method
     */
    public OptimalControl(ControlSystem system, ControlParameterization kind, int intervals, int stepsPerInterval,
            RungeKuttaMethod method) {
        if (intervals < 1) {
            throw new IllegalArgumentException("control intervals must be >= 1, got " + intervals);
        }
        if (stepsPerInterval < 1) {
            throw new IllegalArgumentException("steps per interval must be >= 1, got " + stepsPerInterval);
        }
        this.system = system;
        this.kind = kind;
        this.intervals = intervals;
        this.stepsPerInterval = stepsPerInterval;
        this.method = method;
    }

    /**
     * RK4 with 4 steps per interval.
     *
     * @param system the controlled system
     * @param kind the parameterization
     * @param intervals K
     */
    public OptimalControl(ControlSystem system, ControlParameterization kind, int intervals) {
        this(system, kind, intervals, 4, RungeKuttaMethods.RK4);
    }

    /** @return the gradient problem for coefficients c */
    GradientProblem problem(double[] coefficients) {
        ControlledModel model = new ControlledModel(system, kind, intervals);
        int n = system.stateDimension();
        StateFunction cost = new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                throw new UnsupportedOperationException("control costs are evaluated on doubles");
            }

            @Override
            public double value(double t, double[] xq, double[] p) {
                return system.terminal(Arrays.copyOf(xq, n)) + xq[n];
            }

            @Override
            public void gradient(double t, double[] xq, double[] p, double[] gy, double[] gp) {
                double[] gx = new double[n];
                system.terminalGradient(Arrays.copyOf(xq, n), gx);
                System.arraycopy(gx, 0, gy, 0, n);
                gy[n] = 1.0;
                Arrays.fill(gp, 0.0);
            }
        };
        return new GradientProblem(system.name(), model, coefficients, model.initialState(), 0.0,
                system.finalTime(), Objective.terminal(cost));
    }

    /** @return the options: fixed steps, store-all or binomial as memory allows */
    GradientOptions options() {
        return GradientOptions.defaults().withMethod(method).withSteps(stepsPerInterval * intervals);
    }

    /**
     * @param coefficients c (not modified)
     * @return J(c) and dJ/dc
     */
    public GradientResult gradient(double[] coefficients) {
        return GradientSolver.solve(problem(coefficients), options());
    }

    /**
     * Minimizes J from the given coefficients.
     *
     * @param start starting coefficients (not modified), e.g. zeros
     * @param lower lower bound of every control, or -infinity
     * @param upper upper bound of every control, or +infinity
     * @param progress sees each iteration (may be null)
     * @return the optimum and its trajectory
     */
    public ControlResult solve(double[] start, double lower, double upper, Lbfgs.Listener progress) {
        int size = kind.coefficients(intervals, system.controlDimension());
        if (start.length != size) {
            throw new IllegalArgumentException(start.length + " starting coefficients, " + size + " needed");
        }
        double[] lo = new double[size];
        double[] hi = new double[size];
        Arrays.fill(lo, lower);
        Arrays.fill(hi, upper);
        long[] nanos = {0};
        Lbfgs.Result r = new Lbfgs(12, 1e-8, 2000).minimize((c, g) -> {
            long t = System.nanoTime();
            GradientResult result;
            try {
                result = gradient(c);
            } catch (IntegrationException blowUp) {
                return Double.POSITIVE_INFINITY; // a trial control where the state blows up: the line search backs off
            } finally {
                nanos[0] += System.nanoTime() - t;
            }
            System.arraycopy(result.parameterGradient(), 0, g, 0, g.length);
            return result.value();
        }, start, Double.isInfinite(lower) ? null : lo, Double.isInfinite(upper) ? null : hi, progress);
        return result(r, nanos[0] * 1e-9 / r.evaluations());
    }

    private ControlResult result(Lbfgs.Result r, double secondsPerGradient) {
        // The states at every step, by replaying the optimum's grid once: O(steps); asking for each
        // step's time as an observation made this quadratic in the number of steps.
        GradientSolver.Trajectory run = GradientSolver.trajectory(problem(r.point()), options());
        double[] times = run.times();
        double[][] xq = run.states();
        int n = system.stateDimension();
        int c = system.controlDimension();
        double[][] states = new double[times.length][];
        double[][] controls = new double[times.length][c];
        for (int k = 0; k < times.length; k++) {
            states[k] = Arrays.copyOf(xq[k], n);
            kind.evaluate(times[k], system.finalTime(), intervals, r.point(), controls[k]);
        }
        return new ControlResult(system.name(), kind, intervals, r.point(), r.value(), r.iterations(), r.evaluations(),
                r.converged(), times, states, controls, secondsPerGradient);
    }
}
