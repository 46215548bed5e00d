package org.adjoint4j.adjoint.problems;

import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.SparseJacobianOde;
import org.adjoint4j.model.StateFunction;
import org.ejml.data.DMatrixSparseCSC;
import org.hipparchus.CalculusFieldElement;

/**
 * P4, the 1D heat equation with variable diffusivity, semi-discrete in space (a stiff linear
 * system with a tridiagonal Jacobian):
 * <pre>
 *   u_t = (kappa(x) u_x)_x on (0, 1),  u(0) = u(1) = 0
 *   nodes x_i = (i + 1) h, i = 0..n-1,  h = 1 / (n + 1);  faces j = 0..n at (j + 1/2) h
 *   u_i' = (kappa_{i+1} (u_{i+1} - u_i) - kappa_i (u_i - u_{i-1})) / h^2,  u_{-1} = u_n = 0
 *   p = kappa_j = 1 + 0.5 sin(pi (j + 1/2) h), j = 0..n
 *   u_i(0) = sin(pi x_i) + 0.5 sin(3 pi x_i),  t in [0, 0.1]
 *   J = 0.5 h sum_i (u_i(T) - d_i)^2,  d_i = 0.3 sin(pi x_i)
 * </pre>
 * The state Jacobian is symmetric, so {@code (f_y)^T w} is the operator applied to w; the parameter
 * product is {@code ((f_p)^T w)_j = (u_j - u_{j-1}) (w_{j-1} - w_j) / h^2} (zero beyond the
 * boundary). Its stiffness ratio grows as {@code n^2}: the fastest eigenvalue is about
 * {@code -4 kappa / h^2}.
 */
public final class Heat extends SparseJacobianOde implements FieldParametricOde {

    /** @return this model, which is written over any field too */
    @Override
    public FieldParametricOde field() {
        return this;
    }


    /** The reference final time. */
    public static final double FINAL_TIME = 0.1;

    private final int n;
    private final double h;
    private final double inverseH2;

