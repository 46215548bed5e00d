package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.solvers.StiffnessException;
import org.junit.jupiter.api.Test;

/**
 * An explicit run limited by stability says so (or stops, if asked), and runs limited by accuracy
 * say nothing: heat (rho(f_y) ~ 4/h^2) on dopri5 is stiff; Lotka–Volterra and Lorenz-96 are not;
 * Euler with four steps on Lotka–Volterra is beyond its stability limit.
 */
class StiffnessWarningTest {

    private static final GradientOptions DOPRI5 = GradientOptions.defaults().withTolerances(1e-6, 1e-8);

    @Test
    void stiffHeatOnAnExplicitMethodWarns() {
        GradientResult r = GradientSolver.solve(Heat.problem(50), DOPRI5);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("the problem is stiff: the steps of the explicit run are limited by "
                + "stability"), r.warnings().get(0));
        assertTrue(r.warnings().get(0).contains("dopri5's stability limit is 3.31"), r.warnings().get(0));
        // The same problem on an implicit method: nothing to say.
        assertEquals(0, GradientSolver.solve(Heat.problem(50), DOPRI5.withMethod(RungeKuttaMethods.ESDIRK4))
                .warnings().size());
    }

    @Test
    void askedToStopItStopsEarly() {
        StiffnessException e = assertThrows(StiffnessException.class,
                () -> GradientSolver.solve(Heat.problem(50), DOPRI5.withStopWhenStiff(true)));
        // Four samples 16 steps apart: at step 64, long before the run's thousands of steps.
        assertEquals(64, e.step());
        assertTrue(e.getMessage().contains("use an implicit method (esdirk4)"), e.getMessage());
    }

    @Test
    void accuracyLimitedRunsSayNothing() {
        for (GradientOptions o : new GradientOptions[] {GradientOptions.defaults(),
            GradientOptions.defaults().withMethod(RungeKuttaMethods.DOP853),
            GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(200)}) {
            assertEquals(0, GradientSolver.solve(LotkaVolterra.problem(), o).warnings().size(), o.method().name());
            assertEquals(0, GradientSolver.solve(Lorenz96.problem(40), o).warnings().size(), o.method().name());
        }
    }

    @Test
    void fixedStepsBeyondStabilityWarn() {
        GradientResult r = GradientSolver.solve(LotkaVolterra.problem(),
                GradientOptions.defaults().withMethod(RungeKuttaMethods.EULER).withSteps(4));
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).startsWith("the fixed steps are beyond the explicit method's stability limit"),
                r.warnings().get(0));
        assertTrue(r.warnings().get(0).contains("euler's stability limit is 2.00"), r.warnings().get(0));
    }
}
