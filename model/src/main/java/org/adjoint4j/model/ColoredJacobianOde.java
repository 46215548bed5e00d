package org.adjoint4j.model;

import org.adjoint4j.autodiff.Fields;
import org.ejml.data.DMatrixSparseCSC;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * A model given only by its right-hand side (over any field) and the sparsity pattern of its
 * state Jacobian, as semi-discrete PDEs are: the Jacobian is filled by compressed differentiation
 * over a column coloring ({@link ColumnColoring}), one directional derivative per color, and the
 * vector-Jacobian products come from the reverse-mode tape; every other capability is forwarded
 * from {@link ReverseModeOde}.
 * <pre>
 *   FORWARD_MODE:        one rhs on Gradients with one direction per color; exact
 *   FINITE_DIFFERENCES:  one extra rhs per color, J_ij = (f_i(y + sum_{j of color} d_j e_j) - f_i(y)) / d_j
 * </pre>
 * A tridiagonal pattern needs 3 colors whatever n, so either costs O(n).
 */
public final class ColoredJacobianOde extends ForwardingOde {

    /** How to fill the compressed Jacobian. */
    public enum Fill {
        /** Forward mode on Hipparchus Gradients, one direction per color: exact. */
        FORWARD_MODE,
        /** One-sided finite differences with steps sqrt(eps) max(|y_j|, 1): approximate. */
        FINITE_DIFFERENCES
    }

    private final FieldParametricOde model;
    private final DMatrixSparseCSC pattern;
    private final int[] color;
    private final int colors;
    private final Fill fill;
    private final ThreadLocal<double[][]> work;

    /**
     * @param model the right-hand side over any field
     * @param pattern the n x n sparsity pattern of df/dy (values ignored; copied)
     * @param fill how to fill it
     */
    public ColoredJacobianOde(FieldParametricOde model, DMatrixSparseCSC pattern, Fill fill) {
        super(new ReverseModeOde(model));
        int n = model.stateDimension();
        if (pattern.numRows != n || pattern.numCols != n) {
            throw new IllegalArgumentException("the pattern is " + pattern.numRows + " x " + pattern.numCols
                    + ", the model has " + n + " states");
        }
        this.model = model;
        this.pattern = pattern.copy();
        this.color = ColumnColoring.greedy(pattern);
        this.colors = ColumnColoring.colors(color);
        this.fill = fill;
        this.work = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n], new double[n]});
    }

    /** @return the number of colors, the directional derivatives per Jacobian */
    public int colors() {
        return colors;
    }

    /** @return the sparse Jacobian, filled by compressed forward mode or differences over the coloring */
    @Override
    public StateJacobian stateJacobian() {
        return StateJacobian.sparse(pattern, this::fill);
    }

    private void fill(double t, double[] y, double[] p, DMatrixSparseCSC jacobian) {
        if (fill == Fill.FORWARD_MODE) {
            forwardMode(t, y, p, jacobian);
        } else {
            finiteDifferences(t, y, p, jacobian);
        }
    }

    private void forwardMode(double t, double[] y, double[] p, DMatrixSparseCSC jacobian) {
        int n = y.length;
        Gradient[] yy = new Gradient[n];
        for (int j = 0; j < n; j++) {
            double[] seed = new double[colors];
            seed[color[j]] = 1.0;
            yy[j] = new Gradient(y[j], seed);
        }
        Gradient[] f = new Gradient[n];
        model.rhs(Gradient.constant(colors, t), yy, Fields.constants(p, colors), f);
        for (int j = 0; j < n; j++) {
            for (int k = jacobian.col_idx[j]; k < jacobian.col_idx[j + 1]; k++) {
                jacobian.nz_values[k] = f[jacobian.nz_rows[k]].getPartialDerivative(color[j]);
            }
        }
    }

    private void finiteDifferences(double t, double[] y, double[] p, DMatrixSparseCSC jacobian) {
        double[][] w = work.get();
        double[] f0 = w[0];
        double[] perturbed = w[1];
        double[] f = w[2];
        int n = y.length;
        model.rhs(t, y, p, f0);
        for (int c = 0; c < colors; c++) {
            System.arraycopy(y, 0, perturbed, 0, n);
            for (int j = 0; j < n; j++) {
                if (color[j] == c) {
                    perturbed[j] += step(y[j]);
                }
            }
            model.rhs(t, perturbed, p, f);
            for (int j = 0; j < n; j++) {
                if (color[j] != c) {
                    continue;
                }
                double d = perturbed[j] - y[j]; // the step actually taken, after rounding
                for (int k = jacobian.col_idx[j]; k < jacobian.col_idx[j + 1]; k++) {
                    int i = jacobian.nz_rows[k];
                    jacobian.nz_values[k] = (f[i] - f0[i]) / d;
                }
            }
        }
    }

    private static double step(double x) {
        return 1.4901161193847656e-8 * Math.max(Math.abs(x), 1.0);
    }
}
