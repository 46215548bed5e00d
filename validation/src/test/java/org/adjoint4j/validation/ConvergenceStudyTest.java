package org.adjoint4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.problems.AnalyticProblem.ObjectiveKind;
import org.adjoint4j.validation.problems.FourierHeat;
import org.adjoint4j.validation.problems.HarmonicOscillator;
import org.adjoint4j.validation.problems.LinearSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every solver of the project, the gradient error against the analytic gradient and the error
 * of the forward solution fall at the method's order: fitted slopes within 0.2, on the linear
 * system (terminal and observation objectives), the harmonic oscillator (running cost), and for
 * the implicit methods the stiff Fourier heat problem.
 */
class ConvergenceStudyTest {

    static List<RungeKuttaMethod> methods() {
        return RungeKuttaMethods.all();
    }

    private static void assertOrders(ConvergenceStudy.Result r, int order) {
        String what = r.problem() + " " + r.kind() + " " + r.method() + " N=" + java.util.Arrays.toString(r.steps());
        assertTrue(r.steps().length >= 3, what + ": at least three runs in the asymptotic range");
        assertEquals(order, r.gradientOrder(), 0.2, what + " gradient errors "
                + java.util.Arrays.toString(r.gradientErrors()));
        assertEquals(order, r.stateOrder(), 0.2, what + " state errors " + java.util.Arrays.toString(r.stateErrors()));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void everyMethodConvergesAtItsOrder(RungeKuttaMethod method) {
        LinearSystem linear = new LinearSystem();
        assertOrders(ConvergenceStudy.asymptotic(linear, ObjectiveKind.TERMINAL, method), method.order());
        assertOrders(ConvergenceStudy.asymptotic(linear, ObjectiveKind.OBSERVATIONS, method), method.order());
        if (method != RungeKuttaMethods.DOP853 && method != RungeKuttaMethods.LUTHER) {
            // Eighth- and sixth-order runs reach rounding before this problem's asymptotic range.
            assertOrders(ConvergenceStudy.asymptotic(new HarmonicOscillator(), ObjectiveKind.RUNNING, method),
                    method.order());
        }
        if (method.isImplicit()) {
            assertOrders(ConvergenceStudy.asymptotic(new FourierHeat(15), ObjectiveKind.TERMINAL, method),
                    method.order());
        }
    }
}
