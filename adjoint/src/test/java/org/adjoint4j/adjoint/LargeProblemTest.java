package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.junit.jupiter.api.Test;

/** Lorenz-96 with 10000 states and 10000 parameters, with binomial checkpoints. */
class LargeProblemTest {

    @Test
    void tenThousandParametersWithBinomialCheckpoints() {
        GradientProblem problem = Lorenz96.problem(10_000);
        GradientOptions options = GradientOptions.defaults().withTolerances(1e-6, 1e-8);
        GradientResult binomial = GradientSolver.solve(problem, options.withCheckpoints(ScheduleSpec.binomial(8)));
        GradientResult online = GradientSolver.solve(problem, options.withCheckpoints(ScheduleSpec.online(8)));
        assertEquals(10_000, binomial.parameterGradient().length);
        assertArrayEquals(binomial.parameterGradient(), online.parameterGradient(), 0.0);
        assertTrue(binomial.statistics().peakCheckpoints() <= 8);
        // Snapshots and one tape: 8 states plus 6 stages of 10000 doubles.
        assertTrue(binomial.statistics().peakCheckpointBytes() <= (8 + 6) * 8L * 10_000);
        // Smooth projection v = (1, ..., 1): the sum of dJ/dF is stable across tolerances.
        double sum = 0;
        for (double g : binomial.parameterGradient()) {
            sum += g;
        }
        GradientResult tighter = GradientSolver.solve(problem, options.withTolerances(1e-9, 1e-11)
                .withCheckpoints(ScheduleSpec.binomial(8)));
        double sumTight = 0;
        for (double g : tighter.parameterGradient()) {
            sumTight += g;
        }
        assertEquals(sumTight, sum, 1e-4 * Math.abs(sumTight));
    }
}
