package org.adjoint4j.estimation.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RMSprop and Adam follow PyTorch's update rules: their first steps in closed form, and a quadratic minimized. */
class StochasticOptimizerTest {

    @Test
    void firstStepsAreClosedForm() {
        // RMSprop: v = (1 - 0.99) g^2, so the step is lr g / (0.1 |g| + eps) ~ 10 lr sign(g).
        double[] x = {1.0, -2.0};
        double[] g = {0.5, -3.0};
        StochasticOptimizer.rmsProp(1e-3, 0.99, 1e-8).update(x, g);
        assertEquals(1.0 - 1e-3 * 0.5 / (Math.sqrt(0.01 * 0.25) + 1e-8), x[0], 1e-15);
        assertEquals(-2.0 + 1e-3 * 3.0 / (Math.sqrt(0.01 * 9.0) + 1e-8), x[1], 1e-15);
        // Adam: with bias correction the first step is lr g / (|g| + eps) ~ lr sign(g).
        double[] y = {1.0, -2.0};
        StochasticOptimizer.adam(1e-3, 0.9, 0.999, 1e-8).update(y, g);
        assertEquals(1.0 - 1e-3 * 0.5 / (0.5 + 1e-8), y[0], 1e-15);
        assertEquals(-2.0 + 1e-3 * 3.0 / (3.0 + 1e-8), y[1], 1e-15);
    }

    @Test
    void bothMinimizeAQuadratic() {
        for (StochasticOptimizer o : new StochasticOptimizer[] {StochasticOptimizer.rmsProp(1e-2, 0.99, 1e-8),
            StochasticOptimizer.adam(1e-2, 0.9, 0.999, 1e-8)}) {
            double[] x = {3.0, -1.0};
            for (int k = 0; k < 5000; k++) {
                o.update(x, new double[] {2 * (x[0] - 1), 20 * (x[1] + 0.5)});
            }
            assertEquals(1.0, x[0], 2e-2);
            assertEquals(-0.5, x[1], 2e-2);
        }
        assertThrows(IllegalArgumentException.class, () -> StochasticOptimizer.adam(0, 0.9, 0.999, 1e-8));
    }
}
