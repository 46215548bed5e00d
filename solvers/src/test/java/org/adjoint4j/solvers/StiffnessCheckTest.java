package org.adjoint4j.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint4j.model.ParametricOde;
import org.junit.jupiter.api.Test;

/**
 * Stability limits from the tableaus against their closed forms, and the spectral-radius estimate
 * against matrices with known eigenvalues.
 */
class StiffnessCheckTest {

    @Test
    void realStabilityLimitsAreTheKnownOnes() {
        // Euler: R(z) = 1 + z, |R(-x)| <= 1 up to x = 2; midpoint and Heun: 1 + z + z^2/2, also 2.
        assertEquals(2.0, RungeKuttaMethods.EULER.tableau().realStabilityLimit(), 1e-9);
        assertEquals(2.0, RungeKuttaMethods.MIDPOINT.tableau().realStabilityLimit(), 1e-9);
        // RK4: 1 + z + z^2/2 + z^3/6 + z^4/24 = 1 at z = -2.785293563405282 (the real root).
        assertEquals(2.785293563405282, RungeKuttaMethods.RK4.tableau().realStabilityLimit(), 1e-9);
        assertEquals(2.785293563405282, RungeKuttaMethods.GILL.tableau().realStabilityLimit(), 1e-9);
        // DOPRI5's 5th-order solution (Hairer & Wanner II, IV.2, fig. 2.1): about 3.31.
        assertEquals(3.307, RungeKuttaMethods.DOPRI5.tableau().realStabilityLimit(), 2e-3);
        for (RungeKuttaMethod m : RungeKuttaMethods.explicit()) {
            double limit = m.tableau().realStabilityLimit();
            assertTrue(limit >= 2 && limit < 7, m.name() + ": " + limit);
        }
        for (RungeKuttaMethod m : RungeKuttaMethods.implicit()) {
            assertEquals(Double.POSITIVE_INFINITY, m.tableau().realStabilityLimit(), m.name() + " is A-stable");
        }
    }

    @Test
    void stabilityFunctionOfRk4IsItsTaylorPolynomial() {
        for (double z = -3; z <= 1; z += 0.25) {
            double expected = 1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24;
            assertEquals(expected, RungeKuttaMethods.RK4.tableau().stabilityFunction(z), 1e-13);
        }
    }

    /** y' = A y with A block-diagonal: a rotation-damping block -a I + b J and one real eigenvalue. */
    private static ParametricOde linear(double a, double b, double c) {
        return new ParametricOde() {
            @Override
            public int stateDimension() {
                return 3;
            }

            @Override
            public int parameterDimension() {
                return 0;
            }

            @Override
            public void rhs(double t, double[] y, double[] p, double[] yDot) {
                yDot[0] = -a * y[0] + b * y[1];
                yDot[1] = -b * y[0] - a * y[1];
                yDot[2] = -c * y[2];
            }

            @Override
            public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
                out[0] = -a * w[0] - b * w[1];
                out[1] = b * w[0] - a * w[1];
                out[2] = -c * w[2];
            }

            @Override
            public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
            }
        };
    }

    @Test
    void spectralRadiusOfKnownSpectra() {
        double[] y = {1, 2, 3};
        // Real dominant eigenvalue -1000 beside a pair of modulus sqrt(2): 1000.
        StiffnessCheck real = new StiffnessCheck(linear(1, 1, 1000), new double[0], "rk4", 2.785);
        assertEquals(1000, real.spectralRadius(0, y), 1e-9 * 1000);
        // A dominant complex pair -100 +- 100i: |lambda| = 141.42..., which plain ratios would miss.
        StiffnessCheck pair = new StiffnessCheck(linear(100, 100, 1), new double[0], "rk4", 2.785);
        assertEquals(Math.hypot(100, 100), pair.spectralRadius(0, y), 1e-9 * 141);
        assertEquals(0.5 * 1000 / 2.785, real.ratio(0, y, 0.5), 1e-9 * 180);
        assertTrue(real.describe(0, 0.5, real.ratio(0, y, 0.5)).contains("rho(f_y) = 1.00e+03"),
                real.describe(0, 0.5, real.ratio(0, y, 0.5)));
    }
}
