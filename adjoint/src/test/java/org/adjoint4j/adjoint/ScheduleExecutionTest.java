package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.checkpointing.DiskCosts;
import org.adjoint4j.checkpointing.ScheduleCounts;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.CountingOde;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every schedule gives the same gradient, bit for bit, and the statistics show exactly the
 * recomputation the schedule predicts.
 */
class ScheduleExecutionTest {

    /** The first wave's 14 schedules. */
    static final List<ScheduleSpec> SCHEDULES = List.of(
            ScheduleSpec.storeAll(), ScheduleSpec.uniform(1), ScheduleSpec.uniform(7), ScheduleSpec.uniform(1000),
            ScheduleSpec.binomial(1), ScheduleSpec.binomial(2), ScheduleSpec.binomial(5), ScheduleSpec.binomial(20),
            ScheduleSpec.binomial(500), ScheduleSpec.online(2), ScheduleSpec.online(4), ScheduleSpec.online(15),
            ScheduleSpec.disk(2, 5, DiskCosts.DEFAULT), ScheduleSpec.disk(1, 200, new DiskCosts(1, 1, 0.5, 0.5)));

    private static void assertSameForEverySchedule(GradientProblem problem, GradientOptions base) {
        GradientResult reference = GradientSolver.solve(problem, base.withCheckpoints(ScheduleSpec.storeAll()));
        int steps = reference.grid().steps();
        for (ScheduleSpec spec : SCHEDULES) {
            GradientResult r = GradientSolver.solve(problem, base.withCheckpoints(spec));
            String what = problem.name() + " " + spec.text();
            assertEquals(reference.value(), r.value(), 0.0, what);
            assertArrayEquals(reference.parameterGradient(), r.parameterGradient(), 0.0, what + " dJ/dp");
            assertArrayEquals(reference.initialStateGradient(), r.initialStateGradient(), 0.0, what + " dJ/dy0");
            ScheduleCounts predicted = spec.forSteps(steps).counts();
            assertEquals(predicted.advances(), r.statistics().advances(), what + " advances");
            assertEquals(steps, r.statistics().tapedSteps(), what + " taped steps");
            assertEquals(spec.text(), r.statistics().schedule());
        }
    }

