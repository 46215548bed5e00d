package org.adjoint4j.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.TestModels;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replay reproduces Hipparchus's own forward states bit for bit; taped steps equal advances. */
class ExplicitRungeKuttaStepperTest {
    static java.util.List<RungeKuttaMethod> adaptiveExplicit() {
        return java.util.List.of(RungeKuttaMethods.DOPRI5, RungeKuttaMethods.DOP853, RungeKuttaMethods.HIGHAM_HALL);
    }


    private static final double[] P = {1.5, 1.0, 3.0, 1.0};

    @ParameterizedTest
    @MethodSource("adaptiveExplicit")
    void replaysHipparchusAdaptiveRunsBitForBit(RungeKuttaMethod method) {
        ParametricOde model = new TestModels.PredatorPrey();
        List<double[]> states = new ArrayList<>();
        AdaptiveIntegration.Result run = method.integrate(model, P, 0.0, new double[] {1, 1}, 10.0,
                new double[] {2.5, 7.0}, new double[] {1e-9, 1e-9}, new double[] {1e-11, 1e-11}, 1_000_000,
                NewtonSettings.DEFAULT, (k, t, y) -> states.add(y));
        StepGrid grid = run.grid();
        assertTrue(grid.steps() > 50);
        assertTrue(grid.indexOf(2.5) > 0 && grid.indexOf(7.0) > 0, "breakpoints are grid points");
        ExplicitRungeKuttaStepper stepper = new ExplicitRungeKuttaStepper(method.tableau(), model, P);
        double[] y = {1, 1};
        double[] next = new double[2];
        for (int n = 0; n < grid.steps(); n++) {
            stepper.advance(grid.time(n), grid.stepSize(n), y, next);
            assertArrayEquals(states.get(n), next, 0.0, "step " + n + " replays bit for bit");
            double[] t = y;
            y = next;
            next = t;
        }
        assertArrayEquals(run.finalState(), y, 0.0);
        assertEquals(10.0, grid.finalTime());
    }

    @Test
    void replaysAHipparchusFixedStepRunBitForBit() {
        // h = 1/8 makes Hipparchus's accumulated times exact, so both runs see the same grid.
        ParametricOde model = new TestModels.Forced();
        double[] p = {0.7, -0.3};
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] d = new double[1];
                model.rhs(t, y, p, d);
                return d;
            }
        };
        double[] hipparchus = new ClassicalRungeKuttaIntegrator(0.125).integrate(ode, new ODEState(0, new double[] {2}), 4.0)
                .getPrimaryState();
        StepGrid grid = StepGrid.uniform(0, 4, 32);
        ExplicitRungeKuttaStepper stepper = new ExplicitRungeKuttaStepper(RungeKuttaMethods.RK4.tableau(), model, p);
        double[] y = {2};
        double[] next = new double[1];
        for (int n = 0; n < grid.steps(); n++) {
            stepper.advance(grid.time(n), grid.stepSize(n), y, next);
            y = next.clone();
        }
        assertArrayEquals(hipparchus, y, 0.0);
    }

    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#explicit")
    void tapedStepsEqualAdvancesAndKeepTheStages(RungeKuttaMethod method) {
        ParametricOde model = new TestModels.Forced();
        double[] p = {0.7, -0.3};
        ExplicitRungeKuttaStepper stepper = new ExplicitRungeKuttaStepper(method.tableau(), model, p);
        double[] y = {1.3};
        double[] advanced = new double[1];
        double[] taped = new double[1];
        StepTape tape = stepper.newTape();
        stepper.advance(0.4, 0.1, y, advanced);
        stepper.tapedStep(0.4, 0.1, y, taped, tape);
        assertArrayEquals(advanced, taped, 0.0);
        assertArrayEquals(y, tape.startState(), 0.0);
        assertEquals(0.4, tape.time());
        assertEquals(0.1, tape.stepSize());
        assertEquals(method.tableau().stages(), tape.stages());
    }

    @Test
    void fieldStepperMatchesTheDoubleStepper() {
        RungeKuttaMethod method = RungeKuttaMethods.DOP853;
        TestModels.PredatorPrey model = new TestModels.PredatorPrey();
        ExplicitRungeKuttaStepper stepper = new ExplicitRungeKuttaStepper(method.tableau(), model, P);
        FieldExplicitRungeKuttaStepper<org.hipparchus.util.Binary64> field =
                new FieldExplicitRungeKuttaStepper<>(method.tableau(), model, Fields.binary64(P));
        double[] y = {1.1, 0.9};
        double[] next = new double[2];
        stepper.advance(0.3, 0.05, y, next);
        assertArrayEquals(next, Fields.real(field.step(0.3, 0.05, Fields.binary64(y))), 0.0);
    }

    @Test
    void uniformGridsEndExactlyAndTakeBreakpoints() {
        StepGrid g = StepGrid.uniform(0, 1, 10, 0.35, 0.5, 0.9999999999999);
        assertEquals(1.0, g.finalTime());
        assertEquals(11, g.steps(), "0.35 is inserted; 0.5 is a grid point; the last snaps to 1");
        assertEquals(4, g.indexOf(0.35));
        assertEquals(0.3, g.time(3), 1e-15);
        assertEquals(-1, g.indexOf(0.36));
    }
}
