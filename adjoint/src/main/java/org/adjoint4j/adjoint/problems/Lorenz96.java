package org.adjoint4j.adjoint.problems;

import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.hipparchus.CalculusFieldElement;

/**
 * P3, Lorenz-96 with n states and n forcing parameters (indices mod n):
 * <pre>
 *   x_i' = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + F_i
 *   x_i(0) = 8 + sin(2 pi i / n),  F_i = 8 + 0.1 cos(2 pi i / n),  t in [0, 2]
 *   J = (1 / (2n)) sum_i x_i(T)^2,  p = F
 * </pre>
 * The state vector-Jacobian product, O(n):
 * {@code ((df/dx)^T w)_j = w_{j-1} x_{j-2} - w_{j+2} x_{j+1} + w_{j+1} (x_{j+2} - x_{j-1}) - w_j};
 * the parameter product is w itself. Conditioning: short-wave modes grow by about 1e7 over [0, 2]
 * (see the reference), so compare large-n gradients through smooth projections.
 */
public final class Lorenz96 implements ParametricOde, FieldParametricOde {

    /** @return this model, which is written over any field too */
    @Override
    public FieldParametricOde field() {
        return this;
    }


    /** The reference final time. */
    public static final double FINAL_TIME = 2.0;

    private final int n;

    /** @param n the number of states, at least 4 */
    public Lorenz96(int n) {
        if (n < 4) {
            throw new IllegalArgumentException("lorenz96 needs n >= 4, got " + n);
        }
        this.n = n;
    }

