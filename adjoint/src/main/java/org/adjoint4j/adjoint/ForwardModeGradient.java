package org.adjoint4j.adjoint;

import java.util.Arrays;
import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.QuadratureOde;
import org.adjoint4j.solvers.GradientStepper;
import org.adjoint4j.solvers.StepGrid;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Forward-mode derivatives of the same discrete scheme the adjoint differentiates: the whole run
 * on Hipparchus {@link Gradient}s seeded with (p, y0), on a given grid, with the running cost as a
 * quadrature state and the same terminal and observation terms, each step the method's own
 * {@link DiscreteMethod#gradientStepper}. It shares no code with the adjoint, so it is the
 * reference for "discrete adjoint = derivative of the discrete map"; its cost grows with m + n
 * (one derivative per parameter and initial value), the adjoint's does not.
 */
public final class ForwardModeGradient {

    /**
     * @param value J
     * @param parameterGradient dJ/dp
     * @param initialStateGradient dJ/dy0
     * @param finalState y_N
     * @param finalStateJacobian {@code d y_N / d(p, y0)}: n rows, m + n columns (parameters first)
     */
    public record Result(double value, double[] parameterGradient, double[] initialStateGradient,
            double[] finalState, double[][] finalStateJacobian) {
    }

    private ForwardModeGradient() {
    }

    /**
     * @param model a model
     * @return its version over any field
     * @throws IllegalArgumentException if it has none
     */
    public static FieldParametricOde fieldModel(ParametricOde model) {
        FieldParametricOde field = model.field();
        if (field == null) {
            throw new IllegalArgumentException("forward mode needs the model written over CalculusFieldElement "
                    + "(ParametricOde.field()); " + model.getClass().getName() + " has none");
        }
        return field;
    }

    /**
     * @param problem the problem (its model must have a field version, see {@link #fieldModel})
     * @param method the method of every step
     * @param grid the steps, e.g. {@link GradientResult#grid()} of the adjoint run to compare with
     * @return J, its gradient and the final state with its Jacobian
     */
    public static Result differentiate(GradientProblem problem, DiscreteMethod method, StepGrid grid) {
        FieldParametricOde model = fieldModel(problem.model());
        int n = model.stateDimension();
        int m = model.parameterDimension();
        int free = m + n;
        Objective objective = problem.objective();
        Gradient[] p = Fields.variables(problem.parameters(), free, 0);
        Gradient[] y0 = Fields.variables(problem.initialState(), free, m);
        FieldParametricOde augmented = objective.running() == null ? model
                : QuadratureOde.field(model, objective.running());
        Gradient[] y = Fields.zeros(y0[0], augmented.stateDimension());
        System.arraycopy(y0, 0, y, 0, n);
        GradientStepper stepper = method.gradientStepper(augmented, p);
        Gradient j = Gradient.constant(free, 0.0);
        for (int k = 0; k <= grid.steps(); k++) {
            j = j.add(observations(objective, grid.time(k), y, p, n));
            if (k < grid.steps()) {
                y = stepper.step(grid.time(k), grid.stepSize(k), y);
            }
        }
        Gradient[] state = Arrays.copyOf(y, n);
        if (objective.terminal() != null) {
            j = j.add(objective.terminal().value(Gradient.constant(free, grid.finalTime()), state, p));
        }
        if (objective.running() != null) {
            j = j.add(y[n]);
        }
        double[] g = j.getGradient();
        double[][] jacobian = new double[n][];
        for (int i = 0; i < n; i++) {
            jacobian[i] = state[i].getGradient();
        }
        return new Result(j.getValue(), Arrays.copyOf(g, m), Arrays.copyOfRange(g, m, m + n), Fields.real(state),
                jacobian);
    }

    /**
     * @param states {@code y(t_k)}, one row per time
     * @param derivatives {@code d y_i(t_k) / d p_j} for the chosen parameters: [time][state][parameter]
     */
    public record Sensitivities(double[][] states, double[][][] derivatives) {
    }

    /**
     * Forward sensitivities of the discrete trajectory at given grid times with respect to chosen
     * parameters: one forward run on Gradients with one direction per chosen parameter, the
     * cheap way to a least-squares Jacobian when parameters are fewer than residuals.
     *
     * @param problem the model, parameters and initial state (its objective is ignored)
     * @param method the method of every step
     * @param grid the steps; every time must be one of its points
     * @param parameters indices of the parameters to differentiate by
     * @param times the times (not modified)
     * @return the states and their derivatives at the times
     * @throws IllegalArgumentException if a time is not a grid point
     */
    public static Sensitivities atTimes(GradientProblem problem, DiscreteMethod method, StepGrid grid,
            int[] parameters, double[] times) {
        return atTimes(problem, method, grid, parameters, new int[0], times);
    }

    /**
     * Forward sensitivities at given grid times with respect to chosen parameters and chosen
     * initial states: directions {@code 0..parameters.length-1} are the parameters, the next ones
     * the initial states, in the orders given.
     *
     * @param problem the model, parameters and initial state (its objective is ignored)
     * @param method the method of every step
     * @param grid the steps; every time must be one of its points
     * @param parameters indices of the parameters to differentiate by
     * @param initialStates indices of the initial states to differentiate by
     * @param times the times (not modified)
     * @return the states and their derivatives at the times
     * @throws IllegalArgumentException if a time is not a grid point
     */
    public static Sensitivities atTimes(GradientProblem problem, DiscreteMethod method, StepGrid grid,
            int[] parameters, int[] initialStates, double[] times) {
        return atTimes(problem, method, grid, parameters, initialStates, null, times);
    }

    /**
     * Forward sensitivities as {@link #atTimes(GradientProblem, DiscreteMethod, StepGrid, int[], int[],
     * double[])}, the initial state's tangent along each direction given: where {@code y_0 = y_0(p)},
     * row i of {@code initialTangent} holds {@code dy_0i/dp_j} for the parameter directions, and the
     * derivatives are then total ones.
     *
     * @param problem the model, parameters and initial state (its objective is ignored)
     * @param method the method of every step
     * @param grid the steps; every time must be one of its points
     * @param parameters indices of the parameters to differentiate by
     * @param initialStates indices of the initial states to differentiate by
     * @param initialTangent null, or n rows (null rows: zero) of length
     *        {@code parameters.length + initialStates.length}, added to the unit seeds
     * @param times the times (not modified)
     * @return the states and their derivatives at the times
     * @throws IllegalArgumentException if a time is not a grid point or a tangent row has another length
     */
    public static Sensitivities atTimes(GradientProblem problem, DiscreteMethod method, StepGrid grid,
            int[] parameters, int[] initialStates, double[][] initialTangent, double[] times) {
        FieldParametricOde model = fieldModel(problem.model());
        int n = model.stateDimension();
        int free = parameters.length + initialStates.length;
        Gradient[] p = Fields.constants(problem.parameters(), free);
        for (int j = 0; j < parameters.length; j++) {
            p[parameters[j]] = Gradient.variable(free, j, problem.parameters()[parameters[j]]);
        }
        int[] index = new int[times.length];
        for (int k = 0; k < times.length; k++) {
            index[k] = grid.indexOf(times[k]);
            if (index[k] < 0) {
                throw new IllegalArgumentException("time " + times[k] + " is not a point of the grid");
            }
        }
        GradientStepper stepper = method.gradientStepper(model, p);
        Gradient[] y = Fields.constants(problem.initialState(), free);
        for (int i = 0; initialTangent != null && i < n; i++) {
            if (initialTangent[i] != null) {
                if (initialTangent[i].length != free) {
                    throw new IllegalArgumentException("initial tangent row " + i + " has length "
                            + initialTangent[i].length + ", expected " + free);
                }
                y[i] = new Gradient(problem.initialState()[i], initialTangent[i].clone());
            }
        }
        for (int k = 0; k < initialStates.length; k++) {
            int i = initialStates[k];
            y[i] = Gradient.variable(free, parameters.length + k, problem.initialState()[i]);
        }
        double[][] states = new double[times.length][];
        double[][][] derivatives = new double[times.length][][];
        for (int step = 0; step <= grid.steps(); step++) {
            for (int k = 0; k < times.length; k++) {
                if (index[k] == step) {
                    states[k] = Fields.real(y);
                    derivatives[k] = new double[n][];
                    for (int i = 0; i < n; i++) {
                        derivatives[k][i] = y[i].getGradient();
                    }
                }
            }
            if (step < grid.steps()) {
                y = stepper.step(grid.time(step), grid.stepSize(step), y);
            }
        }
        return new Sensitivities(states, derivatives);
    }

    private static Gradient observations(Objective objective, double t, Gradient[] y, Gradient[] p, int n) {
        int free = p[0].getFreeParameters();
        Gradient sum = Gradient.constant(free, 0.0);
        for (Objective.Observation o : objective.observations()) {
            if (o.time() == t) {
                sum = sum.add(o.cost().value(Gradient.constant(free, t), Arrays.copyOf(y, n), p));
            }
        }
        return sum;
    }
}
