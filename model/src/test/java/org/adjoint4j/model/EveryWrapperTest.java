package org.adjoint4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.adjoint4j.autodiff.Fields;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of every wrapper and adapter of the model API, over every capability (in the spirit
 * of {@code EveryScheduleTest}): each gives the values its definition says, against forward mode
 * (Hipparchus {@link Gradient}) on the base model's field version, and {@link ForwardingOde}
 * declares every method of {@link ParametricOde}, so a wrapper cannot drop one.
 */
class EveryWrapperTest {

    /**
     * y0' = p0 - p1 y0 y1,  y1' = p1 y0 y1 - p2 y1 + sin(t) y2,  y2' = p_k y1 - y2 (k = 3 before
     * t = 0.5, then 4): its parameter support is [0, 4) before 0.5 and [0, 5) after, and its
     * parameter products write only that; a tridiagonal sparse Jacobian; a field version.
     */
    static final class Base extends SparseJacobianOde implements FieldParametricOde {
        @Override
        public FieldParametricOde field() {
            return this;
        }

        @Override
        public int stateDimension() {
            return 3;
        }

        @Override
        public int parameterDimension() {
            return 5;
        }

        @Override
        public String stateName(int i) {
            return "s" + i;
        }

        @Override
        public String parameterName(int j) {
            return "q" + j;
        }

        static int forcing(double t) {
            return t < 0.5 ? 3 : 4;
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            yDot[0] = p[0] - p[1] * y[0] * y[1];
            yDot[1] = p[1] * y[0] * y[1] - p[2] * y[1] + Math.sin(t) * y[2];
            yDot[2] = p[forcing(t)] * y[1] - y[2];
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            yDot[0] = p[0].subtract(p[1].multiply(y[0]).multiply(y[1]));
            yDot[1] = p[1].multiply(y[0]).multiply(y[1]).subtract(p[2].multiply(y[1])).add(t.sin().multiply(y[2]));
            yDot[2] = p[forcing(t.getReal())].multiply(y[1]).subtract(y[2]);
        }

        @Override
        public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
            out[0] = -p[1] * y[1] * w[0] + p[1] * y[1] * w[1];
            out[1] = -p[1] * y[0] * w[0] + (p[1] * y[0] - p[2]) * w[1] + p[forcing(t)] * w[2];
            out[2] = Math.sin(t) * w[1] - w[2];
        }

