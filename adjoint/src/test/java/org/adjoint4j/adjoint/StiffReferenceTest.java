package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.ImplicitIntegration;
import org.adjoint4j.solvers.NewtonSettings;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stiff problems against references that share no code with the adjoint: Robertson against
 * CVODES's published adjoint results and against continuous forward sensitivities; heat with
 * constant diffusivity against its Fourier (eigenvector) adjoint.
 */
class StiffReferenceTest {

    /**
     * Robertson with its forward sensitivity equations: y, S = dy/d(p, y0) (3 x 6),
     * q = int y3 and its sensitivities, 28 states.
     * <pre>
     *   y' = f(y, p),   S' = f_y S + [f_p | 0],   q' = y3,   dq/d(p, y0)' = S_3.
     * </pre>
     */
    static final class RobertsonSensitivities implements FieldParametricOde {
        @Override
        public int stateDimension() {
            return 28;
        }

        @Override
        public int parameterDimension() {
            return 3;
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            T y1 = y[0];
            T y2 = y[1];
            T y3 = y[2];
            T r1 = p[0].multiply(y1);
            T r2 = p[1].multiply(y2).multiply(y3);
            T r3 = p[2].multiply(y2).multiply(y2);
            yDot[0] = r2.subtract(r1);
            yDot[1] = r1.subtract(r2).subtract(r3);
            yDot[2] = r3;
            T zero = y1.getField().getZero();
            for (int c = 0; c < 6; c++) {
                T s1 = y[3 + c];
                T s2 = y[9 + c];
                T s3 = y[15 + c];
                // f_y S
                T a = p[1].multiply(y3.multiply(s2).add(y2.multiply(s3)));
                T b = p[2].multiply(y2).multiply(s2).multiply(2);
                T d1 = p[0].multiply(s1).negate().add(a);
                T d2 = p[0].multiply(s1).subtract(a).subtract(b);
                T d3 = b;
                // + f_p for the parameter columns
                T fp1 = c == 0 ? y1.negate() : c == 1 ? y2.multiply(y3) : zero;
                T fp2 = c == 0 ? y1 : c == 1 ? y2.multiply(y3).negate() : c == 2 ? y2.multiply(y2).negate() : zero;
                T fp3 = c == 2 ? y2.multiply(y2) : zero;
                yDot[3 + c] = d1.add(fp1);
                yDot[9 + c] = d2.add(fp2);
                yDot[15 + c] = d3.add(fp3);
                yDot[22 + c] = s3;
            }
            yDot[21] = y3;
        }
    }

    /** dJ/d(p, y0) of Robertson over [0, T] from the forward sensitivities at rtol 1e-10. */
    private static double[] forwardSensitivities(double finalTime) {
        double[] y0 = new double[28];
        System.arraycopy(Robertson.INITIAL_STATE, 0, y0, 0, 3);
        for (int i = 0; i < 3; i++) {
            y0[3 + 6 * i + 3 + i] = 1.0; // dy_i/dy0_i
        }
        double[] rtol = new double[28];
        double[] atol = new double[28];
        java.util.Arrays.fill(rtol, 1e-10);
        java.util.Arrays.fill(atol, 1e-16);
        double[] end = ImplicitIntegration.integrate(RungeKuttaMethods.ESDIRK4,
                ParametricOde.automatic(new RobertsonSensitivities()), Robertson.PARAMETERS, 0.0, y0, finalTime, null,
                rtol, atol, 1_000_000, NewtonSettings.DEFAULT, null).finalState();
        return java.util.Arrays.copyOfRange(end, 21, 28); // q, dq/dp (3), dq/dy0 (3)
    }

    private static GradientProblem robertson(double finalTime) {
        GradientProblem p = Robertson.problem();
        return new GradientProblem("robertson", p.model(), p.parameters(), p.initialState(), 0.0, finalTime,
                p.objective());
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        double e = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(e <= tolerance, what + ": expected " + expected + ", got " + actual + ", relative error " + e);
    }

    /**
     * CVODES's cvsRoberts_ASAi_dns prints G, dG/dp and lambda(t0) to 5 digits for T = 4e7 and 50,
     * from its own run at rtol 1e-6; agreement to 2e-4 is what those digits and that run allow.
     */
    @Test
    void robertsonAgreesWithCvodes() {
        double[][][] published = {
            {{4e7}, {3.9983e7}, {7.6842e5, -3.0691, 5.1145e-4}, {3.9967e7, 3.9967e7, 3.9967e7}},
            {{50}, {Double.NaN}, {1.7341e2, -5.0591e-4, 8.4323e-8}, {8.4191, 1.6097e1, 1.6097e1}}};
        for (double[][] row : published) {
            GradientResult r = GradientSolver.solve(robertson(row[0][0]),
                    GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withTolerances(1e-8, 1e-10));
            String what = "T=" + row[0][0];
            if (!Double.isNaN(row[1][0])) {
                assertRelative(row[1][0], r.value(), 2e-4, what + " G");
            }
            for (int k = 0; k < 3; k++) {
                assertRelative(row[2][k], r.parameterGradient()[k], 2e-4, what + " dG/dp" + (k + 1));
                assertRelative(row[3][k], r.initialStateGradient()[k], 2e-4, what + " lambda(t0)_" + (k + 1));
            }
        }
    }