    /** @param n interior nodes, at least 1 */
    public Heat(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("heat needs n >= 1 interior nodes, got " + n);
        }
        this.n = n;
        this.h = 1.0 / (n + 1);
        this.inverseH2 = 1.0 / (h * h);
    }

    /**
     * @param n interior nodes
     * @return the reference problem P4, with the variable diffusivity
     */
    public static GradientProblem problem(int n) {
        double h = 1.0 / (n + 1);
        double[] kappa = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            kappa[j] = 1 + 0.5 * Math.sin(Math.PI * (j + 0.5) * h);
        }
        return problem(n, kappa);
    }

    /**
     * P4 with the given face diffusivities (all equal gives the constant-diffusivity variant,
     * whose adjoint has a Fourier closed form).
     *
     * @param n interior nodes
     * @param kappa n + 1 face diffusivities (copied)
     * @return the problem
     */
    public static GradientProblem problem(int n, double[] kappa) {
        Heat model = new Heat(n);
        if (kappa.length != n + 1) {
            throw new IllegalArgumentException("kappa has " + kappa.length + " entries, heat with n=" + n + " needs "
                    + (n + 1));
        }
        double[] u0 = new double[n];
        for (int i = 0; i < n; i++) {
            double x = model.node(i);
            u0[i] = Math.sin(Math.PI * x) + 0.5 * Math.sin(3 * Math.PI * x);
        }
        return new GradientProblem("heat", model, kappa.clone(), u0, 0.0, FINAL_TIME,
                Objective.terminal(model.misfit()));
    }

    /**
     * @param i a node index
     * @return {@code x_i = (i + 1) h}
     */
    public double node(int i) {
        return (i + 1) * h;
    }

    /** @return the grid spacing h */
    public double spacing() {
        return h;
    }

    /** @return {@code 0.5 h sum_i (u_i - 0.3 sin(pi x_i))^2} */
    public StateFunction misfit() {
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = 0.3 * Math.sin(Math.PI * node(i));
        }
        return new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                T sum = y[0].getField().getZero();
                for (int i = 0; i < n; i++) {
                    T d = y[i].subtract(target[i]);
                    sum = sum.add(d.multiply(d));
                }
                return sum.multiply(0.5 * h);
            }

            @Override
            public double value(double t, double[] y, double[] p) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double d = y[i] - target[i];
                    sum += d * d;
                }
                return 0.5 * h * sum;
            }

            @Override
            public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
                for (int i = 0; i < n; i++) {
                    gy[i] = h * (y[i] - target[i]);
                }
                java.util.Arrays.fill(gp, 0.0);
            }

            @Override
            public void gradientTangent(double t, double[] y, double[] p, double[] s, double[] q, double[] gy,
                    double[] gp) {
                for (int i = 0; i < n; i++) {
                    gy[i] = h * s[i];
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
        return n + 1;
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        diffuse(y, p, yDot);
    }

    /** out = A(kappa) v, the discrete operator with zero boundary values. */
    private void diffuse(double[] v, double[] kappa, double[] out) {
        double left = kappa[0] * v[0]; // kappa_i (v_i - v_{i-1}), through face i; v_{-1} = 0
        for (int i = 0; i < n; i++) {
            double next = i + 1 < n ? v[i + 1] : 0.0;
            double right = kappa[i + 1] * (next - v[i]);
            out[i] = (right - left) * inverseH2;
            left = right;
        }
    }

    @Override
    public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
        T zero = y[0].getField().getZero();
        T left = p[0].multiply(y[0]);
        for (int i = 0; i < n; i++) {
            T next = i + 1 < n ? y[i + 1] : zero;
            T right = p[i + 1].multiply(next.subtract(y[i]));
            yDot[i] = right.subtract(left).multiply(inverseH2);
            left = right;
        }
    }

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        diffuse(w, p, out);
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        for (int j = 0; j <= n; j++) {
            double uj = j < n ? y[j] : 0.0;
            double uPrevious = j > 0 ? y[j - 1] : 0.0;
            double wj = j < n ? w[j] : 0.0;
            double wPrevious = j > 0 ? w[j - 1] : 0.0;
            out[j] = (uj - uPrevious) * (wPrevious - wj) * inverseH2;
        }
    }

    /** The tangent by hand: f = A(kappa) u is bilinear, so it is {@code A(kappa) v + A(q) u}. */
    @Override
    public void jvp(double t, double[] y, double[] p, double[] v, double[] q, double[] out) {
        double left = p[0] * v[0] + (q == null ? 0.0 : q[0] * y[0]);
        for (int i = 0; i < n; i++) {
            double nextV = i + 1 < n ? v[i + 1] : 0.0;
            double right = p[i + 1] * (nextV - v[i]);
            if (q != null) {
                double nextU = i + 1 < n ? y[i + 1] : 0.0;
                right += q[i + 1] * (nextU - y[i]);
            }
            out[i] = (right - left) * inverseH2;
            left = right;
        }
    }

    /**
     * The second-order product by hand: f = A(kappa) u is bilinear, so the state part is
     * {@code A(q) w} and the parameter part the parameter product with s in place of u.
     */
    @Override
    public void vjpTangent(double t, double[] y, double[] p, double[] w, double[] s, double[] q,
            double[] outState, double[] outParameters) {
        diffuse(w, q, outState);
        vjpParameters(t, s, p, w, outParameters);
    }

    @Override
    public DMatrixSparseCSC stateJacobianPattern() {
        DMatrixSparseCSC pattern = new DMatrixSparseCSC(n, n, 3 * n - 2);
        int k = 0;
        for (int c = 0; c < n; c++) {
            pattern.col_idx[c] = k;
            for (int r = Math.max(0, c - 1); r <= Math.min(n - 1, c + 1); r++) {
                pattern.nz_rows[k++] = r;
            }
        }
        pattern.col_idx[n] = k;
        pattern.nz_length = k;
        pattern.indicesSorted = true;
        return pattern;
    }

    @Override
    public void stateJacobian(double t, double[] y, double[] p, DMatrixSparseCSC jacobian) {
        double[] v = jacobian.nz_values;
        int k = 0;
        for (int c = 0; c < n; c++) {
            if (c > 0) {
                v[k++] = p[c] * inverseH2; // J(c-1, c)
            }
            v[k++] = -(p[c] + p[c + 1]) * inverseH2;
            if (c + 1 < n) {
                v[k++] = p[c + 1] * inverseH2; // J(c+1, c)
            }
        }
    }

    @Override
    public DMatrixSparseCSC parameterJacobianPattern() {
        DMatrixSparseCSC pattern = new DMatrixSparseCSC(n, n + 1, 2 * n);
        int k = 0;
        for (int c = 0; c <= n; c++) {
            pattern.col_idx[c] = k;
            if (c > 0) {
                pattern.nz_rows[k++] = c - 1;
            }
            if (c < n) {
                pattern.nz_rows[k++] = c;
            }
        }
        pattern.col_idx[n + 1] = k;
        pattern.nz_length = k;
        pattern.indicesSorted = true;
        return pattern;
    }

    @Override
    public void parameterJacobian(double t, double[] y, double[] p, DMatrixSparseCSC jacobian) {
        double[] v = jacobian.nz_values;
        int k = 0;
        for (int c = 0; c <= n; c++) {
            double gradient = ((c < n ? y[c] : 0.0) - (c > 0 ? y[c - 1] : 0.0)) * inverseH2;
            if (c > 0) {
                v[k++] = gradient; // d f_{c-1} / d kappa_c
            }
            if (c < n) {
                v[k++] = -gradient; // d f_c / d kappa_c
            }
        }
    }

    @Override
    public String stateName(int i) {
        return "u" + i;
    }

    @Override
    public String parameterName(int j) {
        return "kappa" + j;
    }
}
