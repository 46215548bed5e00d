package org.adjoint4j.solvers.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.adjoint4j.model.ColoredJacobianOde;
import org.adjoint4j.model.ColumnColoring;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.ReverseCuthillMcKee;
import org.adjoint4j.model.StateJacobian;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/**
 * Band, sparse and dense stage matrices solve {@code (I - c J) x = b} and its transpose with
 * residuals at rounding level, the band path is taken where it pays, and the sparse path's
 * coloring and ordering do what they claim (3 colors for a banded chain, bandwidth restored by
 * reverse Cuthill–McKee).
 */
class StageMatrixTest {

    /**
     * A nonlinear, nonsymmetric reaction–advection chain with a periodic closure:
     * {@code f_i = a_i y_{i-1} - (1 + y_i^2) y_i + b_i y_{i+1}} (indices mod n), so J has the
     * tridiagonal band plus two corners.
     */
    static final class Chain implements FieldParametricOde {
        private final int n;

        Chain(int n) {
            this.n = n;
        }

        @Override
        public int stateDimension() {
            return n;
        }

        @Override
        public int parameterDimension() {
            return 2;
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            for (int i = 0; i < n; i++) {
                T left = y[(i + n - 1) % n].multiply(p[0].add(0.01 * i));
                T right = y[(i + 1) % n].multiply(p[1].subtract(0.02 * i));
                T self = y[i].multiply(y[i].multiply(y[i]).add(1.0));
                yDot[i] = left.add(right).subtract(self).add(t.sin().multiply(0.1));
            }
        }

