package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/** Bad input is rejected up front; non-finite values stop the run naming time, step and component. */
class FailureReportingTest {

    /** Lotka–Volterra whose rhs (or vJp) turns NaN after a given time. */
    static final class Poisoned implements ParametricOde {
        private final LotkaVolterra f = new LotkaVolterra();
        private final double rhsAfter;
        private final double vjpAfter;

        Poisoned(double rhsAfter, double vjpAfter) {
            this.rhsAfter = rhsAfter;
            this.vjpAfter = vjpAfter;
        }

        @Override
        public int stateDimension() {
            return 2;
        }

        @Override
        public int parameterDimension() {
            return 4;
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            f.rhs(t, y, p, yDot);
            if (t > rhsAfter) {
                yDot[1] = Double.NaN;
            }
        }

        @Override
        public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
            f.vjpState(t, y, p, w, out);
            if (t < vjpAfter) {
                out[0] = Double.POSITIVE_INFINITY;
            }
        }

        @Override
        public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
            f.vjpParameters(t, y, p, w, out);
        }

        @Override
        public String stateName(int i) {
            return f.stateName(i);
        }
    }

    private static GradientProblem poisoned(double rhsAfter, double vjpBefore) {
        GradientProblem lv = LotkaVolterra.problem();
        return new GradientProblem("poisoned", new Poisoned(rhsAfter, vjpBefore), lv.parameters(), lv.initialState(),
                0, 10, lv.objective());
    }

    @Test
    void nanInTheForwardSweepNamesTimeStepAndComponent() {
        IntegrationException e = assertThrows(IntegrationException.class, () -> GradientSolver.solve(poisoned(3.0, -1),
                GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(100)
                        .withCheckpoints(ScheduleSpec.binomial(5))));
        assertEquals("right-hand side component 1 (y) is NaN at stage 1 (t=3.05) in step 30 of the forward sweep (t=3.0)",
                e.getMessage());
        assertEquals(30, e.step());
    }

    @Test
    void infinityInTheBackwardSweepNamesTimeStepAndComponent() {
        IntegrationException e = assertThrows(IntegrationException.class, () -> GradientSolver.solve(poisoned(99, 2.0),
                GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(100)
                        .withCheckpoints(ScheduleSpec.storeAll())));
        assertEquals("adjoint component 0 (x) is Infinity after reversing step 19 (t=1.9) in the backward sweep",
                e.getMessage());
    }

    @Test
    void adaptiveFailuresNameTheTime() {
        IntegrationException e = assertThrows(IntegrationException.class, () -> GradientSolver.solve(poisoned(4.0, -1),
                GradientOptions.defaults()));
        assertTrue(e.getMessage().startsWith("dopri5 failed after "), e.getMessage());
        assertTrue(e.getMessage().contains("near t=3.98"), e.getMessage());
        assertTrue(e.getMessage().endsWith("NaN appears during integration near time 4.082"), e.getMessage());
    }

    @Test
    void nanInAnImplicitStageNamesStageTimeAndComponent() {
        IntegrationException e = assertThrows(IntegrationException.class, () -> GradientSolver.solve(poisoned(3.0, -1),
                GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withSteps(100)));
        assertTrue(e.getMessage().startsWith("right-hand side component 1 (y) is NaN at stage 1 (t=3.05) of the step "
                + "from t=3.0 with h="), e.getMessage());
        assertEquals(3.0, e.time());
    }

    @Test
    void aNonFiniteObjectiveTermStopsTheRun() {
        GradientProblem lv = LotkaVolterra.problem();
        StateFunction logX = new StateFunction() {
            @Override
            public <T extends org.hipparchus.CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[0].subtract(100).log();
            }

            @Override
            public double value(double t, double[] y, double[] p) {
                return Math.log(y[0] - 100); // NaN: x never reaches 100
            }
        };
        GradientProblem problem = new GradientProblem("lv-log", lv.model(), lv.parameters(), lv.initialState(), 0, 10,
                Objective.terminal(logX));
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(50);
        IntegrationException e = assertThrows(IntegrationException.class, () -> GradientSolver.solve(problem, options));
        assertEquals("the terminal term of the objective is NaN at t=10.0 (grid point 50)", e.getMessage());
        e = assertThrows(IntegrationException.class, () -> GradientSolver.value(problem, options));
        assertTrue(e.getMessage().startsWith("the objective J is NaN"), e.getMessage());
    }

    @Test
    void badInputNamesTheArgumentAndValue() {
        GradientProblem lv = LotkaVolterra.problem();
        assertEquals("parameters has length 3, the model has 4 parameters", assertThrows(IllegalArgumentException.class,
                () -> lv.withParameters(new double[3])).getMessage());
        assertEquals("parameters component 2 (c) is NaN", assertThrows(IllegalArgumentException.class,
                () -> lv.withParameters(new double[] {1, 1, Double.NaN, 1})).getMessage());
        assertEquals("initial state component 0 (x) is Infinity", assertThrows(IllegalArgumentException.class,
                () -> lv.withInitialState(new double[] {Double.POSITIVE_INFINITY, 1})).getMessage());
        assertEquals("final time must exceed the initial time, got t0=10.0, t1=10.0",
                assertThrows(IllegalArgumentException.class, () -> new GradientProblem("x", lv.model(), lv.parameters(),
                        lv.initialState(), 10, 10, lv.objective())).getMessage());
        assertEquals("observation time 11.0 is outside [0.0, 10.0]", assertThrows(IllegalArgumentException.class,
                () -> new GradientProblem("x", lv.model(), lv.parameters(), lv.initialState(), 0, 10,
                        lv.objective().observation(11, LotkaVolterra.PRODUCT))).getMessage());
        assertEquals("rtol must be finite and > 0, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> GradientOptions.defaults().withTolerances(-1, 1e-9)).getMessage());
        assertEquals("method rk4 has no error estimate: give a number of steps, or use an adaptive method (dopri5, dop853, higham-hall, cn, sdirk2, esdirk3, esdirk4)",
                assertThrows(IllegalArgumentException.class, () -> GradientSolver.solve(lv,
                        GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4))).getMessage());
    }
}
