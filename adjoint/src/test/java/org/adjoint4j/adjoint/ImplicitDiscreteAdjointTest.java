package org.adjoint4j.adjoint;

import static org.adjoint4j.adjoint.GradientAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The discrete adjoint of every diagonally implicit method equals the forward-mode derivative of
 * the same implicit scheme (Newton converged in value and derivatives, {@link org.adjoint4j.solvers.GradientDiagonallyImplicitStepper})
 * to 1e-10 relative, norm-wise, on Robertson (adaptive grid over [0, 4e7] for the adaptive methods,
 * and 400 fixed steps over the fast transient [0, 0.04] for every method: uniform steps cannot
 * cross the whole range, and steps much above 1e-4 at the start let Newton find the stage
 * equations' spurious root with y2 &lt; 0) and on heat with n = 100. The production Newton
 * tolerance is 1e-12.
 */
class ImplicitDiscreteAdjointTest {

    private static final double TOLERANCE = 1e-10;

    static void compare(GradientProblem problem, GradientOptions options) {
        GradientResult adjoint = GradientSolver.solve(problem, options);
        ForwardModeGradient.Result forward = ForwardModeGradient.differentiate(problem, options.method(),
                adjoint.grid());
        String what = problem.name() + " " + options.method().name() + " N=" + adjoint.grid().steps();
        assertEquals(forward.value(), adjoint.value(), 1e-11 * Math.abs(forward.value()), what + " J");
        assertClose(forward.parameterGradient(), adjoint.parameterGradient(), TOLERANCE, what + " dJ/dp");
        assertClose(forward.initialStateGradient(), adjoint.initialStateGradient(), TOLERANCE, what + " dJ/dy0");
    }

    private static GradientProblem robertsonTransient() {
        GradientProblem p = Robertson.problem();
        return new GradientProblem("robertson[0,0.04]", p.model(), p.parameters(), p.initialState(), 0.0, 0.04,
                p.objective());
    }

    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#implicit")
    void robertson(RungeKuttaMethod method) {
        if (method.isAdaptive()) {
            compare(Robertson.problem(), GradientOptions.defaults().withMethod(method).withTolerances(1e-5, 1e-9)
                    .withCheckpoints(ScheduleSpec.binomial(6)));
        }
        compare(robertsonTransient(), GradientOptions.defaults().withMethod(method).withSteps(400)
                .withCheckpoints(ScheduleSpec.binomial(8)));
    }

    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#implicit")
    void heat(RungeKuttaMethod method) {
        compare(Heat.problem(100), GradientOptions.defaults().withMethod(method).withSteps(20)
                .withCheckpoints(ScheduleSpec.binomial(4)));
    }

    /** Observation terms at interior grid points read y_n, which SDIRK and backward Euler tapes keep apart. */
    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#implicit")
    void observationTerms(RungeKuttaMethod method) {
        GradientProblem heat = Heat.problem(30);
        Heat model = (Heat) heat.model();
        Objective objective = Objective.none().observation(0.025, model.misfit()).observation(0.05, model.misfit())
                .withTerminal(model.misfit());
        GradientProblem observed = new GradientProblem("heat-observed", model, heat.parameters(), heat.initialState(),
                0.0, 0.1, objective);
        compare(observed, GradientOptions.defaults().withMethod(method).withSteps(40)
                .withCheckpoints(ScheduleSpec.binomial(5)));
    }
}