        @Override
        public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
            out[0] = w[0];
            out[1] = -y[0] * y[1] * w[0] + y[0] * y[1] * w[1];
            out[2] = -y[1] * w[1];
            out[3] = 0.0;
            out[forcing(t)] = y[1] * w[2];
        }

        @Override
        public int parameterSupportEnd(double t) {
            return forcing(t) + 1;
        }

        @Override
        public DMatrixSparseCSC stateJacobianPattern() {
            DMatrixSparseCSC j = new DMatrixSparseCSC(3, 3, 7);
            for (int c = 0; c < 3; c++) {
                for (int r = Math.max(0, c - 1); r <= Math.min(2, c + 1); r++) {
                    j.set(r, c, 1.0);
                }
            }
            return j;
        }

        @Override
        public void stateJacobian(double t, double[] y, double[] p, DMatrixSparseCSC j) {
            DMatrixRMaj dense = StateJacobian.forwardMode(this).evaluate(t, y, p);
            for (int c = 0; c < 3; c++) {
                for (int k = j.col_idx[c]; k < j.col_idx[c + 1]; k++) {
                    j.nz_values[k] = dense.get(j.nz_rows[k], c);
                }
            }
        }

        @Override
        public DMatrixSparseCSC parameterJacobianPattern() {
            throw new AssertionError("the products are hand-written");
        }

        @Override
        public void parameterJacobian(double t, double[] y, double[] p, DMatrixSparseCSC jacobian) {
            throw new AssertionError("the products are hand-written");
        }
    }

    /** A running cost g = p2 y0^2 + y1 y2, whose parameter support is [2, 3). */
    static final StateFunction RUNNING = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return p[2].multiply(y[0]).multiply(y[0]).add(y[1].multiply(y[2]));
        }

        @Override
        public int parameterSupportStart(double t) {
            return 2;
        }

        @Override
        public int parameterSupportEnd(double t) {
            return 3;
        }
    };

    /** What a wrapper must compute, by forward mode on a field version. */
    record Case(String name, ParametricOde model, FieldParametricOde expected, boolean knowsSupport) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Base base = new Base();
        FieldParametricOde augmented = QuadratureOde.field(base, RUNNING);
        return Stream.of(
                new Case("base model", base, base, true),
                new Case("CountingOde", new CountingOde(base), base, true),
                new Case("QuadratureOde", new QuadratureOde(base, RUNNING), augmented, true),
                new Case("CountingOde(QuadratureOde)", new CountingOde(new QuadratureOde(base, RUNNING)), augmented, true),
                new Case("QuadratureOde(CountingOde)", new QuadratureOde(new CountingOde(base), RUNNING), augmented, true),
                new Case("ReverseModeOde", new ReverseModeOde(base), base, false),
                new Case("ForwardModeOde", new ForwardModeOde(base), base, false),
                new Case("ColoredJacobianOde forward mode",
                        new ColoredJacobianOde(base, base.stateJacobianPattern(), ColoredJacobianOde.Fill.FORWARD_MODE),
                        base, false),
                new Case("QuadratureOde(ReverseModeOde)", new QuadratureOde(new ReverseModeOde(base), RUNNING),
                        augmented, false));
    }

    private static final double[] P = {0.7, 1.3, 0.4, -0.8, 2.1};
    private static final double TOLERANCE = 1e-13;

    private static Gradient[] evaluate(FieldParametricOde f, double t, double[] y, double[] p) {
        int free = y.length + p.length;
        Gradient[] out = new Gradient[y.length];
        f.rhs(Gradient.constant(free, t), Fields.variables(y, free, 0), Fields.variables(p, free, y.length), out);
        return out;
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * (1 + Math.abs(expected)), what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCapabilityHasItsDefinedValue(Case c) {
        ParametricOde model = c.model();
        int n = c.expected().stateDimension();
        int m = P.length;
        assertEquals(n, model.stateDimension(), "stateDimension");
        assertEquals(m, model.parameterDimension(), "parameterDimension");
        assertEquals("s1", model.stateName(1), "stateName");
        assertEquals("q4", model.parameterName(4), "parameterName");
        Random random = new Random(42);
        for (double t : new double[] {0.2, 0.9}) {
            double[] y = random.doubles(n, -1, 1).toArray();
            double[] w = random.doubles(n, -1, 1).toArray();
            double[] v = random.doubles(n, -1, 1).toArray();
            double[] q = random.doubles(m, -1, 1).toArray();
            Gradient[] f = evaluate(c.expected(), t, y, P);
            String at = " at t=" + t;

            double[] yDot = new double[n];
            model.rhs(t, y, P, yDot);
            for (int i = 0; i < n; i++) {
                close(f[i].getValue(), yDot[i], "rhs" + i + at);
            }

            int from = model.parameterSupportStart(t);
            int to = model.parameterSupportEnd(t);
            if (c.knowsSupport()) {
                assertEquals(0, from, "support start" + at);
                assertEquals(Base.forcing(t) + 1, to, "support end" + at);
            } else {
                assertEquals(0, from, "support start" + at);
                assertEquals(m, to, "support end" + at);
            }
            double[] expectedState = new double[n];
            double[] expectedParameters = new double[m];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    expectedState[i] += w[k] * f[k].getPartialDerivative(i);
                }
                for (int j = 0; j < m; j++) {
                    expectedParameters[j] += w[k] * f[k].getPartialDerivative(n + j);
                }
            }
            for (int j = to; j < m; j++) {
                assertEquals(0.0, expectedParameters[j], "f must not depend on p" + j + " outside its support" + at);
            }
            double[] outState = new double[n];
            double[] outParameters = new double[m];
            java.util.Arrays.fill(outParameters, Double.NaN);
            model.vjp(t, y, P, w, outState, outParameters);
            double[] aloneState = new double[n];
            double[] aloneParameters = new double[m];
            java.util.Arrays.fill(aloneParameters, Double.NaN);
            model.vjpState(t, y, P, w, aloneState);
            model.vjpParameters(t, y, P, w, aloneParameters);
            for (int i = 0; i < n; i++) {
                close(expectedState[i], outState[i], "vjp state " + i + at);
                close(expectedState[i], aloneState[i], "vjpState " + i + at);
            }
            for (int j = from; j < to; j++) {
                close(expectedParameters[j], outParameters[j], "vjp parameter " + j + at);
                close(expectedParameters[j], aloneParameters[j], "vjpParameters " + j + at);
            }

            double[] tangent = new double[n];
            model.jvp(t, y, P, v, q, tangent);
            double[] stateOnly = new double[n];
            model.jvp(t, y, P, v, null, stateOnly);
            for (int i = 0; i < n; i++) {
                double expected = 0;
                double expectedStateOnly = 0;
                for (int k = 0; k < n; k++) {
                    expected += f[i].getPartialDerivative(k) * v[k];
                }
                expectedStateOnly = expected;
                for (int j = 0; j < m; j++) {
                    expected += f[i].getPartialDerivative(n + j) * q[j];
                }
                close(expected, tangent[i], "jvp " + i + at);
                close(expectedStateOnly, stateOnly[i], "jvp without parameter direction " + i + at);
            }

            DMatrixRMaj jacobian = model.stateJacobian().evaluate(t, y, P);
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < n; k++) {
                    close(f[r].getPartialDerivative(k), jacobian.get(r, k), "J(" + r + ", " + k + ")" + at);
                }
            }

            FieldParametricOde field = model.field();
            assertNotNull(field, "field version");
            Gradient[] g = evaluate(field, t, y, P);
            for (int i = 0; i < n; i++) {
                close(f[i].getValue(), g[i].getValue(), "field rhs " + i + at);
            }

            // The second-order product against the Hessians of order-2 forward mode.
            double[][][] hessians = hessians(c.expected(), t, y, P);
            double[] secondState = new double[n];
            double[] secondParameters = new double[m];
            java.util.Arrays.fill(secondParameters, Double.NaN);
            model.vjpTangent(t, y, P, w, v, q, secondState, secondParameters);
            for (int a = 0; a < n + m; a++) {
                if (a >= n && (a - n < from || a - n >= to)) {
                    continue;
                }
                double expected = 0.0;
                for (int i = 0; i < n; i++) {
                    for (int b = 0; b < n + m; b++) {
                        expected += w[i] * hessians[i][a][b] * (b < n ? v[b] : q[b - n]);
                    }
                }
                close(expected, a < n ? secondState[a] : secondParameters[a - n], "vjpTangent " + a + at);
            }
        }
    }

    /** Per output i, its Hessian with respect to (y, p), by DerivativeStructure of order 2. */
    private static double[][][] hessians(FieldParametricOde f, double t, double[] y, double[] p) {
        int n = y.length;
        int free = n + p.length;
        org.hipparchus.analysis.differentiation.DSFactory factory =
                new org.hipparchus.analysis.differentiation.DSFactory(free, 2);
        org.hipparchus.analysis.differentiation.DerivativeStructure[] yy =
                new org.hipparchus.analysis.differentiation.DerivativeStructure[n];
        org.hipparchus.analysis.differentiation.DerivativeStructure[] pp =
                new org.hipparchus.analysis.differentiation.DerivativeStructure[p.length];
        for (int i = 0; i < n; i++) {
            yy[i] = factory.variable(i, y[i]);
        }
        for (int j = 0; j < p.length; j++) {
            pp[j] = factory.variable(n + j, p[j]);
        }
        org.hipparchus.analysis.differentiation.DerivativeStructure[] out =
                new org.hipparchus.analysis.differentiation.DerivativeStructure[n];
        f.rhs(factory.constant(t), yy, pp, out);
        double[][][] h = new double[n][free][free];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < free; a++) {
                for (int b = 0; b < free; b++) {
                    int[] orders = new int[free];
                    orders[a]++;
                    orders[b]++;
                    h[i][a][b] = out[i].getPartialDerivative(orders);
                }
            }
        }
        return h;
    }

    /** The structural guarantee: nothing of the interface can be left unforwarded. */
    @Test
    void forwardingOdeDeclaresEveryMethodOfTheInterface() {
        for (Method method : ParametricOde.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                Method declared = ForwardingOde.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
                assertTrue(Modifier.isPublic(declared.getModifiers()), method.getName());
            } catch (NoSuchMethodException e) {
                fail("ForwardingOde does not forward " + method);
            }
        }
    }

    @Test
    void everyWrapperExtendsTheForwardingBase() {
        for (Class<?> wrapper : List.of(CountingOde.class, QuadratureOde.class, ColoredJacobianOde.class)) {
            assertTrue(ForwardingOde.class.isAssignableFrom(wrapper), wrapper.getSimpleName());
        }
    }
}
