package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/**
 * The first wave's wrong gradient: a model whose parameter products write only their support,
 * with a running cost, got stale entries added into dJ/dp (the quadrature wrapper did not pass
 * the support on). y' = -y + p_k on four intervals of [0, 1] (k the interval containing t), RK4
 * with 40 steps, J = y(1)^2 / 2 + integral of y^2: the adjoint gave [0.296, 0.451, 0.592, 0.734],
 * central differences [0.296, 0.268, 0.252, 0.246].
 */
class ParameterSupportTest {

    /** y' = -y + p_k(t), products written only at k. */
    static final class PiecewiseForcing implements ParametricOde {
        @Override
        public int stateDimension() {
            return 1;
        }

        @Override
        public int parameterDimension() {
            return 4;
        }

        static int interval(double t) {
            return Math.min(3, Math.max(0, (int) Math.floor(4 * t)));
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            yDot[0] = -y[0] + p[interval(t)];
        }

        @Override
        public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
            out[0] = -w[0];
        }

        @Override
        public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
            out[interval(t)] = w[0]; // the contract: only the support is written
        }

        @Override
        public int parameterSupportStart(double t) {
            return interval(t);
        }

        @Override
        public int parameterSupportEnd(double t) {
            return interval(t) + 1;
        }
    }

    private static final StateFunction SQUARE = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return y[0].multiply(y[0]);
        }
    };

    private static final StateFunction HALF_SQUARE = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return y[0].multiply(y[0]).multiply(0.5);
        }
    };

    @Test
    void runningCostWithASupportGivesTheRightGradient() {
        GradientProblem problem = new GradientProblem("piecewise forcing", new PiecewiseForcing(),
                new double[] {0.5, 1.0, -0.5, 2.0}, new double[] {1.0}, 0.0, 1.0,
                Objective.terminal(HALF_SQUARE).withRunning(SQUARE));
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.byName("rk4"))
                .withSteps(40);
        double[] differences = new double[4];
        for (int k = 0; k < 4; k++) {
            double[] plus = problem.parameters();
            double[] minus = problem.parameters();
            plus[k] += 1e-4;
            minus[k] -= 1e-4;
            // J is quadratic in p (y is affine in p), so central differences are exact but for rounding.
            differences[k] = (GradientSolver.value(problem.withParameters(plus), options)
                    - GradientSolver.value(problem.withParameters(minus), options)) / 2e-4;
        }
        for (ScheduleSpec spec : new ScheduleSpec[] {ScheduleSpec.storeAll(), ScheduleSpec.binomial(3)}) {
            double[] adjoint = GradientSolver.solve(problem, options.withCheckpoints(spec)).parameterGradient();
            for (int k = 0; k < 4; k++) {
                assertEquals(differences[k], adjoint[k], 1e-8 * Math.abs(differences[k]), spec.text() + " dJ/dp_" + k);
            }
        }
    }
}
