package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/**
 * Automatic checkpoints count a tape's real size: SDIRK and backward Euler keep {@code y_n} apart
 * from their stages (the first wave counted s vectors, not s + 1), so store-all is chosen exactly
 * when N tapes fit the budget, and the peak stays within it.
 */
class AutomaticCheckpointsTest {

    @Test
    void storeAllExactlyWhenEveryTapeFits() {
        int n = 20;
        int steps = 30;
        GradientProblem problem = Heat.problem(n);
        for (RungeKuttaMethod method : new RungeKuttaMethod[] {RungeKuttaMethods.BEULER, RungeKuttaMethods.SDIRK2,
            RungeKuttaMethods.ESDIRK4, RungeKuttaMethods.RK4}) {
            int stages = method.tableau().stages();
            boolean apart = method.tableau().matrix()[0][0] != 0.0;
            long tape = 8L * n * (stages + (apart ? 1 : 0));
            GradientOptions options = GradientOptions.defaults().withMethod(method).withSteps(steps);
            GradientResult fits = GradientSolver.solve(problem, options.withMemoryBudget(tape * steps));
            assertEquals("store-all", fits.statistics().schedule(), method.name());
            assertTrue(fits.statistics().peakCheckpointBytes() <= tape * steps, method.name());
            GradientResult tight = GradientSolver.solve(problem, options.withMemoryBudget(tape * steps - 1));
            assertTrue(tight.statistics().schedule().startsWith("binomial:"), method.name() + " "
                    + tight.statistics().schedule());
            assertTrue(tight.statistics().peakCheckpointBytes() <= tape * steps - 1, method.name() + " peak "
                    + tight.statistics().peakCheckpointBytes());
            assertEquals(fits.parameterGradient()[3], tight.parameterGradient()[3], 0.0, method.name());
        }
    }
}
