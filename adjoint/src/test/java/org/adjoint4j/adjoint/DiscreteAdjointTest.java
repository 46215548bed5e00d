package org.adjoint4j.adjoint;

import static org.adjoint4j.adjoint.GradientAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The discrete adjoint equals forward-mode derivatives of the same discrete scheme (same steps),
 * for every explicit method, to 1e-12 relative (norm-wise) on Lotka–Volterra and Lorenz-96 (n = 40).
 */
class DiscreteAdjointTest {
    static java.util.List<RungeKuttaMethod> rk4AndDopri5() {
        return java.util.List.of(RungeKuttaMethods.RK4, RungeKuttaMethods.DOPRI5);
    }

    static java.util.List<RungeKuttaMethod> adaptiveExplicit() {
        return java.util.List.of(RungeKuttaMethods.DOPRI5, RungeKuttaMethods.DOP853, RungeKuttaMethods.HIGHAM_HALL);
    }


    private static final double TOLERANCE = 1e-12;

    private static void compare(GradientProblem problem, GradientOptions options) {
        GradientResult adjoint = GradientSolver.solve(problem, options);
        ForwardModeGradient.Result forward = ForwardModeGradient.differentiate(problem, options.method(),
                adjoint.grid());
        String what = problem.name() + " " + options.method().name() + " N=" + adjoint.grid().steps();
        assertEquals(forward.value(), adjoint.value(), 1e-14 * Math.abs(forward.value()), what + " J");
        assertClose(forward.parameterGradient(), adjoint.parameterGradient(), TOLERANCE, what + " dJ/dp");
        assertClose(forward.initialStateGradient(), adjoint.initialStateGradient(), TOLERANCE, what + " dJ/dy0");
    }

    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#explicit")
    void lotkaVolterraFixedSteps(RungeKuttaMethod method) {
        compare(LotkaVolterra.problem(), GradientOptions.defaults().withMethod(method).withSteps(400)
                .withCheckpoints(ScheduleSpec.binomial(7)));
    }

    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#explicit")
    void lorenz96FixedSteps(RungeKuttaMethod method) {
        compare(Lorenz96.problem(40), GradientOptions.defaults().withMethod(method).withSteps(200)
                .withCheckpoints(ScheduleSpec.binomial(9)));
    }

    @ParameterizedTest
    @MethodSource("adaptiveExplicit")
    void adaptiveGrids(RungeKuttaMethod method) {
        compare(LotkaVolterra.problem(), GradientOptions.defaults().withMethod(method).withTolerances(1e-9, 1e-11));
        compare(Lorenz96.problem(40), GradientOptions.defaults().withMethod(method).withTolerances(1e-8, 1e-10)
                .withCheckpoints(ScheduleSpec.online(6)));
    }

    @ParameterizedTest
    @MethodSource("rk4AndDopri5")
    void observationTermsOffAndOnTheUniformGrid(RungeKuttaMethod method) {
        GradientProblem base = LotkaVolterra.problem();
        Objective objective = base.objective()
                .observation(0.0, LotkaVolterra.PRODUCT)
                .observation(2.5, LotkaVolterra.HALF_X_SQUARED)
                .observation(3.3333, LotkaVolterra.PRODUCT)
                .observation(10.0, LotkaVolterra.PRODUCT);
        GradientProblem problem = new GradientProblem("lv-observed", base.model(), base.parameters(),
                base.initialState(), 0.0, 10.0, objective);
        GradientOptions options = method.isAdaptive() ? GradientOptions.defaults().withMethod(method)
                : GradientOptions.defaults().withMethod(method).withSteps(300);
        compare(problem, options);
    }
}
