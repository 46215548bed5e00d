package org.adjoint4j.solvers.linear;

import java.util.Arrays;
import org.adjoint4j.model.StateJacobian;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;

/**
 * {@code M = I - c J} on a dense EJML matrix, factored by partial-pivoting LU
 * ({@code P M = L U}); the transposed solve reuses the packed factors.
 */
final class DenseStageMatrix extends StageMatrix {

    private final int n;
    private final StateJacobian.DenseFill source;
    private final double[] parameters;
    private final DMatrixRMaj jacobian;
    private final DMatrixRMaj m;
    private final LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
    private final double[] factoredJacobian;
    private double factoredC = Double.NaN;
    private final double[] work;

    DenseStageMatrix(int n, StateJacobian.DenseFill source, double[] parameters) {
        this.n = n;
        this.source = source;
        this.parameters = parameters;
        this.jacobian = new DMatrixRMaj(n, n);
        this.m = new DMatrixRMaj(n, n);
        this.factoredJacobian = new double[n * n];
        this.work = new double[n];
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    protected void evaluate(double t, double[] y) {
        source.fill(t, y, parameters, jacobian);
    }

    @Override
    protected boolean decompose(double c) {
        if (c == factoredC && Arrays.equals(jacobian.data, factoredJacobian)) {
            return false;
        }
        double[] j = jacobian.data;
        double[] a = m.data;
        for (int k = 0; k < a.length; k++) {
            a[k] = -c * j[k];
        }
        for (int i = 0; i < n; i++) {
            a[i * n + i] += 1.0;
        }
        if (!lu.decompose(m) || lu.isSingular()) {
            factoredC = Double.NaN;
            throw new IllegalStateException("the stage matrix I - " + c + " J is singular");
        }
        System.arraycopy(j, 0, factoredJacobian, 0, j.length);
        factoredC = c;
        return true;
    }

    @Override
    protected void forward(double[] b, double[] x) {
        System.arraycopy(b, 0, x, 0, n);
        lu._solveVectorInternal(x);
    }

    @Override
    protected void transposed(double[] b, double[] x) {
        // P M = L U, so M^T x = b is U^T z = b, then L^T w = z (unit diagonal), then x[piv[i]] = w[i].
        double[] lu = this.lu.getLU().data;
        int[] pivot = this.lu.getPivot();
        double[] z = work;
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= lu[k * n + i] * z[k];
            }
            z[i] = sum / lu[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < n; k++) {
                sum -= lu[k * n + i] * z[k];
            }
            z[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            x[pivot[i]] = z[i];
        }
    }
}