    /** Adaptive ESDIRK4 at rtol 1e-8 against continuous forward sensitivities at rtol 1e-10: 1e-4. */
    @Test
    void robertsonAgreesWithForwardSensitivities() {
        for (double finalTime : new double[] {50, 4e7}) {
            double[] reference = forwardSensitivities(finalTime);
            for (RungeKuttaMethod method : new RungeKuttaMethod[] {RungeKuttaMethods.ESDIRK3, RungeKuttaMethods.ESDIRK4}) {
                GradientResult r = GradientSolver.solve(robertson(finalTime),
                        GradientOptions.defaults().withMethod(method).withTolerances(1e-8, 1e-10));
                String what = method.name() + " T=" + finalTime;
                assertRelative(reference[0], r.value(), 1e-6, what + " J");
                for (int k = 0; k < 3; k++) {
                    assertRelative(reference[1 + k], r.parameterGradient()[k], 1e-4, what + " dJ/dp" + (k + 1));
                    assertRelative(reference[4 + k], r.initialStateGradient()[k], 1e-4, what + " dJ/dy0_" + (k + 1));
                }
            }
        }
    }

    /**
     * With kappa = 1 the semi-discrete operator has eigenvectors sin(k pi x_i) and eigenvalues
     * mu_k = -4 sin^2(k pi h / 2) / h^2, so the exact semi-discrete gradient is
     * {@code dJ/du0_i = h [e^{mu1 T} (e^{mu1 T} - 0.3) sin(pi x_i) + 0.5 e^{2 mu3 T} sin(3 pi x_i)]}.
     * Halving the step divides the error by 2^order: the observed order over N = 10..80 is within
     * 0.2 of the method's.
     */
    @ParameterizedTest
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#implicit")
    void heatConvergesToTheFourierAdjointAtTheMethodsOrder(RungeKuttaMethod method) {
        int n = 50;
        double[] exact = fourierGradient(n, true);
        int[] steps = method.order() >= 3 ? new int[] {5, 10, 20, 40} : new int[] {10, 20, 40, 80};
        double[] error = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            error[i] = GradientAssertions.relativeError(constantHeatGradient(n, method, steps[i]), exact);
        }
        for (int i = 1; i < steps.length; i++) {
            double order = Math.log(error[i - 1] / error[i]) / Math.log(2);
            assertEquals(method.order(), order, 0.2, method.name() + " observed order between N=" + steps[i - 1]
                    + " and " + steps[i] + " (errors " + error[i - 1] + ", " + error[i] + ")");
        }
    }

    /**
     * Refining grid and step together (N = 4 (n + 1), Crank–Nicolson), the gradient per unit
     * length {@code dJ/du0_i / h} converges to the continuous adjoint
     * {@code lambda(0, x) = e^{-pi^2 T}(e^{-pi^2 T} - 0.3) sin(pi x) + 0.5 e^{-18 pi^2 T} sin(3 pi x)}
     * at second order.
     */
    @Test
    void heatConvergesToTheContinuousAdjoint() {
        int[] sizes = {19, 39, 79};
        double[] error = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            error[i] = GradientAssertions.relativeError(constantHeatGradient(n, RungeKuttaMethods.CN, 4 * (n + 1)),
                    fourierGradient(n, false));
        }
        for (int i = 1; i < sizes.length; i++) {
            double order = Math.log(error[i - 1] / error[i]) / Math.log(2);
            assertEquals(2.0, order, 0.2, "observed order between n=" + sizes[i - 1] + " and " + sizes[i] + " (errors "
                    + error[i - 1] + ", " + error[i] + ")");
        }
    }

    private static double[] constantHeatGradient(int n, RungeKuttaMethod method, int steps) {
        double[] kappa = new double[n + 1];
        java.util.Arrays.fill(kappa, 1.0);
        return GradientSolver.solve(Heat.problem(n, kappa), GradientOptions.defaults().withMethod(method)
                .withSteps(steps)).initialStateGradient();
    }

    /** h lambda(0, x_i): with the semi-discrete eigenvalues, or with the continuous ones -k^2 pi^2. */
    private static double[] fourierGradient(int n, boolean semiDiscrete) {
        double h = 1.0 / (n + 1);
        double t = Heat.FINAL_TIME;
        double mu1 = semiDiscrete ? -4 * Math.pow(Math.sin(Math.PI * h / 2), 2) / (h * h) : -Math.PI * Math.PI;
        double mu3 = semiDiscrete ? -4 * Math.pow(Math.sin(3 * Math.PI * h / 2), 2) / (h * h) : -9 * Math.PI * Math.PI;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double x = (i + 1) * h;
            g[i] = h * (Math.exp(mu1 * t) * (Math.exp(mu1 * t) - 0.3) * Math.sin(Math.PI * x)
                    + 0.5 * Math.exp(2 * mu3 * t) * Math.sin(3 * Math.PI * x));
        }
        return g;
    }
}
