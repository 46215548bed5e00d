package org.adjoint4j.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagonally implicit tableaus satisfy their order conditions and stability claims; the stepper
 * reaches each method's order; adaptive runs are replayed bit for bit by the stepper.
 */
class DiagonallyImplicitStepperTest {
    static java.util.List<RungeKuttaMethod> adaptiveImplicit() {
        return java.util.List.of(RungeKuttaMethods.CN, RungeKuttaMethods.SDIRK2, RungeKuttaMethods.ESDIRK3,
                RungeKuttaMethods.ESDIRK4);
    }


    /**
     * Prothero–Robinson: {@code y' = lambda (y - cos t) - sin t}, exact solution {@code cos t} from
     * y(0) = 1; stiff for lambda &lt;&lt; -1.
     */
    static final class ProtheroRobinson implements FieldParametricOde {
        @Override
        public int stateDimension() {
            return 1;
        }

        @Override
        public int parameterDimension() {
            return 1;
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            yDot[0] = p[0].multiply(y[0].subtract(t.cos())).subtract(t.sin());
        }
    }

    private static double sum(ButcherTableau t, java.util.function.IntToDoubleFunction term, boolean embedded) {
        double s = 0;
        for (int i = 0; i < t.stages(); i++) {
            s += (embedded ? t.bHat(i) : t.b(i)) * term.applyAsDouble(i);
        }
        return s;
    }

    private static double ac(ButcherTableau t, int i, java.util.function.IntToDoubleFunction g) {
        double s = 0;
        for (int j = 0; j < t.stages(); j++) {
            s += t.a(i, j) * g.applyAsDouble(j);
        }
        return s;
    }

    /** The order conditions up to order 4 that a weight vector must meet. */
    private static void assertOrderConditions(ButcherTableau t, int order, boolean embedded, String what) {
        double tol = 1e-14;
        assertEquals(1.0, sum(t, i -> 1, embedded), tol, what + " order 1");
        if (order >= 2) {
            assertEquals(0.5, sum(t, t::c, embedded), tol, what + " order 2");
        }
        if (order >= 3) {
            assertEquals(1.0 / 3, sum(t, i -> t.c(i) * t.c(i), embedded), tol, what + " order 3 (c^2)");
            assertEquals(1.0 / 6, sum(t, i -> ac(t, i, t::c), embedded), tol, what + " order 3 (Ac)");
        }
        if (order >= 4) {
            assertEquals(0.25, sum(t, i -> Math.pow(t.c(i), 3), embedded), tol, what + " order 4 (c^3)");
            assertEquals(0.125, sum(t, i -> t.c(i) * ac(t, i, t::c), embedded), tol, what + " order 4 (cAc)");
            assertEquals(1.0 / 12, sum(t, i -> ac(t, i, j -> t.c(j) * t.c(j)), embedded), tol, what + " order 4 (Ac^2)");
            assertEquals(1.0 / 24, sum(t, i -> ac(t, i, j -> ac(t, j, t::c)), embedded), tol, what + " order 4 (AAc)");
        }
    }

