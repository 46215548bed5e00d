package org.adjoint4j.validation;

import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.validation.problems.AnalyticProblem;

/**
 * The gradient and the final state against their exact values as the step is refined: with
 * fixed steps h = T/N the discrete gradient is the derivative of a scheme of order q, so both
 * errors fall as h^q. The observed orders are least-squares slopes of log error against log h
 * over the runs (errors are norm-wise relative: {@code |g - g_exact| / |g_exact|} over
 * (dJ/dp, dJ/dy0), and likewise for y(T)).
 */
public final class ConvergenceStudy {

    /**
     * @param problem the problem's name
     * @param method the method's name
     * @param kind the objective
     * @param steps the step counts N
     * @param gradientErrors the relative gradient error of each run
     * @param stateErrors the relative error of y(T) of each run
     * @param gradientOrder the observed order of the gradient
     * @param stateOrder the observed order of the forward solution
     */
    public record Result(String problem, String method, AnalyticProblem.ObjectiveKind kind, int[] steps,
            double[] gradientErrors, double[] stateErrors, double gradientOrder, double stateOrder) {
    }

    private ConvergenceStudy() {
    }

    /**
     * @param problem a problem with an analytic gradient
     * @param kind the objective
     * @param method the method
     * @param steps increasing step counts (multiples of 4 when the objective has observations)
     * @return the errors and observed orders
     */
    public static Result run(AnalyticProblem problem, AnalyticProblem.ObjectiveKind kind, RungeKuttaMethod method,
            int[] steps) {
        AnalyticProblem.Exact exact = problem.exact(kind);
        double[] expected = ForwardModeCheck.concat(exact.parameterGradient(), exact.initialStateGradient());
        double[] gradientErrors = new double[steps.length];
        double[] stateErrors = new double[steps.length];
        double[] h = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            GradientResult r = GradientSolver.solve(problem.problem(kind),
                    GradientOptions.defaults().withMethod(method).withSteps(steps[k]));
            gradientErrors[k] = relativeError(ForwardModeCheck.concat(r.parameterGradient(),
                    r.initialStateGradient()), expected);
            stateErrors[k] = relativeError(r.finalState(), exact.finalState());
            h[k] = problem.finalTime() / steps[k];
        }
        return new Result(problem.name(), method.name(), kind, steps.clone(), gradientErrors, stateErrors,
                TaylorCheck.fittedSlope(h, gradientErrors, 0.0), TaylorCheck.fittedSlope(h, stateErrors, 0.0));
    }

    /**
     * The study on step counts chosen for the asymptotic range: N = 4, 8, 16, ... (up to 65536,
     * or until the gradient error falls below 1e-10; runs whose steps are too large to solve are
     * skipped), keeping the finest three consecutive runs whose error lies in [1e-11, 1e-4]
     * (above, higher-order terms or a stability limit may still dominate; below, the rounding of
     * many steps does); if fewer than three do, the range widens to [1e-13, 1e-2].
     *
     * @param problem a problem with an analytic gradient
     * @param kind the objective
     * @param method the method
     * @return the errors and observed orders over the chosen runs
     */
    public static Result asymptotic(AnalyticProblem problem, AnalyticProblem.ObjectiveKind kind,
            RungeKuttaMethod method) {
        AnalyticProblem.Exact exact = problem.exact(kind);
        double[] expected = ForwardModeCheck.concat(exact.parameterGradient(), exact.initialStateGradient());
        java.util.List<int[]> steps = new java.util.ArrayList<>();
        java.util.List<double[]> errors = new java.util.ArrayList<>();
        for (int n = 4; n <= 65536; n *= 2) {
            GradientResult r;
            try {
                r = GradientSolver.solve(problem.problem(kind),
                        GradientOptions.defaults().withMethod(method).withSteps(n));
            } catch (org.adjoint4j.solvers.IntegrationException tooLarge) {
                continue; // e.g. Newton cannot solve a stage this large: refine
            }
            double g = relativeError(ForwardModeCheck.concat(r.parameterGradient(), r.initialStateGradient()),
                    expected);
            steps.add(new int[] {n});
            errors.add(new double[] {g, relativeError(r.finalState(), exact.finalState())});
            if (g < 1e-10) {
                break;
            }
        }
        int[] window = window(errors, 1e-11, 1e-4);
        if (window[1] - window[0] < 3) {
            window = window(errors, 1e-13, 1e-2);
        }
        int count = Math.max(0, window[1] - window[0]);
        int[] n = new int[count];
        double[] gradientErrors = new double[count];
        double[] stateErrors = new double[count];
        double[] h = new double[count];
        for (int k = 0; k < count; k++) {
            n[k] = steps.get(window[0] + k)[0];
            gradientErrors[k] = errors.get(window[0] + k)[0];
            stateErrors[k] = errors.get(window[0] + k)[1];
            h[k] = problem.finalTime() / n[k];
        }
        return new Result(problem.name(), method.name(), kind, n, gradientErrors, stateErrors,
                TaylorCheck.fittedSlope(h, gradientErrors, 0.0), TaylorCheck.fittedSlope(h, stateErrors, 0.0));
    }

    /** [from, to): the finest three consecutive runs whose gradient error is in [low, high]. */
    private static int[] window(java.util.List<double[]> errors, double low, double high) {
        int to = errors.size();
        while (to > 0 && !(errors.get(to - 1)[0] >= low && errors.get(to - 1)[0] <= high)) {
            to--;
        }
        int from = to;
        while (from > 0 && to - from < 3 && errors.get(from - 1)[0] >= low && errors.get(from - 1)[0] <= high) {
            from--;
        }
        return new int[] {from, to};
    }

    /**
     * @param a a vector
     * @param b the reference
     * @return {@code |a - b| / |b|} in the Euclidean norm
     */
    public static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }
}