    @Test
    void fixedStepsGiveBitIdenticalGradients() {
        assertSameForEverySchedule(LotkaVolterra.problem(), GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4)
                .withSteps(240));
        assertSameForEverySchedule(Lorenz96.problem(40), GradientOptions.defaults().withMethod(RungeKuttaMethods.DOPRI5)
                .withSteps(150));
    }

    @Test
    void adaptiveRunsGiveBitIdenticalGradients() {
        assertSameForEverySchedule(LotkaVolterra.problem(), GradientOptions.defaults().withTolerances(1e-8, 1e-10));
        assertSameForEverySchedule(Lorenz96.problem(40), GradientOptions.defaults().withMethod(RungeKuttaMethods.DOP853)
                .withTolerances(1e-9, 1e-11));
    }

    /** The right-hand side count is that of the forward steps the schedule makes. */
    @Test
    void implicitRunsGiveBitIdenticalGradients() {
        // Newton's decisions depend only on (t_n, h_n, y_n), so replays from snapshots repeat them.
        assertSameForEverySchedule(Robertson.problem(), GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
                .withTolerances(1e-6, 1e-10));
        assertSameForEverySchedule(Heat.problem(60), GradientOptions.defaults().withMethod(RungeKuttaMethods.SDIRK2)
                .withSteps(90));
        // adaptive and banded: store-all takes its tapes from the forward run, the others replay
        assertSameForEverySchedule(Heat.problem(60), GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK3)
                .withTolerances(1e-7, 1e-10));
    }

    /**
     * An adaptive implicit store-all run keeps the tapes of its forward steps: its right-hand sides
     * are those of the forward run alone (counted on the same grid by {@link GradientSolver#grid}),
     * and a memory budget too small for N tapes falls back to replaying, with the same bits.
     */
    @Test
    void adaptiveImplicitStoreAllDoesNotReplayItsForwardRun() {
        CountingOde counting = new CountingOde(Robertson.problem().model());
        GradientProblem robertson = Robertson.problem();
        GradientProblem counted = new GradientProblem(robertson.name(), counting, robertson.parameters(),
                robertson.initialState(), robertson.initialTime(), robertson.finalTime(), robertson.objective());
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
                .withTolerances(1e-7, 1e-11);
        GradientSolver.grid(counted, options);
        long forwardAlone = counting.rhsEvaluations();
        GradientResult storeAll = GradientSolver.solve(robertson, options);
        assertEquals("store-all", storeAll.statistics().schedule());
        assertEquals(forwardAlone, storeAll.statistics().rhsEvaluations(), "no replay of the forward sweep");
        assertEquals(storeAll.grid().steps(), storeAll.statistics().tapedSteps());

        // 10 tapes fit: the capture gives up, automatic checkpointing picks binomial and replays
        long tape = 8L * 4 * RungeKuttaMethods.ESDIRK4.tableau().stages();
        GradientResult small = GradientSolver.solve(robertson, options.withMemoryBudget(10 * tape + 64));
        assertTrue(small.statistics().schedule().startsWith("binomial"), small.statistics().schedule());
        assertTrue(small.statistics().rhsEvaluations() > forwardAlone, "binomial replays");
        assertEquals(storeAll.value(), small.value(), 0.0);
        assertArrayEquals(storeAll.parameterGradient(), small.parameterGradient(), 0.0);
        assertArrayEquals(storeAll.initialStateGradient(), small.initialStateGradient(), 0.0);
    }

    @Test
    void rhsCountsFollowTheSchedule() {
        int steps = 200;
        int stages = RungeKuttaMethods.RK4.tableau().stages();
        for (ScheduleSpec spec : SCHEDULES) {
            GradientResult r = GradientSolver.solve(Lorenz96.problem(16), GradientOptions.defaults()
                    .withMethod(RungeKuttaMethods.RK4).withSteps(steps).withCheckpoints(spec));
            ScheduleCounts predicted = spec.forSteps(steps).counts();
            assertEquals(stages * predicted.forwardSteps(), r.statistics().rhsEvaluations(), spec.text());
            assertEquals(stages * (long) steps, r.statistics().vjpEvaluations(), spec.text());
        }
    }

    /** Online checkpointing of an adaptive run recomputes nothing for its first sweep. */
    @Test
    void onlineAdaptiveRunsReuseTheForwardSolve() {
        GradientOptions options = GradientOptions.defaults().withCheckpoints(ScheduleSpec.online(6));
        GradientResult r = GradientSolver.solve(LotkaVolterra.problem(), options);
        int steps = r.grid().steps();
        ScheduleCounts predicted = ScheduleSpec.online(6).forSteps(steps).counts();
        // DOPRI5: 6 stages a step; the FSAL derivative and the initial step estimate make the
        // forward solve's own count, the rest is the schedule's recomputation minus its first sweep.
        long recomputed = 6 * (predicted.forwardSteps() - steps);
        assertTrue(r.statistics().rhsEvaluations() < recomputed + 8L * steps,
                "rhs " + r.statistics().rhsEvaluations() + " for " + steps + " steps");
    }

    @Test
    void diskSnapshotsAreCleanedUp(@TempDir Path dir) throws Exception {
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(100)
                .withCheckpoints(ScheduleSpec.disk(1, 20, DiskCosts.DEFAULT)).withDiskDirectory(dir);
        GradientResult r = GradientSolver.solve(LotkaVolterra.problem(), options);
        assertTrue(r.statistics().peakCheckpoints() > 1);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no snapshot file left behind");
        }
    }
}
