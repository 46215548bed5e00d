package org.adjoint4j.adjoint.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.adjoint4j.adjoint.ForwardModeGradient;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/**
 * The spiral's discrete adjoint equals forward mode of the same discrete scheme (every weight and
 * every initial state, one Gradient run) to 1e-11, explicit and implicit, adaptive and fixed, and
 * central differences; the data follow the exact flow.
 */
class NeuralSpiralTest {

    /** Width 6, two hidden layers: 2*6+6 + 6*6+6 + 6*2+2 = 74 weights, 40 states. */
    static GradientProblem small() {
        NeuralSpiral spiral = new NeuralSpiral(6, 2);
        double[] p = spiral.initialParameters(5);
        Random random = new Random(3);
        for (int j = 0; j < p.length; j++) {
            p[j] += 0.3 * random.nextGaussian();
        }
        return spiral.batch(p, NeuralSpiral.windowStarts(new Random(11)));
    }

    static void agreesWithForwardMode(GradientProblem problem, GradientOptions options) {
        GradientResult adjoint = GradientSolver.solve(problem, options);
        ForwardModeGradient.Result forward = ForwardModeGradient.differentiate(problem, options.method(),
                adjoint.grid());
        String what = options.method().name() + " N=" + adjoint.grid().steps();
        assertEquals(forward.value(), adjoint.value(), 1e-14 * Math.abs(forward.value()), what);
        double scale = 0;
        for (double g : forward.parameterGradient()) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int j = 0; j < forward.parameterGradient().length; j++) {
            assertEquals(forward.parameterGradient()[j], adjoint.parameterGradient()[j], 1e-11 * scale,
                    what + " " + problem.model().parameterName(j));
        }
        for (int i = 0; i < forward.initialStateGradient().length; i++) {
            assertEquals(forward.initialStateGradient()[i], adjoint.initialStateGradient()[i], 1e-11 * scale,
                    what + " y0 " + i);
        }
    }

    @Test
    void adjointEqualsForwardModeOfTheSameScheme() {
        GradientProblem problem = small();
        agreesWithForwardMode(problem, GradientOptions.defaults().withMethod(RungeKuttaMethods.DOPRI5)
                .withTolerances(1e-7, 1e-9));
        agreesWithForwardMode(problem, GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(12)
                .withCheckpoints(ScheduleSpec.binomial(3)));
        agreesWithForwardMode(problem, GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK3)
                .withTolerances(1e-6, 1e-8));
    }

    @Test
    void adjointEqualsCentralDifferences() {
        GradientProblem problem = small();
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(20);
        GradientResult r = GradientSolver.solve(problem, options);
        double h = 1e-6;
        for (int j : new int[] {0, 7, 20, 41, 73}) {
            double[] plus = problem.parameters();
            double[] minus = problem.parameters();
            plus[j] += h;
            minus[j] -= h;
            double fd = (GradientSolver.value(problem.withParameters(plus), options)
                    - GradientSolver.value(problem.withParameters(minus), options)) / (2 * h);
            assertEquals(fd, r.parameterGradient()[j], 1e-7 * Math.max(1, Math.abs(fd)), problem.model()
                    .parameterName(j));
        }
    }

    @Test
    void theDemoHas252WeightsAndItsDataFollowTheExactFlow() {
        NeuralSpiral demo = NeuralSpiral.demo();
        GradientProblem p = demo.problem();
        assertEquals(252, p.model().parameterDimension());
        assertEquals(40, p.model().stateDimension());
        // RK4 with 100 steps per point against 1000 per point: the data are converged.
        NeuralSpiral again = new NeuralSpiral(50, 1);
        assertEquals(again.data(999)[0], demo.data(999)[0], 0.0);
        double r = Math.hypot(demo.data(999)[0], demo.data(999)[1]);
        assertTrue(r < 2.0 && r > 0.1, "the spiral winds inwards: radius " + r);
        int[] starts = NeuralSpiral.windowStarts(new Random(0));
        assertEquals(20, java.util.Arrays.stream(starts).distinct().count());
        assertTrue(java.util.Arrays.stream(starts).allMatch(s -> s >= 0 && s < 990));
    }
}
