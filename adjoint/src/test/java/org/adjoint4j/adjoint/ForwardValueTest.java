package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/** The forward solve alone gives the J of the gradient computation, bit for bit. */
class ForwardValueTest {

    @Test
    void valueEqualsTheGradientsJ() {
        GradientProblem lv = LotkaVolterra.problem();
        GradientProblem observed = new GradientProblem("lv-obs", lv.model(), lv.parameters(), lv.initialState(), 0, 10,
                lv.objective().observation(0, LotkaVolterra.PRODUCT).observation(4.2, LotkaVolterra.PRODUCT)
                        .observation(10, LotkaVolterra.HALF_X_SQUARED)
                        .observation(10 - 1e-13, LotkaVolterra.PRODUCT)); // snapped onto T by uniform grids
        for (GradientProblem problem : new GradientProblem[] {lv, observed, Lorenz96.problem(30)}) {
            for (GradientOptions options : new GradientOptions[] {GradientOptions.defaults(),
                GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(333)}) {
                assertEquals(GradientSolver.solve(problem, options).value(), GradientSolver.value(problem, options), 0.0,
                        problem.name() + " " + options.method().name());
            }
        }
    }
}
