package org.adjoint4j.solvers.linear;

import java.util.Arrays;
import org.adjoint4j.model.StateJacobian;
import org.ejml.data.DMatrixSparseCSC;

/**
 * {@code M = I - c J} for a sparse J whose pattern, symmetrically permuted by reverse
 * Cuthill–McKee ({@code Mp = Q M Q^T}), lies in a narrow band: kl diagonals below, ku above. Mp is
 * held in LAPACK's band storage (column-major, {@code 2 kl + ku + 1} rows per column, the top kl
 * for the fill of pivoting: entry (i, j) at {@code ab[j ldab + kl + ku + i - j]}) and factored as
 * LAPACK's {@code dgbtf2} does, with partial pivoting: {@code P Mp = L U}, L unit lower with kl
 * subdiagonals, U upper with {@code kl + ku} superdiagonals. The solves are {@code dgbtrs}'s: for
 * {@code Mp x = b} the interchanges and L column by column, then U; for {@code Mp^T x = b},
 * {@code U^T}, then {@code L^T} with the interchanges in reverse. Both multiply by the reciprocals
 * of U's diagonal, kept from the factorization.
 *
 * <p>Why: semi-discrete PDEs in one dimension (tridiagonal, pentadiagonal) are the common stiff
 * case, and there a band factorization costs {@code O(n kl (kl + ku))} in one pass over contiguous
 * memory, where a general sparse LU redoes its symbolic analysis on every factorization (EJML
 * cannot lock a pivoted LU's structure). On heat n = 10,000 this is a factorization in a few
 * microseconds per thousand unknowns instead of 90. {@link StageMatrix#of} picks it when the band
 * holds at most 4 entries per nonzero of {@code J + I}. Nothing is allocated per factorization or
 * solve; every result depends only on c and J, so replays repeat it bit for bit.
 */
final class BandStageMatrix extends StageMatrix {

    private final StateJacobian.SparseFill model;
    private final double[] parameters;
    private final int n;
    private final int kl;
    private final int ku;
    /** Rows of a column in {@link #ab}: {@code 2 kl + ku + 1}. */
    private final int ldab;
    /** Row of the diagonal in a column: {@code kl + ku}. */
    private final int kv;
    private final DMatrixSparseCSC jacobian;
    /** Position in {@link #ab} of each nonzero of J (permuted). */
    private final int[] jacobianToBand;
    /** order[k]: the original index at permuted position k. */
    private final int[] order;
    private final double[] ab;
    private final int[] pivots;
    /** 1 / U_jj: the solves' recurrences multiply instead of divide (a division's latency is 3 times a multiply's). */
    private final double[] inverseDiagonal;
    private final double[] factoredJacobian;
    private double factoredC = Double.NaN;
    private final double[] work;

    /**
     * @param pattern J's pattern (its values are overwritten by each evaluation)
     * @param model fills J
     * @param parameters p (referenced)
     * @param band the permutation and bandwidths, from {@link Band#of}
     */
    BandStageMatrix(DMatrixSparseCSC pattern, StateJacobian.SparseFill model, double[] parameters, Band band) {
        this.model = model;
        this.parameters = parameters;
        this.jacobian = pattern;
        this.n = pattern.numCols;
        this.order = band.order();
        this.kl = band.lower();
        this.ku = band.upper();
        this.kv = kl + ku;
        this.ldab = 2 * kl + ku + 1;
        this.ab = new double[ldab * n];
        this.pivots = new int[n];
        this.inverseDiagonal = new double[n];
        int[] position = band.position();
        this.jacobianToBand = new int[pattern.nz_length];
        for (int j = 0; j < n; j++) {
            for (int k = pattern.col_idx[j]; k < pattern.col_idx[j + 1]; k++) {
                int pi = position[pattern.nz_rows[k]];
                int pj = position[j];
                jacobianToBand[k] = pj * ldab + kv + pi - pj;
            }
        }
        this.factoredJacobian = new double[pattern.nz_length];
        this.work = new double[n];
    }

    /**
     * A symmetric permutation of a square pattern and the bandwidths of the permuted pattern with
     * its diagonal.
     *
     * @param order order[k]: the original index at permuted position k
     * @param position its inverse
     * @param lower subdiagonals kl
     * @param upper superdiagonals ku
     */
    record Band(int[] order, int[] position, int lower, int upper) {

        /**
         * @param pattern a square pattern
         * @param order a symmetric permutation of it (reverse Cuthill–McKee)
         * @return the permutation and the permuted bandwidths
         */
        static Band of(DMatrixSparseCSC pattern, int[] order) {
            int n = pattern.numCols;
            int[] position = new int[n];
            for (int k = 0; k < n; k++) {
                position[order[k]] = k;
            }
            int lower = 0;
            int upper = 0;
            for (int j = 0; j < n; j++) {
                for (int k = pattern.col_idx[j]; k < pattern.col_idx[j + 1]; k++) {
                    int d = position[pattern.nz_rows[k]] - position[j];
                    lower = Math.max(lower, d);
                    upper = Math.max(upper, -d);
                }
            }
            return new Band(order, position, lower, upper);
        }

