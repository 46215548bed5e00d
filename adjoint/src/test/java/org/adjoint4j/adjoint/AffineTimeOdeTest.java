package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.QuadratureOde;
import org.adjoint4j.model.StateFunction;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** The affine clock's products against forward mode of its field version, and its completeness. */
class AffineTimeOdeTest {

    /** y0' = p0 sin(t) y1, y1' = -p1 y0 t^2, with a running cost cos(t) y0^2: every product reads t. */
    private static final FieldParametricOde FORCED = new FieldParametricOde() {
        @Override
        public int stateDimension() {
            return 2;
        }

        @Override
        public int parameterDimension() {
            return 2;
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            yDot[0] = p[0].multiply(t.sin()).multiply(y[1]);
            yDot[1] = p[1].multiply(y[0]).multiply(t.square()).negate();
        }
    };

    private static final StateFunction RUNNING = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return t.cos().multiply(y[0].square());
        }
    };

    @Test
    void declaresEveryMethodOfTheModelApi() throws Exception {
        for (Method method : ParametricOde.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method declared = AffineTimeOde.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            assertEquals(AffineTimeOde.class, declared.getDeclaringClass(), method.getName());
        }
    }

    @Test
    void productsAndJacobianAreForwardModeOfTheFieldVersion() {
        ParametricOde model = new QuadratureOde(ParametricOde.automatic(FORCED), RUNNING);
        AffineTimeOde clock = new AffineTimeOde(model, true, true);
        FieldParametricOde field = clock.field();
        double s = 0.37;
        double[] y = {0.8, -1.3, 0.2};
        double[] all = AffineTimeOde.parameters(new double[] {1.7, 0.6}, 2.1, 0.45);
        double[] w = {0.3, -0.9, 1.1};
        int free = y.length + all.length;
        Gradient[] f = new Gradient[y.length];
        field.rhs(Gradient.constant(free, s), Fields.variables(y, free, 0), Fields.variables(all, free, y.length), f);
        double[] vy = new double[y.length];
        double[] vp = new double[all.length];
        for (int i = 0; i < y.length; i++) {
            double[] g = f[i].getGradient();
            for (int k = 0; k < y.length; k++) {
                vy[k] += w[i] * g[k];
            }
            for (int k = 0; k < all.length; k++) {
                vp[k] += w[i] * g[y.length + k];
            }
        }
        double[] outY = new double[y.length];
        double[] outP = new double[all.length];
        clock.vjp(s, y, all, w, outY, outP);
        assertArrayEquals(vy, outY, 1e-14);
        assertArrayEquals(vp, outP, 1e-14);
        DMatrixRMaj j = clock.stateJacobian().evaluate(s, y, all);
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < y.length; k++) {
                assertEquals(f[i].getGradient()[k], j.get(i, k), 1e-14, "J[" + i + "][" + k + "]");
            }
        }
        double[] rhs = new double[y.length];
        clock.rhs(s, y, all, rhs);
        for (int i = 0; i < y.length; i++) {
            assertEquals(f[i].getValue(), rhs[i], 1e-15);
        }
        double[] tangent = new double[y.length];
        double[] q = {0.2, -0.4, 0.7, 1.3};
        double[] v = {1.0, 0.5, -0.25};
        clock.jvp(s, y, all, v, q, tangent);
        for (int i = 0; i < y.length; i++) {
            double expected = 0;
            double[] g = f[i].getGradient();
            for (int k = 0; k < y.length; k++) {
                expected += g[k] * v[k];
            }
            for (int k = 0; k < all.length; k++) {
                expected += g[y.length + k] * q[k];
            }
            assertEquals(expected, tangent[i], 1e-14);
        }
        assertTrue(clock.parameterDimension() == 4);
    }
}
