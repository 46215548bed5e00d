package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.junit.jupiter.api.Test;

/**
 * Progress is reported through the adaptive forward solve (time reached) and the schedule's
 * execution (steps reversed), increasing, at most about 200 times each, without changing the
 * result.
 */
class ProgressTest {

    @Test
    void phasesAdvanceMonotonicallyAndTheGradientIsUnchanged() {
        GradientProblem problem = LotkaVolterra.problem();
        GradientOptions options = GradientOptions.defaults().withTolerances(1e-12, 1e-14)
                .withCheckpoints(ScheduleSpec.online(5));
        List<String> phases = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        GradientResult reported = GradientSolver.solve(problem, options, (phase, fraction) -> {
            phases.add(phase);
            fractions.add(fraction);
        });
        GradientResult silent = GradientSolver.solve(problem, options);
        assertArrayEquals(silent.parameterGradient(), reported.parameterGradient(), 0.0);
        assertTrue(reported.grid().steps() > 400, "enough steps to report often: " + reported.grid().steps());
        int firstBackward = phases.indexOf("backward");
        assertTrue(firstBackward > 0, "the forward solve reports first");
        assertEquals(-1, phases.subList(firstBackward, phases.size()).indexOf("forward"), "then only backward");
        for (int i = 1; i < fractions.size(); i++) {
            if (phases.get(i).equals(phases.get(i - 1))) {
                assertTrue(fractions.get(i) > fractions.get(i - 1), "increasing at " + i);
            }
        }
        assertTrue(phases.size() <= 2 * 215, phases.size() + " reports: about 200 per phase");
        assertTrue(fractions.get(fractions.size() - 1) > 0.99, "the backward sweep reaches the end");
    }

    /** A fixed grid's first sweep reports too (it runs inside the schedule's execution), then the reversal. */
    @Test
    void aFixedGridReportsItsForwardSweep() {
        GradientProblem problem = LotkaVolterra.problem();
        for (ScheduleSpec schedule : new ScheduleSpec[] {ScheduleSpec.storeAll(), ScheduleSpec.binomial(20)}) {
            GradientOptions options = GradientOptions.defaults().withSteps(10_000).withCheckpoints(schedule);
            List<String> phases = new ArrayList<>();
            List<Double> fractions = new ArrayList<>();
            GradientSolver.solve(problem, options, (phase, fraction) -> {
                phases.add(phase);
                fractions.add(fraction);
            });
            int firstBackward = phases.indexOf("backward");
            assertTrue(firstBackward >= 150, schedule + ": " + firstBackward + " forward reports first");
            assertEquals(-1, phases.subList(firstBackward, phases.size()).indexOf("forward"), "then only backward");
            for (int i = 1; i < firstBackward; i++) {
                assertTrue(fractions.get(i) > fractions.get(i - 1), "increasing at " + i);
            }
            assertTrue(fractions.get(firstBackward - 1) > 0.98, "the forward sweep reaches the end");
        }
    }
}