    /** R(z) = 1 + z b^T (I - z A)^{-1} 1, by forward substitution on the lower-triangular system. */
    private static double stability(ButcherTableau t, double z) {
        int s = t.stages();
        double[] k = new double[s];
        double r = 1;
        for (int i = 0; i < s; i++) {
            double rhs = 1;
            for (int j = 0; j < i; j++) {
                rhs += z * t.a(i, j) * k[j];
            }
            k[i] = rhs / (1 - z * t.a(i, i));
            r += z * t.b(i) * k[i];
        }
        return r;
    }

    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#implicit")
    void tableausMeetTheirOrderAndStabilityClaims(RungeKuttaMethod method) {
        ButcherTableau t = method.tableau();
        assertTrue(t.isDiagonallyImplicit(), method.name());
        assertOrderConditions(t, method.order(), false, method.name());
        if (t.hasEmbedded()) {
            assertOrderConditions(t, t.embeddedOrder(), true, method.name() + " embedded");
        }
        // A-stability sampled on the left half-plane's boundary and far out; L-stability at -infinity.
        for (double y = 0.0; y <= 1e4; y = y == 0 ? 1e-3 : y * 3) {
            double max = 0;
            for (double x : new double[] {-1e-12, -1, -100, -1e6}) {
                org.hipparchus.complex.Complex z = new org.hipparchus.complex.Complex(x, y);
                max = Math.max(max, complexStability(t, z).norm());
            }
            assertTrue(max <= 1 + 1e-12, method.name() + " |R| = " + max + " > 1 at Im z = " + y);
        }
        double atInfinity = Math.abs(stability(t, -1e12));
        if (method == RungeKuttaMethods.CN) {
            assertEquals(1.0, atInfinity, 1e-9, "Crank–Nicolson is A- but not L-stable: |R(-inf)| = 1");
        } else {
            assertTrue(atInfinity < 1e-9, method.name() + " is L-stable: |R(-inf)| = " + atInfinity);
        }
    }

    private static org.hipparchus.complex.Complex complexStability(ButcherTableau t, org.hipparchus.complex.Complex z) {
        int s = t.stages();
        org.hipparchus.complex.Complex[] k = new org.hipparchus.complex.Complex[s];
        org.hipparchus.complex.Complex r = org.hipparchus.complex.Complex.ONE;
        for (int i = 0; i < s; i++) {
            org.hipparchus.complex.Complex rhs = org.hipparchus.complex.Complex.ONE;
            for (int j = 0; j < i; j++) {
                rhs = rhs.add(z.multiply(t.a(i, j)).multiply(k[j]));
            }
            k[i] = rhs.divide(org.hipparchus.complex.Complex.ONE.subtract(z.multiply(t.a(i, i))));
            r = r.add(z.multiply(t.b(i)).multiply(k[i]));
        }
        return r;
    }

    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#implicit")
    void fixedStepsReachTheMethodsOrder(RungeKuttaMethod method) {
        ParametricOde model = ParametricOde.automatic(new ProtheroRobinson());
        double[] p = {-1.0};
        int[] steps = {10, 20, 40, 80};
        double[] error = new double[steps.length];
        for (int s = 0; s < steps.length; s++) {
            DiagonallyImplicitStepper stepper = new DiagonallyImplicitStepper(method.tableau(), model, p,
                    NewtonSettings.DEFAULT);
            double[] y = {1.0};
            double[] next = new double[1];
            double h = 2.0 / steps[s];
            for (int k = 0; k < steps[s]; k++) {
                stepper.advance(k * h, h, y, next);
                y[0] = next[0];
            }
            error[s] = Math.abs(y[0] - Math.cos(2.0));
        }
        for (int s = 1; s < steps.length; s++) {
            double order = Math.log(error[s - 1] / error[s]) / Math.log(2);
            assertEquals(method.order(), order, 0.25, method.name() + " observed order, N=" + steps[s]);
        }
    }

    @ParameterizedTest
    @MethodSource("adaptiveImplicit")
    void adaptiveRunsOnAStiffProblemAreReplayedBitForBit(RungeKuttaMethod method) {
        ParametricOde model = ParametricOde.automatic(new ProtheroRobinson());
        double[] p = {-1e6};
        List<double[]> accepted = new ArrayList<>();
        AdaptiveIntegration.Result r = ImplicitIntegration.integrate(method, model, p, 0.0, new double[] {1.0}, 3.0,
                new double[] {1.25}, new double[] {1e-8}, new double[] {1e-10}, 100_000, NewtonSettings.DEFAULT,
                (k, t, y) -> accepted.add(y), null);
        StepGrid grid = r.grid();
        assertEquals(grid.steps(), accepted.size());
        assertTrue(grid.indexOf(1.25) > 0, "the breakpoint is a grid point");
        assertEquals(Math.cos(3.0), r.finalState()[0], 1e-7, method.name() + " accuracy at rtol 1e-8");
        DiagonallyImplicitStepper stepper = new DiagonallyImplicitStepper(method.tableau(), model, p,
                NewtonSettings.DEFAULT);
        double[] y = {1.0};
        double[] next = new double[1];
        for (int k = 0; k < grid.steps(); k++) {
            stepper.advance(grid.time(k), grid.stepSize(k), y, next);
            assertArrayEquals(accepted.get(k), next, 0.0, "step " + k);
            y[0] = next[0];
        }
    }

