package org.adjoint4j.solvers.linear;

import java.util.Arrays;
import org.adjoint4j.model.ReverseCuthillMcKee;
import org.adjoint4j.model.StateJacobian;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.csc.decomposition.lu.LuUpLooking_DSCC;
import org.ejml.sparse.csc.misc.TriangularSolver_DSCC;

/**
 * {@code M = I - c J} on an EJML sparse matrix with J's fixed pattern: symmetrically permuted by
 * reverse Cuthill–McKee ({@code Mp = Q M Q^T}), factored by EJML's up-looking LU with partial
 * pivoting ({@code P Mp = L U}). EJML cannot lock an LU's structure (its pivots depend on the
 * values), so each factorization redoes the symbolic work, in workspaces the decomposition keeps. The transposed solve reuses
 * L and U: {@code U^T z = Q b}, {@code L^T w = z}, {@code (P Q x) = w}. Nothing is allocated per
 * solve; values move into the permuted matrix through precomputed index maps.
 */
final class SparseStageMatrix extends StageMatrix {

    private final StateJacobian.SparseFill model;
    private final double[] parameters;
    private final int n;
    private final DMatrixSparseCSC jacobian;
    /** M in the permuted ordering, with the pattern of J plus the diagonal. */
    private final DMatrixSparseCSC permuted;
    /** Position in {@code permuted.nz_values} of each nonzero of J. */
    private final int[] jacobianToPermuted;
    /** Position in {@code permuted.nz_values} of each diagonal entry (permuted index). */
    private final int[] diagonal;
    /** order[k]: the original index at permuted position k. */
    private final int[] order;
    private final LuUpLooking_DSCC lu = new LuUpLooking_DSCC(null);
    private final double[] factoredJacobian;
    private double factoredC = Double.NaN;
    private final double[] work;
    private final double[] work2;

    SparseStageMatrix(DMatrixSparseCSC pattern, StateJacobian.SparseFill model, double[] parameters) {
        this.model = model;
        this.parameters = parameters;
        this.jacobian = pattern;
        this.n = jacobian.numCols;
        if (jacobian.numRows != n) {
            throw new IllegalArgumentException("the state Jacobian pattern is " + jacobian.numRows + " x " + n
                    + ", not square");
        }
        this.order = ReverseCuthillMcKee.order(jacobian);
        int[] position = new int[n];
        for (int k = 0; k < n; k++) {
            position[order[k]] = k;
        }
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, jacobian.nz_length + n);
        boolean[] hasDiagonal = new boolean[n];
        for (int j = 0; j < n; j++) {
            for (int k = jacobian.col_idx[j]; k < jacobian.col_idx[j + 1]; k++) {
                int i = jacobian.nz_rows[k];
                t.addItem(position[i], position[j], 1.0);
                if (i == j) {
                    hasDiagonal[i] = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!hasDiagonal[i]) {
                t.addItem(position[i], position[i], 1.0);
            }
        }
        this.permuted = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        this.permuted.sortIndices(null);
        this.jacobianToPermuted = new int[jacobian.nz_length];
        for (int j = 0; j < n; j++) {
            for (int k = jacobian.col_idx[j]; k < jacobian.col_idx[j + 1]; k++) {
                jacobianToPermuted[k] = find(permuted, position[jacobian.nz_rows[k]], position[j]);
            }
        }
        this.diagonal = new int[n];
        for (int k = 0; k < n; k++) {
            diagonal[k] = find(permuted, k, k);
        }
        this.factoredJacobian = new double[jacobian.nz_length];
        this.work = new double[n];
        this.work2 = new double[n];
    }

    private static int find(DMatrixSparseCSC a, int row, int col) {
        int from = a.col_idx[col];
        int to = a.col_idx[col + 1];
        int k = Arrays.binarySearch(a.nz_rows, from, to, row);
        if (k < 0) {
            throw new IllegalStateException("entry (" + row + ", " + col + ") missing from the pattern");
        }
        return k;
    }

    @Override
    public int dimension() {
        return n;
    }

    /** @return the permuted matrix's nonzeros, for fill measurements */
    int permutedNonzeros() {
        return permuted.nz_length;
    }

    /** @return nonzeros of L plus U after the last factorization */
    int factorNonzeros() {
        return lu.getL().nz_length + lu.getU().nz_length;
    }

    @Override
    protected void evaluate(double t, double[] y) {
        model.fill(t, y, parameters, jacobian);
    }

    @Override
    protected boolean decompose(double c) {
        double[] jv = jacobian.nz_values;
        int nz = jacobian.nz_length;
        if (c == factoredC && Arrays.equals(jv, 0, nz, factoredJacobian, 0, nz)) {
            return false;
        }
        double[] mv = permuted.nz_values;
        Arrays.fill(mv, 0, permuted.nz_length, 0.0);
        for (int k = 0; k < nz; k++) {
            mv[jacobianToPermuted[k]] = -c * jv[k];
        }
        for (int k = 0; k < n; k++) {
            mv[diagonal[k]] += 1.0;
        }
        if (!lu.decompose(permuted) || lu.isSingular()) {
            factoredC = Double.NaN;
            throw new IllegalStateException("the stage matrix I - " + c + " J is singular");
        }
        System.arraycopy(jv, 0, factoredJacobian, 0, nz);
        factoredC = c;
        return true;
    }

    @Override
    protected void forward(double[] b, double[] x) {
        // P Mp = L U with Mp = Q M Q^T: y[pinv[k]] = (Q b)[k], L then U, x = Q^T y.
        int[] pinv = lu.getPinv();
        double[] y = work;
        for (int k = 0; k < n; k++) {
            y[pinv[k]] = b[order[k]];
        }
        TriangularSolver_DSCC.solveL(lu.getL(), y);
        TriangularSolver_DSCC.solveU(lu.getU(), y);
        for (int k = 0; k < n; k++) {
            x[order[k]] = y[k];
        }
    }

    @Override
    protected void transposed(double[] b, double[] x) {
        // Mp^T = U^T L^T P: U^T z = Q b, L^T w = z, then (Q x)[k] = w[pinv[k]].
        int[] pinv = lu.getPinv();
        double[] z = work;
        for (int k = 0; k < n; k++) {
            z[k] = b[order[k]];
        }
        solveTransposedUpper(lu.getU(), z);
        TriangularSolver_DSCC.solveTranL(lu.getL(), z);
        double[] w = work2;
        for (int k = 0; k < n; k++) {
            w[k] = z[pinv[k]];
        }
        for (int k = 0; k < n; k++) {
            x[order[k]] = w[k];
        }
    }

    /** Solves {@code U^T z = b} in place: column j of U holds row j of U^T. */
    private static void solveTransposedUpper(DMatrixSparseCSC u, double[] z) {
        for (int j = 0; j < u.numCols; j++) {
            double sum = z[j];
            double diag = 0;
            for (int k = u.col_idx[j]; k < u.col_idx[j + 1]; k++) {
                int i = u.nz_rows[k];
                if (i < j) {
                    sum -= u.nz_values[k] * z[i];
                } else if (i == j) {
                    diag = u.nz_values[k];
                }
            }
            z[j] = sum / diag;
        }
    }
}
