package org.adjoint4j.adjoint.problems;

import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.hipparchus.CalculusFieldElement;

/**
 * P1, Lotka–Volterra (non-stiff, tiny):
 * <pre>
 *   x' = a x - b x y,   y' = -c y + d x y
 *   p = (a, b, c, d) = (1.5, 1.0, 3.0, 1.0),  (x0, y0) = (1, 1),  t in [0, 10]
 *   J = integral_0^T x(t) y(t) dt + 0.5 x(T)^2
 * </pre>
 * Jacobians: {@code f_y = [[a - b y, -b x], [d y, -c + d x]]},
 * {@code f_p = [[x, -x y, 0, 0], [0, 0, -y, x y]]}.
 */
public final class LotkaVolterra implements ParametricOde, FieldParametricOde {

    /** @return this model, which is written over any field too */
    @Override
    public FieldParametricOde field() {
        return this;
    }


    /** The reference parameters (a, b, c, d). */
    public static final double[] PARAMETERS = {1.5, 1.0, 3.0, 1.0};
    /** The reference initial state (x0, y0). */
    public static final double[] INITIAL_STATE = {1.0, 1.0};
    /** The reference final time. */
    public static final double FINAL_TIME = 10.0;

    private static final String[] STATES = {"x", "y"};
    private static final String[] PARAMETER_NAMES = {"a", "b", "c", "d"};

    /** The running cost {@code g = x y}. */
    public static final StateFunction PRODUCT = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return y[0].multiply(y[1]);
        }

        @Override
        public double value(double t, double[] y, double[] p) {
            return y[0] * y[1];
        }

        @Override
        public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
            gy[0] = y[1];
            gy[1] = y[0];
            java.util.Arrays.fill(gp, 0.0);
        }

        /** {@code g_yy = [[0, 1], [1, 0]]}. */
        @Override
        public void gradientTangent(double t, double[] y, double[] p, double[] s, double[] q, double[] gy,
                double[] gp) {
            gy[0] = s[1];
            gy[1] = s[0];
            java.util.Arrays.fill(gp, 0.0);
        }
    };

    /** The terminal term {@code phi = 0.5 x(T)^2}. */
    public static final StateFunction HALF_X_SQUARED = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return y[0].multiply(y[0]).multiply(0.5);
        }

        @Override
        public double value(double t, double[] y, double[] p) {
            return 0.5 * y[0] * y[0];
        }

        @Override
        public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
            gy[0] = y[0];
            gy[1] = 0.0;
            java.util.Arrays.fill(gp, 0.0);
        }

        /** {@code g_yy = [[1, 0], [0, 0]]}. */
        @Override
        public void gradientTangent(double t, double[] y, double[] p, double[] s, double[] q, double[] gy,
                double[] gp) {
            gy[0] = s[0];
            gy[1] = 0.0;
            java.util.Arrays.fill(gp, 0.0);
        }
    };

    /** @return the reference problem P1 */
    public static GradientProblem problem() {
        return new GradientProblem("lotka-volterra", new LotkaVolterra(), PARAMETERS, INITIAL_STATE, 0.0, FINAL_TIME,
                Objective.terminal(HALF_X_SQUARED).withRunning(PRODUCT));
    }

    @Override
    public int stateDimension() {
        return 2;
    }

    @Override
    public int parameterDimension() {
        return 4;
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        double x = y[0];
        double v = y[1];
        yDot[0] = p[0] * x - p[1] * x * v;
        yDot[1] = -p[2] * v + p[3] * x * v;
    }

    @Override
    public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
        T x = y[0];
        T v = y[1];
        yDot[0] = p[0].multiply(x).subtract(p[1].multiply(x).multiply(v));
        yDot[1] = p[2].multiply(v).negate().add(p[3].multiply(x).multiply(v));
    }

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        double x = y[0];
        double v = y[1];
        out[0] = (p[0] - p[1] * v) * w[0] + p[3] * v * w[1];
        out[1] = -p[1] * x * w[0] + (-p[2] + p[3] * x) * w[1];
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        double x = y[0];
        double v = y[1];
        out[0] = x * w[0];
        out[1] = -x * v * w[0];
        out[2] = -v * w[1];
        out[3] = x * v * w[1];
    }

    /** The tangent {@code f_y v + f_p q} by hand. */
    @Override
    public void jvp(double t, double[] y, double[] p, double[] v, double[] q, double[] out) {
        double x = y[0];
        double u = y[1];
        out[0] = (p[0] - p[1] * u) * v[0] - p[1] * x * v[1];
        out[1] = p[3] * u * v[0] + (-p[2] + p[3] * x) * v[1];
        if (q != null) {
            out[0] += x * q[0] - x * u * q[1];
            out[1] += -u * q[2] + x * u * q[3];
        }
    }

    /**
     * The second-order product by hand. f is linear in p, and its only second derivatives are
     * {@code f1_xy = -b, f1_xa = 1, f1_xb = -y, f1_yb = -x, f2_xy = d, f2_yc = -1, f2_xd = y,
     * f2_yd = x}.
     */
    @Override
    public void vjpTangent(double t, double[] y, double[] p, double[] w, double[] s, double[] q,
            double[] outState, double[] outParameters) {
        double x = y[0];
        double v = y[1];
        outState[0] = w[0] * (-p[1] * s[1] + q[0] - v * q[1]) + w[1] * (p[3] * s[1] + v * q[3]);
        outState[1] = w[0] * (-p[1] * s[0] - x * q[1]) + w[1] * (p[3] * s[0] - q[2] + x * q[3]);
        outParameters[0] = w[0] * s[0];
        outParameters[1] = -w[0] * (v * s[0] + x * s[1]);
        outParameters[2] = -w[1] * s[1];
        outParameters[3] = w[1] * (v * s[0] + x * s[1]);
    }

    @Override
    public String stateName(int i) {
        return STATES[i];
    }

    @Override
    public String parameterName(int j) {
        return PARAMETER_NAMES[j];
    }
}