    /**
     * @param n the number of states
     * @return the reference problem P3
     */
    public static GradientProblem problem(int n) {
        double[] x0 = new double[n];
        double[] forcing = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = 8 + Math.sin(2 * Math.PI * i / n);
            forcing[i] = 8 + 0.1 * Math.cos(2 * Math.PI * i / n);
        }
        return new GradientProblem("lorenz96", new Lorenz96(n), forcing, x0, 0.0, FINAL_TIME,
                Objective.terminal(meanSquare(n)));
    }

    /**
     * @param n the number of states
     * @return {@code (1 / (2n)) sum_i x_i^2}
     */
    public static StateFunction meanSquare(int n) {
        return new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                T sum = y[0].getField().getZero();
                for (T yi : y) {
                    sum = sum.add(yi.multiply(yi));
                }
                return sum.divide(2.0 * n);
            }

            @Override
            public double value(double t, double[] y, double[] p) {
                double sum = 0;
                for (double yi : y) {
                    sum += yi * yi;
                }
                return sum / (2.0 * n);
            }

            @Override
            public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
                for (int i = 0; i < y.length; i++) {
                    gy[i] = y[i] / n;
                }
                java.util.Arrays.fill(gp, 0.0);
            }

            @Override
            public void gradientTangent(double t, double[] y, double[] p, double[] s, double[] q, double[] gy,
                    double[] gp) {
                for (int i = 0; i < y.length; i++) {
                    gy[i] = s[i] / n;
                }
                java.util.Arrays.fill(gp, 0.0);
            }
        };
    }

    @Override
    public int stateDimension() {
        return n;
    }

    @Override
    public int parameterDimension() {
        return n;
    }

    @Override
    public void rhs(double t, double[] x, double[] p, double[] xDot) {
        // Wrap-around terms first and last, the interior without index arithmetic mod n.
        xDot[0] = (x[1] - x[n - 2]) * x[n - 1] - x[0] + p[0];
        xDot[1] = (x[2] - x[n - 1]) * x[0] - x[1] + p[1];
        for (int i = 2; i < n - 1; i++) {
            xDot[i] = (x[i + 1] - x[i - 2]) * x[i - 1] - x[i] + p[i];
        }
        xDot[n - 1] = (x[0] - x[n - 3]) * x[n - 2] - x[n - 1] + p[n - 1];
    }

    @Override
    public <T extends CalculusFieldElement<T>> void rhs(T t, T[] x, T[] p, T[] xDot) {
        xDot[0] = x[1].subtract(x[n - 2]).multiply(x[n - 1]).subtract(x[0]).add(p[0]);
        xDot[1] = x[2].subtract(x[n - 1]).multiply(x[0]).subtract(x[1]).add(p[1]);
        for (int i = 2; i < n - 1; i++) {
            xDot[i] = x[i + 1].subtract(x[i - 2]).multiply(x[i - 1]).subtract(x[i]).add(p[i]);
        }
        xDot[n - 1] = x[0].subtract(x[n - 3]).multiply(x[n - 2]).subtract(x[n - 1]).add(p[n - 1]);
    }

    @Override
    public void vjpState(double t, double[] x, double[] p, double[] w, double[] out) {
        // Interior without index arithmetic mod n; the four wrap-around components apart.
        for (int j = 2; j < n - 2; j++) {
            out[j] = w[j - 1] * x[j - 2] - w[j + 2] * x[j + 1] + w[j + 1] * (x[j + 2] - x[j - 1]) - w[j];
        }
        wrapped(0, x, w, out);
        wrapped(1, x, w, out);
        wrapped(n - 2, x, w, out);
        wrapped(n - 1, x, w, out);
    }

    private void wrapped(int j, double[] x, double[] w, double[] out) {
        int jm1 = (j - 1 + n) % n;
        int jm2 = (j - 2 + n) % n;
        int jp1 = (j + 1) % n;
        int jp2 = (j + 2) % n;
        out[j] = w[jm1] * x[jm2] - w[jp2] * x[jp1] + w[jp1] * (x[jp2] - x[jm1]) - w[j];
    }

    @Override
    public void vjpParameters(double t, double[] x, double[] p, double[] w, double[] out) {
        System.arraycopy(w, 0, out, 0, n);
    }

    /**
     * The tangent by hand:
     * {@code (f_x v)_i = (v_{i+1} - v_{i-2}) x_{i-1} + (x_{i+1} - x_{i-2}) v_{i-1} - v_i}, plus q_i.
     */
    @Override
    public void jvp(double t, double[] x, double[] p, double[] v, double[] q, double[] out) {
        for (int i = 2; i < n - 1; i++) {
            out[i] = (v[i + 1] - v[i - 2]) * x[i - 1] + (x[i + 1] - x[i - 2]) * v[i - 1] - v[i];
        }
        tangentWrapped(0, x, v, out);
        tangentWrapped(1, x, v, out);
        tangentWrapped(n - 1, x, v, out);
        if (q != null) {
            for (int i = 0; i < n; i++) {
                out[i] += q[i];
            }
        }
    }

    private void tangentWrapped(int i, double[] x, double[] v, double[] out) {
        int im1 = (i - 1 + n) % n;
        int im2 = (i - 2 + n) % n;
        int ip1 = (i + 1) % n;
        out[i] = (v[ip1] - v[im2]) * x[im1] + (x[ip1] - x[im2]) * v[im1] - v[i];
    }

    /**
     * The second-order product by hand: the state product is linear in x, so its derivative along
     * s is the same formula with s for x; f is linear in F and f_p does not depend on x, so the
     * parameter part is zero.
     */
    @Override
    public void vjpTangent(double t, double[] x, double[] p, double[] w, double[] s, double[] q,
            double[] outState, double[] outParameters) {
        for (int j = 2; j < n - 2; j++) {
            outState[j] = w[j - 1] * s[j - 2] - w[j + 2] * s[j + 1] + w[j + 1] * (s[j + 2] - s[j - 1]);
        }
        wrappedTangent(0, s, w, outState);
        wrappedTangent(1, s, w, outState);
        wrappedTangent(n - 2, s, w, outState);
        wrappedTangent(n - 1, s, w, outState);
        java.util.Arrays.fill(outParameters, 0, n, 0.0);
    }

    private void wrappedTangent(int j, double[] s, double[] w, double[] out) {
        int jm1 = (j - 1 + n) % n;
        int jm2 = (j - 2 + n) % n;
        int jp1 = (j + 1) % n;
        int jp2 = (j + 2) % n;
        out[j] = w[jm1] * s[jm2] - w[jp2] * s[jp1] + w[jp1] * (s[jp2] - s[jm1]);
    }

    @Override
    public String stateName(int i) {
        return "x" + i;
    }

    @Override
    public String parameterName(int j) {
        return "F" + j;
    }
}