        DMatrixSparseCSC pattern() {
            DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, 3 * n);
            for (int i = 0; i < n; i++) {
                t.addItem(i, (i + n - 1) % n, 1.0);
                t.addItem(i, i, 1.0);
                t.addItem(i, (i + 1) % n, 1.0);
            }
            DMatrixSparseCSC csc = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
            csc.sortIndices(null);
            return csc;
        }
    }

    private static final double[] P = {0.7, 1.3};

    private static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** The dense Jacobian by forward mode, the reference for the sparse fills. */
    private static DMatrixRMaj dense(Chain chain, double t, double[] y) {
        return StateJacobian.forwardMode(chain).evaluate(t, y, P);
    }

    /** max_i |(I - cJ) x - b|_i / (|b|_inf), with J dense; transposed if asked. */
    private static double residual(DMatrixRMaj jacobian, double c, double[] x, double[] b, boolean transposed) {
        int n = b.length;
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double sum = x[i];
            for (int k = 0; k < n; k++) {
                double jik = transposed ? jacobian.get(k, i) : jacobian.get(i, k);
                sum -= c * jik * x[k];
            }
            worst = Math.max(worst, Math.abs(sum - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return worst / scale;
    }

    @Test
    void coloredFillsEqualTheDenseJacobian() {
        int n = 42;
        Chain chain = new Chain(n);
        double[] y = random(new Random(1), n);
        DMatrixRMaj reference = dense(chain, 0.3, y);
        for (ColoredJacobianOde.Fill fill : ColoredJacobianOde.Fill.values()) {
            ColoredJacobianOde colored = new ColoredJacobianOde(chain, chain.pattern(), fill);
            assertEquals(3, colored.colors(), "a periodic chain whose length is a multiple of 3 needs 3 colors");
            DMatrixRMaj j = colored.stateJacobian().evaluate(0.3, y, P);
            double tolerance = fill == ColoredJacobianOde.Fill.FORWARD_MODE ? 1e-14 : 1e-6;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    assertEquals(reference.get(r, c), j.get(r, c), tolerance * (1 + Math.abs(reference.get(r, c))),
                            fill + " J(" + r + ", " + c + ")");
                }
            }
        }
    }

    /** The band, sparse and dense paths for one model, each on its own copy of J's pattern. */
    private static StageMatrix[] everyPath(ParametricOde colored, ParametricOde field) {
        return colored.stateJacobian().accept(new StateJacobian.Structure<StageMatrix[]>() {
            @Override
            public StageMatrix[] dense(int dimension, StateJacobian.DenseFill fill) {
                throw new AssertionError("a colored model has a sparse Jacobian");
            }

            @Override
            public StageMatrix[] sparse(DMatrixSparseCSC pattern, StateJacobian.SparseFill fill) {
                DMatrixSparseCSC forBand = pattern.copy();
                return new StageMatrix[] {
                    new BandStageMatrix(forBand, fill, P, BandStageMatrix.Band.of(forBand,
                            ReverseCuthillMcKee.order(forBand))),
                    new SparseStageMatrix(pattern.copy(), fill, P),
                    StageMatrix.of(field, P)};
            }

            @Override
            public StageMatrix[] bordered(StateJacobian inner, org.adjoint4j.model.StateFunction running) {
                throw new AssertionError("no quadrature here");
            }
        });
    }

    @Test
    void bandSparseAndDenseSolvesHaveRoundingLevelResiduals() {
        Random random = new Random(7);
        for (int n : new int[] {3, 5, 64, 301}) {
            Chain chain = new Chain(n);
            double[] y = random(random, n);
            DMatrixRMaj jacobian = dense(chain, 0.1, y);
            ParametricOde colored = new ColoredJacobianOde(chain, chain.pattern(),
                    ColoredJacobianOde.Fill.FORWARD_MODE);
            StageMatrix[] paths = everyPath(colored, ParametricOde.automatic(chain));
            assertTrue(paths[2] instanceof DenseStageMatrix, "a field model gets the dense path");
            // c < 0 makes the diagonal of I - cJ small or negative: the band LU must pivot
            for (double c : new double[] {0.01, 0.37, 5.0, -0.3, -0.9}) {
                double[] b = random(random, n);
                for (StageMatrix m : paths) {
                    m.jacobianAt(0.1, y);
                    m.factor(c);
                }
                for (boolean transposed : new boolean[] {false, true}) {
                    for (StageMatrix m : paths) {
                        double[] x = new double[n];
                        if (transposed) {
                            m.solveTransposed(b, x);
                        } else {
                            m.solve(b, x);
                        }
                        String what = m.getClass().getSimpleName() + " n=" + n + " c=" + c
                                + (transposed ? " transposed" : "");
                        double r = residual(jacobian, c, x, b, transposed);
                        double size = 1.0;
                        for (double v : x) {
                            size = Math.max(size, Math.abs(v));
                        }
                        // relative to the solution's size: c = -0.9 makes M ill-conditioned (|x| ~ 1e3)
                        assertTrue(r < 1e-13 * size, what + " residual " + r + " for |x| " + size);
                    }
                }
            }
        }
    }

    @Test
    void theBandPathIsTakenWhereItPays() {
        Chain chain = new Chain(500);
        StageMatrix chainMatrix = StageMatrix.of(new ColoredJacobianOde(chain, chain.pattern(),
                ColoredJacobianOde.Fill.FORWARD_MODE), P);
        assertTrue(chainMatrix instanceof BandStageMatrix, "a periodic chain reordered by RCM is a band");
        BandStageMatrix band = (BandStageMatrix) chainMatrix;
        // the corners of the periodic chain: RCM interleaves the two directions, bandwidth 2
        assertEquals(2, band.lowerBandwidth());
        assertEquals(2, band.upperBandwidth());
        // a 2-D 5-point grid of 30 x 30: RCM's band is about 30 wide, far more than 4 entries per nonzero
        int k = 30;
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(k * k, k * k, 5 * k * k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int r = i * k + j;
                t.addItem(r, r, 1);
                if (i > 0) {
                    t.addItem(r, r - k, 1);
                }
                if (i + 1 < k) {
                    t.addItem(r, r + k, 1);
                }
                if (j > 0) {
                    t.addItem(r, r - 1, 1);
                }
                if (j + 1 < k) {
                    t.addItem(r, r + 1, 1);
                }
            }
        }
        DMatrixSparseCSC grid = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        BandStageMatrix.Band gridBand = BandStageMatrix.Band.of(grid, ReverseCuthillMcKee.order(grid));
        assertTrue(gridBand.lower() >= k - 1 && gridBand.upper() >= k - 1, gridBand.lower() + " " + gridBand.upper());
        assertTrue(!gridBand.pays(grid.nz_length), "a 2-D grid keeps the sparse LU");
        BandStageMatrix.Band chainBand = BandStageMatrix.Band.of(chain.pattern(),
                ReverseCuthillMcKee.order(chain.pattern()));
        assertTrue(chainBand.pays(chain.pattern().nz_length));
    }

    @Test
    void aSingularBandMatrixIsReported() {
        // J = tridiag(0, 1, 0) on a tridiagonal pattern: I - 1 J is zero, and the first pivot is.
        int n = 4;
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, 3 * n);
        for (int i = 0; i < n; i++) {
            t.addItem(i, i, 1);
            if (i + 1 < n) {
                t.addItem(i, i + 1, 1);
                t.addItem(i + 1, i, 1);
            }
        }
        DMatrixSparseCSC pattern = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        StateJacobian.SparseFill identity = (time, y, p, jacobian) -> {
            for (int col = 0; col < n; col++) {
                for (int k = jacobian.col_idx[col]; k < jacobian.col_idx[col + 1]; k++) {
                    jacobian.nz_values[k] = jacobian.nz_rows[k] == col ? 1.0 : 0.0;
                }
            }
        };
        BandStageMatrix band = new BandStageMatrix(pattern, identity, P, BandStageMatrix.Band.of(pattern,
                ReverseCuthillMcKee.order(pattern)));
        band.jacobianAt(0.0, new double[n]);
        band.factor(0.5);
        double[] x = new double[n];
        band.solve(new double[] {1, 2, 3, 4}, x);
        assertEquals(8.0, x[3], 1e-15, "(I - 0.5 I) x = b");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> band.factor(1.0));
        assertTrue(e.getMessage().contains("I - 1.0 J is singular"), e.getMessage());
    }

    @Test
    void anUnchangedMatrixIsNotFactoredAgain() {
        Chain chain = new Chain(12);
        StageMatrix m = StageMatrix.of(new ColoredJacobianOde(chain, chain.pattern(),
                ColoredJacobianOde.Fill.FORWARD_MODE), P);
        double[] y = random(new Random(3), 12);
        m.jacobianAt(0, y);
        m.factor(0.5);
        m.jacobianAt(0, y);
        m.factor(0.5);
        assertEquals(1, m.factorizations(), "same J and c: one factorization");
        m.factor(0.25);
        assertEquals(2, m.factorizations(), "a new c refactors");
        y[3] += 1e-3;
        m.jacobianAt(0, y);
        m.factor(0.25);
        assertEquals(3, m.factorizations(), "a new J refactors");
    }

    @Test
    void reverseCuthillMcKeeRestoresTheBandOfAShuffledChain() {
        int n = 200;
        Random random = new Random(11);
        int[] shuffle = new int[n];
        for (int i = 0; i < n; i++) {
            shuffle[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int tmp = shuffle[i];
            shuffle[i] = shuffle[k];
            shuffle[k] = tmp;
        }
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, 3 * n);
        for (int i = 0; i < n; i++) {
            t.addItem(shuffle[i], shuffle[i], 1);
            if (i + 1 < n) {
                t.addItem(shuffle[i], shuffle[i + 1], 1);
                t.addItem(shuffle[i + 1], shuffle[i], 1);
            }
        }
        DMatrixSparseCSC a = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        int[] order = ReverseCuthillMcKee.order(a);
        int[] position = new int[n];
        for (int k = 0; k < n; k++) {
            position[order[k]] = k;
        }
        int bandwidth = 0;
        for (int j = 0; j < n; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                bandwidth = Math.max(bandwidth, Math.abs(position[a.nz_rows[k]] - position[j]));
            }
        }
        assertEquals(1, bandwidth, "a path graph reordered by RCM is tridiagonal again");
        assertEquals(3, ColumnColoring.colors(ColumnColoring.greedy(a)), "a path graph needs 3 colors");
    }

    @Test
    void sparseFactorsOfABandedMatrixHaveNoFillBeyondTheBand() {
        int n = 500;
        Chain chain = new Chain(n);
        SparseStageMatrix m = (SparseStageMatrix) everyPath(new ColoredJacobianOde(chain, chain.pattern(),
                ColoredJacobianOde.Fill.FORWARD_MODE), ParametricOde.automatic(chain))[1];
        m.jacobianAt(0, random(new Random(5), n));
        m.factor(0.2);
        // Periodic chain: RCM makes the profile width 2, so L and U hold O(n) entries, not O(n^2).
        assertTrue(m.factorNonzeros() <= 8 * n, "L + U nonzeros " + m.factorNonzeros() + " for n=" + n);
    }
}
