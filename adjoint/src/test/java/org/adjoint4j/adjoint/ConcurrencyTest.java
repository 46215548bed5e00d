package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/**
 * Gradients are reproducible: the same bits on every run and when many threads compute them at
 * once on one shared problem (each solve has its own workspaces; models keep theirs per thread).
 */
class ConcurrencyTest {

    private record Case(GradientProblem problem, GradientOptions options) {
    }

    private static List<Case> cases() {
        GradientProblem lv = LotkaVolterra.problem();
        return List.of(
                new Case(lv, GradientOptions.defaults().withCheckpoints(ScheduleSpec.online(4))),
                new Case(new GradientProblem("lv-tape", ParametricOde.automatic(new LotkaVolterra()), lv.parameters(),
                        lv.initialState(), 0.0, 10.0, lv.objective()), GradientOptions.defaults()
                        .withMethod(RungeKuttaMethods.RK4).withSteps(300).withCheckpoints(ScheduleSpec.binomial(5))),
                new Case(Lorenz96.problem(60), GradientOptions.defaults().withMethod(RungeKuttaMethods.DOP853)
                        .withTolerances(1e-8, 1e-10)),
                new Case(Robertson.problem(), GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
                        .withTolerances(1e-6, 1e-10).withCheckpoints(ScheduleSpec.binomial(6))),
                new Case(Heat.problem(80), GradientOptions.defaults().withMethod(RungeKuttaMethods.SDIRK2).withSteps(30)));
    }

    @Test
    void concurrentGradientsEqualSequentialOnesBitForBit() throws Exception {
        List<Case> cases = cases();
        List<GradientResult> sequential = new ArrayList<>();
        for (Case c : cases) {
            sequential.add(GradientSolver.solve(c.problem(), c.options()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<GradientResult>> futures = new ArrayList<>();
            for (int repeat = 0; repeat < 4; repeat++) {
                for (Case c : cases) {
                    futures.add(pool.submit(() -> GradientSolver.solve(c.problem(), c.options())));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                GradientResult expected = sequential.get(i % cases.size());
                GradientResult actual = futures.get(i).get();
                String what = cases.get(i % cases.size()).problem().name() + " run " + i;
                assertEquals(expected.value(), actual.value(), 0.0, what);
                assertArrayEquals(expected.parameterGradient(), actual.parameterGradient(), 0.0, what + " dJ/dp");
                assertArrayEquals(expected.initialStateGradient(), actual.initialStateGradient(), 0.0, what + " dJ/dy0");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
