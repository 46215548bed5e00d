package org.adjoint4j.model;

import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;

/**
 * A coloring of the columns of a sparsity pattern such that no two columns of one color share a
 * row (structurally orthogonal columns, Curtis–Powell–Reid): one directional derivative per color
 * then recovers every entry of the Jacobian. Greedy, visiting the columns in reverse Cuthill–McKee
 * order for square patterns (so a band hidden by a bad numbering is colored as a band): a
 * tridiagonal pattern needs 3 colors whatever its size or numbering, a bandwidth-b pattern at most
 * 2b + 1.
 */
public final class ColumnColoring {

    private ColumnColoring() {
    }

    /**
     * @param pattern the sparsity pattern (values ignored; not modified)
     * @return the color of each column, from 0
     */
    public static int[] greedy(DMatrixSparseCSC pattern) {
        int cols = pattern.numCols;
        int[] visit;
        if (pattern.numRows == cols) {
            visit = ReverseCuthillMcKee.order(pattern);
        } else {
            visit = new int[cols];
            for (int j = 0; j < cols; j++) {
                visit[j] = j;
            }
        }
        return greedy(pattern, visit);
    }

    /**
     * @param pattern the sparsity pattern (values ignored; not modified)
     * @param visit the columns in the order they are colored (a permutation; not modified)
     * @return the color of each column, from 0
     */
    public static int[] greedy(DMatrixSparseCSC pattern, int[] visit) {
        int cols = pattern.numCols;
        if (visit.length != cols) {
            throw new IllegalArgumentException("visit has " + visit.length + " columns, the pattern " + cols);
        }
        // Columns of each row, to find the columns that share a row with a given column.
        DMatrixSparseCSC byRow = transpose(pattern);
        int[] count = byRow.col_idx;
        int[] columnsOfRow = byRow.nz_rows;
        int[] color = new int[cols];
        Arrays.fill(color, -1);
        int[] forbiddenBy = new int[cols + 1];
        Arrays.fill(forbiddenBy, -1);
        for (int j : visit) {
            for (int k = pattern.col_idx[j]; k < pattern.col_idx[j + 1]; k++) {
                int row = pattern.nz_rows[k];
                for (int q = count[row]; q < count[row + 1]; q++) {
                    int other = columnsOfRow[q];
                    if (color[other] >= 0) {
                        forbiddenBy[color[other]] = j;
                    }
                }
            }
            int c = 0;
            while (forbiddenBy[c] == j) {
                c++;
            }
            color[j] = c;
        }
        return color;
    }

    /**
     * A coloring of the rows such that no two rows of one color share a column: the columns of the
     * transpose that share no row. One vector-Jacobian product per color, its cotangent the sum of
     * that color's unit vectors, then recovers every entry row by row.
     *
     * @param pattern the sparsity pattern (values ignored; not modified)
     * @return the color of each row, from 0
     */
    public static int[] rows(DMatrixSparseCSC pattern) {
        return greedy(transpose(pattern));
    }

    /** The pattern of the transpose (values left zero), each column's rows in increasing order. */
    static DMatrixSparseCSC transpose(DMatrixSparseCSC pattern) {
        int rows = pattern.numRows;
        DMatrixSparseCSC t = new DMatrixSparseCSC(pattern.numCols, rows, Math.max(1, pattern.nz_length));
        int[] count = new int[rows + 1];
        for (int k = 0; k < pattern.nz_length; k++) {
            count[pattern.nz_rows[k] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            count[i + 1] += count[i];
        }
        int[] fill = Arrays.copyOf(count, rows);
        for (int j = 0; j < pattern.numCols; j++) {
            for (int k = pattern.col_idx[j]; k < pattern.col_idx[j + 1]; k++) {
                t.nz_rows[fill[pattern.nz_rows[k]]++] = j;
            }
        }
        System.arraycopy(count, 0, t.col_idx, 0, rows + 1);
        t.nz_length = pattern.nz_length;
        t.indicesSorted = true;
        return t;
    }

    /**
     * @param coloring a coloring
     * @return the number of colors
     */
    public static int colors(int[] coloring) {
        int max = -1;
        for (int c : coloring) {
            max = Math.max(max, c);
        }
        return max + 1;
    }
}
