package org.adjoint4j.model;

import org.adjoint4j.autodiff.Fields;
import org.ejml.data.DMatrixRMaj;
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
