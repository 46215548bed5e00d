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
        Gradient zero = Gradient.constant(n + p.length, 0.0);
        FieldGradient<Gradient>[] f = array(n);
        model.rhs(new FieldGradient<>(zero.add(t), zero), lift(y, s, 0, n + p.length), lift(p, q, n, n + p.length),
                f);
        Gradient phi = zero;
        for (int i = 0; i < n; i++) {
            phi = phi.add(f[i].getPartialDerivative(0).multiply(w[i]));
        }
        split(phi.getGradient(), n, outState, outParameters);
    }

    /** The derivative of g's gradient along (s, q), by forward over forward mode as above. */
    static void gradientTangent(StateFunction g, double t, double[] y, double[] p, double[] s, double[] q,
            double[] outState, double[] outParameters) {
        int free = y.length + p.length;
        Gradient zero = Gradient.constant(free, 0.0);
        FieldGradient<Gradient> value = g.value(new FieldGradient<>(zero.add(t), zero), lift(y, s, 0, free),
                lift(p, q, y.length, free));
        split(value.getPartialDerivative(0).getGradient(), y.length, outState, outParameters);
    }

    /** x + e d as first-order elements in e whose values are the variables offset.. of free. */
    private static FieldGradient<Gradient>[] lift(double[] x, double[] d, int offset, int free) {
        FieldGradient<Gradient>[] lifted = array(x.length);
        for (int i = 0; i < x.length; i++) {
            lifted[i] = new FieldGradient<>(Gradient.variable(free, offset + i, x[i]), Gradient.constant(free, d[i]));
        }
        return lifted;
    }

    @SuppressWarnings("unchecked")
    private static FieldGradient<Gradient>[] array(int k) {
        return (FieldGradient<Gradient>[]) new FieldGradient<?>[k];
    }

    /** The first n entries of a gradient over (y, p) to outState, the rest to outParameters. */
    private static void split(double[] gradient, int n, double[] outState, double[] outParameters) {
        System.arraycopy(gradient, 0, outState, 0, n);
        System.arraycopy(gradient, n, outParameters, 0, gradient.length - n);
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
