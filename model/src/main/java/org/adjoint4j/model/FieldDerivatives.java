package org.adjoint4j.model;

import org.adjoint4j.autodiff.Fields;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.Gradient;

/** The default derivatives of {@link ParametricOde}: forward mode on a field version, or products. */
final class FieldDerivatives {

    private FieldDerivatives() {
    }

    /** Row i of J is the gradient of f_i: one evaluation with n directions. */
    static void denseJacobian(FieldParametricOde model, double t, double[] y, double[] p, DMatrixRMaj j) {
        int n = y.length;
        Gradient[] f = new Gradient[n];
        model.rhs(Gradient.constant(n, t), Fields.variables(y, n, 0), Fields.constants(p, n), f);
        for (int i = 0; i < n; i++) {
            double[] row = f[i].getGradient();
            System.arraycopy(row, 0, j.data, i * n, n);
        }
    }

    /** f_y v + f_p q by one evaluation on Gradients with one direction. */
    static void jvp(FieldParametricOde model, double t, double[] y, double[] p, double[] v, double[] q,
            double[] out) {
        Gradient[] yy = new Gradient[y.length];
        for (int i = 0; i < y.length; i++) {
            yy[i] = new Gradient(y[i], v[i]);
        }
        Gradient[] pp = new Gradient[p.length];
        for (int j = 0; j < p.length; j++) {
            pp[j] = new Gradient(p[j], q == null ? 0.0 : q[j]);
        }
        Gradient[] f = new Gradient[y.length];
        model.rhs(Gradient.constant(1, t), yy, pp, f);
        for (int i = 0; i < out.length; i++) {
            out[i] = f[i].getPartialDerivative(0);
        }
    }

    /** df/dt by one evaluation on Gradients whose one direction is t. */
    static void timeDerivative(FieldParametricOde model, double t, double[] y, double[] p, double[] out) {
        Gradient[] f = new Gradient[y.length];
        model.rhs(Gradient.variable(1, 0, t), Fields.constants(y, 1), Fields.constants(p, 1), f);
        for (int i = 0; i < out.length; i++) {
            out[i] = f[i].getPartialDerivative(0);
        }
    }

    /**
     * The second-order product by forward over forward mode: phi(y, p) = w . (f_y s + f_p q),
     * the inner derivative (along e) a {@link FieldGradient} over {@link Gradient}s that carry the
     * outer one (with respect to y and p); the gradient of phi is the product.
     */
    static void vjpTangent(FieldParametricOde model, double t, double[] y, double[] p, double[] w, double[] s,
            double[] q, double[] outState, double[] outParameters) {
        int n = y.length;
        int m = p.length;
        int free = n + m;
        Gradient zero = Gradient.constant(free, 0.0);
        @SuppressWarnings("unchecked")
        FieldGradient<Gradient>[] ye = (FieldGradient<Gradient>[]) new FieldGradient<?>[n];
        @SuppressWarnings("unchecked")
        FieldGradient<Gradient>[] pe = (FieldGradient<Gradient>[]) new FieldGradient<?>[m];
        @SuppressWarnings("unchecked")
        FieldGradient<Gradient>[] f = (FieldGradient<Gradient>[]) new FieldGradient<?>[n];
        for (int i = 0; i < n; i++) {
            ye[i] = new FieldGradient<>(Gradient.variable(free, i, y[i]), zero.add(s[i]));
        }
        for (int j = 0; j < m; j++) {
            pe[j] = new FieldGradient<>(Gradient.variable(free, n + j, p[j]), zero.add(q[j]));
        }
        model.rhs(new FieldGradient<>(zero.add(t), zero), ye, pe, f);
        Gradient phi = zero;
        for (int i = 0; i < n; i++) {
            phi = phi.add(f[i].getPartialDerivative(0).multiply(w[i]));
        }
        double[] g = phi.getGradient();
        System.arraycopy(g, 0, outState, 0, n);
        System.arraycopy(g, n, outParameters, 0, m);
    }

    /** out_i = (f_y^T e_i) . v + (f_p^T e_i) . q, n pairs of products. */
    static void jvpFromProducts(ParametricOde model, double t, double[] y, double[] p, double[] v, double[] q,
            double[] out) {
        int n = y.length;
        double[] unit = new double[n];
        double[] rowState = new double[n];
        double[] rowParameters = new double[p.length];
        for (int i = 0; i < n; i++) {
            unit[i] = 1.0;
            double sum = 0.0;
            if (q == null) {
                model.vjpState(t, y, p, unit, rowState);
            } else {
                java.util.Arrays.fill(rowParameters, 0.0);
                model.vjp(t, y, p, unit, rowState, rowParameters);
                int from = model.parameterSupportStart(t);
                int to = model.parameterSupportEnd(t);
                for (int j = from; j < to; j++) {
                    sum += rowParameters[j] * q[j];
                }
            }
            unit[i] = 0.0;
            for (int k = 0; k < n; k++) {
                sum += rowState[k] * v[k];
            }
            out[i] = sum;
        }
    }
}
