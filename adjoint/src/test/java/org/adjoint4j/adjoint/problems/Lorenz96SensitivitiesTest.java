package org.adjoint4j.adjoint.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/**
 * The forward-sensitivity competitor differentiates the same RK4 scheme as the adjoint: their
 * gradients agree to round-off (5e-12 of the largest), wrap-around rows included (n = 4, the
 * smallest, and n = 12). Not at n = 40: there the flow is chaotic enough over T = 2 that one ulp in
 * x0 moves x(T) by 1.4e-9 (8e5 times), so two orders of the same sums differ in the ninth digit.
 */
class Lorenz96SensitivitiesTest {

    @Test
    void forwardSensitivitiesEqualTheAdjointOfTheSameScheme() {
        for (int n : new int[] {4, 12}) {
            GradientProblem problem = Lorenz96.problem(n);
            int steps = 200;
            GradientResult adjoint = GradientSolver.solve(problem, GradientOptions.defaults()
                    .withMethod(RungeKuttaMethods.RK4).withSteps(steps));
            double[] forward = Lorenz96Sensitivities.gradient(problem.initialState(), problem.parameters(),
                    Lorenz96.FINAL_TIME, steps);
            double scale = 0;
            for (double g : forward) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int j = 0; j < n; j++) {
                assertEquals(adjoint.parameterGradient()[j], forward[j], 5e-12 * scale, "n=" + n + " dJ/dF" + j);
            }
        }
    }
}