    @ParameterizedTest
    @MethodSource("adaptiveImplicit")
    void tapesTakenDuringAnAdaptiveRunAreThoseOfItsReplay(RungeKuttaMethod method) {
        ParametricOde model = ParametricOde.automatic(new ProtheroRobinson());
        double[] p = {-1e6};
        DiagonallyImplicitStepper stepper = new DiagonallyImplicitStepper(method.tableau(), model, p,
                NewtonSettings.DEFAULT);
        List<StepTape> kept = new ArrayList<>();
        int[] attempts = {0};
        ForwardTapes tapes = new ForwardTapes() {
            private StepTape current;

            @Override
            public StepTape next() {
                attempts[0]++;
                if (current == null) {
                    current = stepper.newTape();
                }
                return current;
            }

            @Override
            public void accepted(int step) {
                assertEquals(kept.size(), step);
                kept.add(current);
                current = null;
            }
        };
        AdaptiveIntegration.Result r = method.integrate(model, p, 0.0, new double[] {1.0}, 3.0, new double[] {1.25},
                new double[] {1e-8}, new double[] {1e-10}, 100_000, NewtonSettings.DEFAULT, null, tapes);
        StepGrid grid = r.grid();
        assertEquals(grid.steps(), kept.size());
        assertTrue(attempts[0] > grid.steps(), "rejected attempts write the same tape again");
        double[] y = {1.0};
        double[] next = new double[1];
        StepTape replayed = stepper.newTape();
        for (int k = 0; k < grid.steps(); k++) {
            stepper.tapedStep(grid.time(k), grid.stepSize(k), y, next, replayed);
            StepTape taken = kept.get(k);
            assertEquals(replayed.time(), taken.time(), 0.0);
            assertEquals(replayed.stepSize(), taken.stepSize(), 0.0);
            for (int i = 0; i < replayed.stages(); i++) {
                assertArrayEquals(replayed.stage(i), taken.stage(i), 0.0, method.name() + " step " + k + " stage " + i);
            }
            assertArrayEquals(replayed.startState(), taken.startState(), 0.0);
            y[0] = next[0];
        }
        assertArrayEquals(r.finalState(), y, 0.0);
    }

    @Test
    void aStepTooLargeForNewtonFailsNamingTheStage() {
        // y' = y^3 + 50 sin y from y0 = 10 with h = 1e3: Newton wanders among the stage equation's roots.
        FieldParametricOde cubic = new FieldParametricOde() {
            @Override
            public int stateDimension() {
                return 1;
            }

            @Override
            public int parameterDimension() {
                return 1;
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                yDot[0] = y[0].multiply(y[0]).multiply(y[0]).multiply(p[0]).add(y[0].sin().multiply(50));
            }
        };
        DiagonallyImplicitStepper stepper = new DiagonallyImplicitStepper(RungeKuttaMethods.BEULER.tableau(),
                ParametricOde.automatic(cubic), new double[] {1.0}, new NewtonSettings(1e-12, 1e-10, 4));
        DiagonallyImplicitStepper.NewtonFailure e = assertThrows(DiagonallyImplicitStepper.NewtonFailure.class,
                () -> stepper.advance(2.0, 1e3, new double[] {10.0}, new double[1]));
        assertTrue(e.getMessage().startsWith("Newton's method did not converge in stage 0 of the step from t=2.0 with "
                + "h=1000.0"), e.getMessage());
        assertEquals(2.0, e.time());
    }
}
