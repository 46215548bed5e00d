package org.adjoint4j.adjoint.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/**
 * The reference problems' tangents and second-order products written by hand ({@code jvp} and
 * {@code vjpTangent} of Lotka–Volterra, heat and Lorenz-96, {@code gradientTangent} of their
 * objective terms) against the
 * interface defaults, forward over forward mode on the same field versions, to 1e-13.
 */
class SecondOrderProductsTest {

    private static final Random RANDOM = new Random(11);

    private static double[] random(int k) {
        return RANDOM.doubles(k, -1.5, 1.5).toArray();
    }

    private static void assertClose(double[] expected, double[] actual, int count, String what) {
        for (int i = 0; i < count; i++) {
            assertEquals(expected[i], actual[i], 1e-13 * (1 + Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    private static void compare(ParametricOde byHand, int n, int m) {
        ParametricOde automatic = ParametricOde.automatic(byHand.field());
        for (int trial = 0; trial < 3; trial++) {
            double[] y = random(n);
            double[] p = random(m);
            double[] w = random(n);
            double[] s = random(n);
            double[] q = random(m);
            double[] handState = new double[n];
            double[] handParameters = new double[m];
            double[] autoState = new double[n];
            double[] autoParameters = new double[m];
            byHand.vjpTangent(0.3, y, p, w, s, q, handState, handParameters);
            automatic.vjpTangent(0.3, y, p, w, s, q, autoState, autoParameters);
            assertClose(autoState, handState, n, byHand.getClass().getSimpleName() + " state");
            assertClose(autoParameters, handParameters, m, byHand.getClass().getSimpleName() + " parameters");
            double[] handTangent = new double[n];
            double[] autoTangent = new double[n];
            for (double[] direction : new double[][] {q, null}) {
                byHand.jvp(0.3, y, p, s, direction, handTangent);
                automatic.jvp(0.3, y, p, s, direction, autoTangent);
                assertClose(autoTangent, handTangent, n, byHand.getClass().getSimpleName() + " jvp"
                        + (direction == null ? " without q" : ""));
            }
        }
    }

    private static void compare(StateFunction byHand, int n, int m, String name) {
        StateFunction automatic = new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return byHand.value(t, y, p);
            }
        };
        double[] y = random(n);
        double[] p = random(m);
        double[] s = random(n);
        double[] q = random(m);
        double[] handState = new double[n];
        double[] handParameters = new double[m];
        double[] autoState = new double[n];
        double[] autoParameters = new double[m];
        byHand.gradientTangent(0.3, y, p, s, q, handState, handParameters);
        automatic.gradientTangent(0.3, y, p, s, q, autoState, autoParameters);
        assertClose(autoState, handState, n, name + " state");
        assertClose(autoParameters, handParameters, m, name + " parameters");
    }

    /**
     * The tangent system's Jacobian [[J, 0], [M, J]] (dense for Lotka–Volterra, in heat's
     * tridiagonal pattern for heat) against forward mode on its field version.
     */
    @Test
    void theTangentSystemsJacobianIsTheBlockTriangularOne() {
        for (org.adjoint4j.adjoint.GradientProblem problem : java.util.List.of(LotkaVolterra.problem(),
                Heat.problem(6))) {
            int n = problem.model().stateDimension();
            int m = problem.model().parameterDimension();
            ParametricOde tangent = org.adjoint4j.adjoint.HessianVectorProduct.tangentProblem(problem, random(m),
                    random(n)).model();
            double[] z = random(2 * n);
            double[] p = problem.parameters();
            org.ejml.data.DMatrixRMaj blocks = tangent.stateJacobian().evaluate(0.3, z, p);
            org.ejml.data.DMatrixRMaj expected = org.adjoint4j.model.StateJacobian.forwardMode(tangent.field())
                    .evaluate(0.3, z, p);
            for (int r = 0; r < 2 * n; r++) {
                for (int c = 0; c < 2 * n; c++) {
                    assertEquals(expected.get(r, c), blocks.get(r, c), 1e-12 * (1 + Math.abs(expected.get(r, c))),
                            problem.name() + " (" + r + ", " + c + ")");
                }
            }
        }
    }

    @Test
    void lotkaVolterra() {
        compare(new LotkaVolterra(), 2, 4);
        compare(LotkaVolterra.PRODUCT, 2, 4, "x y");
        compare(LotkaVolterra.HALF_X_SQUARED, 2, 4, "x^2 / 2");
    }

    @Test
    void heat() {
        Heat heat = new Heat(6);
        compare(heat, 6, 7);
        compare(heat.misfit(), 6, 7, "misfit");
    }

    @Test
    void lorenz96() {
        for (int n : new int[] {4, 5, 9}) {
            compare(new Lorenz96(n), n, n);
            compare(Lorenz96.meanSquare(n), n, n, "mean square n=" + n);
        }
    }
}
