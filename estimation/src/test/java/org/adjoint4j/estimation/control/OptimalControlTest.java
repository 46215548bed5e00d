package org.adjoint4j.estimation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/**
 * Control gradients equal central differences of J; the LQR optimum approaches the Riccati
 * solution from above as K grows (piecewise constant at second order, piecewise linear faster);
 * the Van der Pol oscillator is brought to rest within its control bound.
 */
class OptimalControlTest {

    @Test
    void controlGradientsEqualCentralDifferences() {
        Random random = new Random(4);
        for (ControlParameterization kind : ControlParameterization.values()) {
            int k = 12;
            OptimalControl oc = new OptimalControl(new VanDerPol(), kind, k, 3, RungeKuttaMethods.RK4);
            double[] c = new double[kind.coefficients(k, 1)];
            for (int i = 0; i < c.length; i++) {
                c[i] = random.nextGaussian();
            }
            GradientResult r = oc.gradient(c);
            for (int i = 0; i < c.length; i++) {
                double h = 1e-5;
                double[] plus = c.clone();
                double[] minus = c.clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (oc.gradient(plus).value() - oc.gradient(minus).value()) / (2 * h);
                assertEquals(fd, r.parameterGradient()[i], 1e-7 * Math.max(1, Math.abs(fd)), kind + " coefficient " + i);
            }
        }
    }

    @Test
    void lqrApproachesTheRiccatiOptimumAsKGrows() {
        LinearQuadraticRegulator lqr = new LinearQuadraticRegulator();
        double optimum = lqr.riccatiOptimum();
        assertEquals(0.6388501399, optimum, 1e-9, "Riccati optimum of this LQR");
        double previous = Double.POSITIVE_INFINITY;
        for (int k : new int[] {10, 100, 1000}) {
            ControlResult r = new OptimalControl(lqr, ControlParameterization.PIECEWISE_CONSTANT, k)
                    .solve(new double[k], Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null);
            double gap = (r.objective() - optimum) / optimum;
            assertTrue(r.converged(), "K=" + k);
            assertTrue(gap > -1e-9, "K=" + k + ": no discretized control beats the optimum, gap " + gap);
            assertTrue(gap < previous / 50, "K=" + k + ": second-order approach, gap " + gap + " after " + previous);
            previous = gap;
        }
        assertTrue(previous < 1e-5, "K=1000 gap " + previous);
        ControlResult linear = new OptimalControl(lqr, ControlParameterization.PIECEWISE_LINEAR, 100)
                .solve(new double[101], Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null);
        assertTrue((linear.objective() - optimum) / optimum < 1e-6, "piecewise linear, K=100: "
                + (linear.objective() - optimum) / optimum);
    }

    @Test
    void vanDerPolIsBroughtToRestWithinItsBound() {
        ControlResult r = new OptimalControl(new VanDerPol(), ControlParameterization.PIECEWISE_CONSTANT, 40)
                .solve(new double[40], -2, 2, null);
        double[] last = r.states()[r.states().length - 1];
        assertTrue(Math.hypot(last[0], last[1]) < 0.01, "|x(T)| = " + Math.hypot(last[0], last[1]));
        for (double c : r.coefficients()) {
            assertTrue(Math.abs(c) <= 2.0, "bound respected: " + c);
        }
        assertEquals(-2.0, r.coefficients()[0], 1e-12, "the bound is active at the start");
        // Uncontrolled the oscillator keeps its limit cycle: J is far larger.
        double uncontrolled = new OptimalControl(new VanDerPol(), ControlParameterization.PIECEWISE_CONSTANT, 40)
                .gradient(new double[40]).value();
        assertTrue(r.objective() < uncontrolled / 5, r.objective() + " vs uncontrolled " + uncontrolled);
    }
}
