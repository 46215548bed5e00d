package org.adjoint4j.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

/**
 * How a model's state Jacobian {@code J = df/dy} is evaluated, in the structure an implicit method
 * factors {@code I - c J} in. Three structures, told apart by {@link #accept(Structure)}, never by
 * {@code instanceof}:
 * <pre>
 *   dense      n x n, every entry filled                    (small systems, chemistry)
 *   sparse     n x n with a fixed nonzero pattern            (semi-discrete PDEs)
 *   bordered   [ J_inner  0 ]   a model with a quadrature    q' = g(t, y, p) appended
 *              [ g_y^T    0 ]   state (running cost), solved by block elimination on J_inner
 * </pre>
 * Instances are immutable descriptions; the matrices are the caller's.
 */
public interface StateJacobian {

    /** Fills a dense n x n Jacobian. */
    @FunctionalInterface
    interface DenseFill {
        /**
         * @param t time
         * @param y state (not modified)
         * @param p parameters (not modified)
         * @param jacobian receives every entry (modified)
         */
        void fill(double t, double[] y, double[] p, DMatrixRMaj jacobian);
    }

    /** Fills the values of a sparse Jacobian whose structure is the pattern. */
    @FunctionalInterface
    interface SparseFill {
        /**
         * @param t time
         * @param y state (not modified)
         * @param p parameters (not modified)
         * @param jacobian its {@code nz_values} receive the entries, in the pattern's order (modified)
         */
        void fill(double t, double[] y, double[] p, DMatrixSparseCSC jacobian);
    }

    /**
     * What a consumer does with each structure.
     *
     * @param <R> what it builds
     */
    interface Structure<R> {
        /**
         * @param dimension n
         * @param fill fills J
         * @return the consumer's result
         */
        R dense(int dimension, DenseFill fill);

        /**
         * @param pattern the n x n nonzero pattern (values ignored; the consumer's own copy)
         * @param fill fills the values
         * @return the consumer's result
         */
        R sparse(DMatrixSparseCSC pattern, SparseFill fill);

        /**
         * @param inner the Jacobian of the model without its quadrature
         * @param running the quadrature's integrand g, whose gradient is the border row
         * @return the consumer's result
         */
        R bordered(StateJacobian inner, StateFunction running);
    }

    /**
     * @param structure the consumer
     * @param <R> what it builds
     * @return its result for this structure
     */
    <R> R accept(Structure<R> structure);

    /**
     * The Jacobian at a point as a dense matrix, whatever its structure: for checks, reports and
     * small problems (allocates).
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @return J, n x n
     */
    default DMatrixRMaj evaluate(double t, double[] y, double[] p) {
        return accept(new Structure<DMatrixRMaj>() {
            @Override
            public DMatrixRMaj dense(int dimension, DenseFill fill) {
                DMatrixRMaj j = new DMatrixRMaj(dimension, dimension);
                fill.fill(t, y, p, j);
                return j;
            }

            @Override
            public DMatrixRMaj sparse(DMatrixSparseCSC pattern, SparseFill fill) {
                fill.fill(t, y, p, pattern);
                DMatrixRMaj j = new DMatrixRMaj(pattern.numRows, pattern.numCols);
                for (int col = 0; col < pattern.numCols; col++) {
                    for (int k = pattern.col_idx[col]; k < pattern.col_idx[col + 1]; k++) {
                        j.set(pattern.nz_rows[k], col, pattern.nz_values[k]);
                    }
                }
                return j;
            }

            @Override
            public DMatrixRMaj bordered(StateJacobian inner, StateFunction running) {
                int n = y.length - 1;
                double[] state = java.util.Arrays.copyOf(y, n);
                DMatrixRMaj innerMatrix = inner.evaluate(t, state, p);
                double[] gy = new double[n];
                running.gradient(t, state, p, gy, new double[p.length]);
                DMatrixRMaj j = new DMatrixRMaj(n + 1, n + 1);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        j.set(r, c, innerMatrix.get(r, c));
                    }
                    j.set(n, r, gy[r]);
                }
                return j;
            }
        });
    }

    /**
     * @param dimension n
     * @param fill fills the n x n matrix
     * @return a dense Jacobian
     */
    static StateJacobian dense(int dimension, DenseFill fill) {
        return new StateJacobian() {
            @Override
            public <R> R accept(Structure<R> structure) {
                return structure.dense(dimension, fill);
            }
        };
    }

    /**
     * @param pattern the n x n nonzero pattern (copied)
     * @param fill fills values in that pattern
     * @return a sparse Jacobian
     */
    static StateJacobian sparse(DMatrixSparseCSC pattern, SparseFill fill) {
        if (pattern.numRows != pattern.numCols) {
            throw new IllegalArgumentException("the state Jacobian pattern is " + pattern.numRows + " x "
                    + pattern.numCols + ", not square");
        }
        DMatrixSparseCSC copy = pattern.copy();
        return new StateJacobian() {
            @Override
            public <R> R accept(Structure<R> structure) {
                return structure.sparse(copy.copy(), fill);
            }
        };
    }

    /**
     * @param inner the Jacobian without the quadrature
     * @param running the quadrature's integrand
     * @return the bordered Jacobian of the model with the quadrature appended
     */
    static StateJacobian bordered(StateJacobian inner, StateFunction running) {
        return new StateJacobian() {
            @Override
            public <R> R accept(Structure<R> structure) {
                return structure.bordered(inner, running);
            }
        };
    }

    /**
     * A dense Jacobian by forward mode on the field version: one evaluation on Hipparchus
     * {@code Gradient}s with n directions, exact.
     *
     * @param model the right-hand side over any field
     * @return the Jacobian
     */
    static StateJacobian forwardMode(FieldParametricOde model) {
        return dense(model.stateDimension(), (t, y, p, j) -> FieldDerivatives.denseJacobian(model, t, y, p, j));
    }

    /**
     * A dense Jacobian from n vector-Jacobian products with the unit vectors (row i is
     * {@code (df/dy)^T e_i}), exact; the work arrays are made on first use, so give each
     * thread its own description.
     *
     * @param model the model
     * @return the Jacobian
     */
    static StateJacobian fromProducts(ParametricOde model) {
        int n = model.stateDimension();
        return dense(n, new DenseFill() {
            private double[] unit;
            private double[] row;

            @Override
            public void fill(double t, double[] y, double[] p, DMatrixRMaj j) {
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
        });
    }
}
