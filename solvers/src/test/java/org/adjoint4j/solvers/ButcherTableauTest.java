package org.adjoint4j.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hipparchus's compressed tableaus expand to validated full ones, without unused stages. */
class ButcherTableauTest {

    @Test
    void everyHipparchusMethodExpandsAndValidates() {
        int[] stages = {1, 2, 4, 4, 4, 7, 6, 12, 6};
        RungeKuttaMethod[] methods = RungeKuttaMethods.explicit().toArray(new RungeKuttaMethod[0]);
        assertEquals(stages.length, methods.length);
        for (int i = 0; i < methods.length; i++) {
            ButcherTableau t = methods[i].tableau();
            assertEquals(stages[i], t.stages(), methods[i].name());
            assertTrue(t.isExplicit());
            assertEquals(0.0, t.c(0));
        }
        ButcherTableau rk4 = RungeKuttaMethods.RK4.tableau();
        assertEquals(0.5, rk4.c(1));
        assertEquals(0.5, rk4.a(2, 1));
        assertEquals(1.0, rk4.a(3, 2));
        assertEquals(1.0 / 6, rk4.b(0));
    }

    @Test
    void rejectsInconsistentTableaus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau("bad", 1, new double[] {0, 0.5}, new double[][] {{}, {0.4}}, new double[] {0, 1}));
        assertEquals("tableau 'bad': row 1 of a sums to 0.4, not c_1 = 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau("bad", 1, new double[] {0}, new double[][] {{}}, new double[] {0.9}));
        assertEquals("tableau 'bad': the weights b sum to 0.9, not 1", e.getMessage());
    }

    @Test
    void namesResolve() {
        assertEquals(RungeKuttaMethods.DOPRI5, RungeKuttaMethods.byName("dopri5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RungeKuttaMethods.byName("rk45"));
        assertTrue(e.getMessage().startsWith("unknown method 'rk45'; known: euler, midpoint, rk4"), e.getMessage());
    }
}
