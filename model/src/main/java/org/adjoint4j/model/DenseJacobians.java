package org.adjoint4j.model;

import org.adjoint4j.autodiff.Fields;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.analysis.differentiation.Gradient;

/** Dense state Jacobians for models that do not give one. */
public final class DenseJacobians {

    /** Fills a dense Jacobian at (t, y). */
    public interface Source {
        void evaluate(double t, double[] y, DMatrixRMaj jacobian);
    }

    private DenseJacobians() {
    }

    /** By forward mode on the field version: one evaluation with n directions, exact. */
    public static Source forwardMode(FieldParametricOde model, double[] p) {
        return (t, y, j) -> {
            int n = y.length;
            Gradient[] f = new Gradient[n];
            model.rhs(Gradient.constant(n, t), Fields.variables(y, n, 0), Fields.constants(p, n), f);
            for (int i = 0; i < n; i++) {
                double[] row = f[i].getGradient();
                System.arraycopy(row, 0, j.data, i * n, n);
            }
        };
    }

    /** By n vector-Jacobian products with the unit vectors: row i is (df/dy)^T e_i, exact. */
    public static Source fromProducts(ParametricOde model, double[] p) {
        return new Source() {
            private double[] unit;
            private double[] row;

            @Override
            public void evaluate(double t, double[] y, DMatrixRMaj j) {
                int n = y.length;
                if (unit == null) {
                    unit = new double[n];
                    row = new double[n];
                }
                for (int i = 0; i < n; i++) {
                    unit[i] = 1.0;
                    model.vjpState(t, y, p, unit, row);
                    unit[i] = 0.0;
                    System.arraycopy(row, 0, j.data, i * n, n);
                }
            }
        };
    }
}
