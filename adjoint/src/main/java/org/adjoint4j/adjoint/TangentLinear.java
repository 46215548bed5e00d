package org.adjoint4j.adjoint;

import java.util.Arrays;
import java.util.List;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.QuadratureOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.StepGrid;
import org.adjoint4j.solvers.TangentStepper;

/**
 * The directional derivative of J through the discrete scheme on a given grid (forward mode, one
 * direction per sweep):
 * <pre>
 *   dJ = dJ/dp . q + dJ/dy0 . v
 *      = sum_k (l_k,y . dy_k + l_k,p . q) + dq_N + phi_y . dy_N + phi_p . q,
 *   dy_{n+1} = (dPhi_n/dy) dy_n + (dPhi_n/dp) q,  dy_0 = v
 * </pre>
 * with the running cost a quadrature state advanced like y. It shares no code with the adjoint
 * sweep, so {@code dJ = <(mu, lambda_0), (q, v)>} is the dot-product test of the adjoint; its cost
 * is one forward solve per direction, independent of m (the adjoint's is one per output).
 */
public final class TangentLinear {

    /**
     * @param value J
     * @param derivative {@code dJ} in the direction (q, v)
     * @param finalState {@code y_N}
     * @param finalTangent {@code dy_N}
     */
    public record Result(double value, double derivative, double[] finalState, double[] finalTangent) {
    }

    private TangentLinear() {
    }

    /**
     * @param problem the problem
     * @param options the method (and Newton's settings)
     * @param grid the steps, every observation time a grid point
     * @param q the parameter direction, length m (not modified)
     * @param v the initial-state direction, length n (not modified)
     * @return J, dJ and the final state with its tangent
     */
    public static Result directional(GradientProblem problem, GradientOptions options, StepGrid grid, double[] q,
            double[] v) {
        int n = problem.model().stateDimension();
        int m = problem.model().parameterDimension();
        if (q.length != m || v.length != n) {
            throw new IllegalArgumentException("directions have lengths " + q.length + " and " + v.length
                    + ", the problem has " + m + " parameters and " + n + " states");
        }
        Objective objective = problem.objective();
        ParametricOde model = objective.running() == null ? problem.model()
                : new QuadratureOde(problem.model(), objective.running());
        int dimension = model.stateDimension();
        double[] p = problem.parameters();
        TangentStepper stepper = options.method().tangentStepper(model, p, options.resolvedNewton());
        double[] y = Arrays.copyOf(problem.initialState(), dimension);
        double[] dy = Arrays.copyOf(v, dimension);
        double[] yNext = new double[dimension];
        double[] dyNext = new double[dimension];
        double[] gy = new double[n];
        double[] gp = new double[m];
        double[] state = new double[n];
        double[] tangent = new double[n];
        double value = 0;
        double derivative = 0;
        List<Objective.Observation> observations = objective.observations();
        double[] times = objective.observationTimes();
        int[] index = grid.indicesOfBreakpoints(observations.stream().mapToDouble(Objective.Observation::time)
                .toArray(), times);
        for (int k = 0; k <= grid.steps(); k++) {
            for (int i = 0; i < index.length; i++) {
                if (index[i] == k) {
                    System.arraycopy(y, 0, state, 0, n);
                    System.arraycopy(dy, 0, tangent, 0, n);
                    StateFunction l = observations.get(i).cost();
                    value += l.value(grid.time(k), state, p);
                    derivative += directional(l, grid.time(k), state, tangent, p, q, gy, gp);
                }
            }
            if (k < grid.steps()) {
                stepper.step(grid.time(k), grid.stepSize(k), y, dy, q, yNext, dyNext);
                double[] swap = y;
                y = yNext;
                yNext = swap;
                swap = dy;
                dy = dyNext;
                dyNext = swap;
            }
        }
        System.arraycopy(y, 0, state, 0, n);
        System.arraycopy(dy, 0, tangent, 0, n);
        if (objective.terminal() != null) {
            value += objective.terminal().value(grid.finalTime(), state, p);
            derivative += directional(objective.terminal(), grid.finalTime(), state, tangent, p, q, gy, gp);
        }
        if (objective.running() != null) {
            value += y[n];
            derivative += dy[n];
        }
        return new Result(value, derivative, state.clone(), tangent.clone());
    }

    /** l_y . dy + l_p . q. */
    private static double directional(StateFunction l, double t, double[] y, double[] dy, double[] p, double[] q,
            double[] gy, double[] gp) {
        l.gradient(t, y, p, gy, gp);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += gy[i] * dy[i];
        }
        for (int j = 0; j < p.length; j++) {
            sum += gp[j] * q[j];
        }
        return sum;
    }
}