        /**
         * @param nonzeros nonzeros of J
         * @return whether band storage, {@code (2 kl + ku + 1) n}, is at most 4 entries per nonzero
         *         of {@code J + I} (so the band's factorization does little work on zeros)
         */
        boolean pays(int nonzeros) {
            int n = order.length;
            return (2L * lower + upper + 1) * n <= 4L * (nonzeros + n);
        }
    }

    @Override
    public int dimension() {
        return n;
    }

    /** @return kl, the subdiagonals of the permuted matrix */
    int lowerBandwidth() {
        return kl;
    }

    /** @return ku, the superdiagonals of the permuted matrix */
    int upperBandwidth() {
        return ku;
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
        Arrays.fill(ab, 0.0);
        for (int k = 0; k < nz; k++) {
            ab[jacobianToBand[k]] = -c * jv[k];
        }
        for (int j = 0; j < n; j++) {
            ab[j * ldab + kv] += 1.0;
        }
        factoredC = Double.NaN;
        int last = 0; // the last column the interchanges so far have reached (LAPACK's JU)
        for (int j = 0; j < n; j++) {
            int km = Math.min(kl, n - 1 - j);
            int col = j * ldab + kv;
            int jp = 0;
            double best = Math.abs(ab[col]);
            for (int r = 1; r <= km; r++) {
                double v = Math.abs(ab[col + r]);
                if (v > best) {
                    best = v;
                    jp = r;
                }
            }
            pivots[j] = j + jp;
            if (!(best > 0.0)) {
                throw new IllegalStateException("the stage matrix I - " + c + " J is singular (column " + order[j]
                        + ")");
            }
            last = Math.max(last, Math.min(j + ku + jp, n - 1));
            if (jp != 0) {
                for (int q = j; q <= last; q++) {
                    int base = q * ldab + kv - q;
                    double tmp = ab[base + j];
                    ab[base + j] = ab[base + j + jp];
                    ab[base + j + jp] = tmp;
                }
            }
            double inverse = 1.0 / ab[col];
            inverseDiagonal[j] = inverse;
            if (km > 0) {
                // L's column scaled by the pivot's reciprocal, as dgbtf2 does
                for (int r = 1; r <= km; r++) {
                    ab[col + r] *= inverse;
                }
                for (int q = j + 1; q <= last; q++) {
                    int base = q * ldab + kv - q;
                    double u = ab[base + j];
                    if (u != 0.0) {
                        for (int r = 1; r <= km; r++) {
                            ab[base + j + r] -= ab[col + r] * u;
                        }
                    }
                }
            }
        }
        System.arraycopy(jv, 0, factoredJacobian, 0, nz);
        factoredC = c;
        return true;
    }

    @Override
    protected void forward(double[] b, double[] x) {
        double[] y = work;
        for (int k = 0; k < n; k++) {
            y[k] = b[order[k]];
        }
        for (int j = 0; j < n - 1; j++) {
            int km = Math.min(kl, n - 1 - j);
            int l = pivots[j];
            if (l != j) {
                double tmp = y[l];
                y[l] = y[j];
                y[j] = tmp;
            }
            double yj = y[j];
            if (yj != 0.0) {
                int col = j * ldab + kv;
                for (int r = 1; r <= km; r++) {
                    y[j + r] -= ab[col + r] * yj;
                }
            }
        }
        for (int j = n - 1; j >= 0; j--) {
            int col = j * ldab + kv;
            double yj = y[j] * inverseDiagonal[j];
            y[j] = yj;
            if (yj != 0.0) {
                int base = col - j;
                for (int i = Math.max(0, j - kv); i < j; i++) {
                    y[i] -= ab[base + i] * yj;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            x[order[k]] = y[k];
        }
    }

    @Override
    protected void transposed(double[] b, double[] x) {
        double[] y = work;
        for (int k = 0; k < n; k++) {
            y[k] = b[order[k]];
        }
        for (int j = 0; j < n; j++) {
            int col = j * ldab + kv;
            int base = col - j;
            double sum = y[j];
            for (int i = Math.max(0, j - kv); i < j; i++) {
                sum -= ab[base + i] * y[i];
            }
            y[j] = sum * inverseDiagonal[j];
        }
        for (int j = n - 2; j >= 0; j--) {
            int km = Math.min(kl, n - 1 - j);
            int col = j * ldab + kv;
            double sum = y[j];
            for (int r = 1; r <= km; r++) {
                sum -= ab[col + r] * y[j + r];
            }
            y[j] = sum;
            int l = pivots[j];
            if (l != j) {
                double tmp = y[l];
                y[l] = y[j];
                y[j] = tmp;
            }
        }
        for (int k = 0; k < n; k++) {
            x[order[k]] = y[k];
        }
    }
}
