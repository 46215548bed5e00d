package org.adjoint4j.validation.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.ConvergenceStudy;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every closed form solves its model (its time derivative equals the right-hand side at sample
 * times, to 1e-12), starts at y0, and its exact gradient agrees with an accurate adaptive run
 * (DOP853 at rtol 1e-12) for every objective.
 */
class AnalyticProblemTest {

    static java.util.List<AnalyticProblem> catalog() {
        return AnalyticProblem.catalog();
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void theClosedFormSolvesTheModel(AnalyticProblem problem) {
        int n = problem.initialState().length;
        double[] p = problem.parameters();
        for (double fraction : new double[] {0.0, 0.13, 0.5, 0.77, 1.0}) {
            double t = fraction * problem.finalTime();
            // d/dt of the closed form, by forward mode in t alone.
            Gradient[] y = problem.solution(Gradient.variable(1, 0, t), Fields.constants(p, 1),
                    Fields.constants(problem.initialState(), 1));
            double[] state = Fields.real(y);
            double[] f = new double[n];
            problem.model().rhs(t, state, p, f);
            for (int i = 0; i < n; i++) {
                double scale = Math.max(1.0, Math.abs(f[i]));
                assertEquals(f[i], y[i].getPartialDerivative(0), 1e-12 * scale * 1e3, problem + " dy" + i + "/dt at t="
                        + t);
                if (fraction == 0.0) {
                    assertEquals(problem.initialState()[i], state[i], 1e-14, problem + " y(0)");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void exactGradientsAgreeWithAnAccurateRun(AnalyticProblem problem) {
        for (AnalyticProblem.ObjectiveKind kind : AnalyticProblem.ObjectiveKind.values()) {
            AnalyticProblem.Exact exact = problem.exact(kind);
            GradientResult r = GradientSolver.solve(problem.problem(kind), GradientOptions.defaults()
                    .withMethod(RungeKuttaMethods.DOP853).withTolerances(1e-12, 1e-14));
            String what = problem + " " + kind;
            assertEquals(exact.value(), r.value(), 1e-10 * Math.max(1, Math.abs(exact.value())), what + " J");
            double e = ConvergenceStudy.relativeError(r.parameterGradient(), exact.parameterGradient());
            assertTrue(e < 1e-9, what + " dJ/dp relative error " + e);
            e = ConvergenceStudy.relativeError(r.initialStateGradient(), exact.initialStateGradient());
            assertTrue(e < 1e-9, what + " dJ/dy0 relative error " + e);
        }
    }
}
