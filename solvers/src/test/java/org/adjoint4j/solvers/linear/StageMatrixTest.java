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
 * Dense and sparse stage matrices solve {@code (I - c J) x = b} and its transpose with residuals
 * at rounding level, agree with each other, and the sparse path's coloring and ordering do what
 * they claim (3 colors for a banded chain, bandwidth restored by reverse Cuthill–McKee).
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

    @Test
    void sparseAndDenseSolvesHaveRoundingLevelResiduals() {
        Random random = new Random(7);
        for (int n : new int[] {5, 64, 301}) {
            Chain chain = new Chain(n);
            double[] y = random(random, n);
            DMatrixRMaj jacobian = dense(chain, 0.1, y);
            ParametricOde colored = new ColoredJacobianOde(chain, chain.pattern(),
                    ColoredJacobianOde.Fill.FORWARD_MODE);
            StageMatrix sparse = StageMatrix.of(colored, P);
            StageMatrix denseMatrix = StageMatrix.of(ParametricOde.automatic(chain), P);
            assertTrue(sparse instanceof SparseStageMatrix, "a SparseStateJacobian model gets the sparse path");
            assertTrue(denseMatrix instanceof DenseStageMatrix, "a field model gets the dense path");
            for (double c : new double[] {0.01, 0.37, 5.0}) {
                double[] b = random(random, n);
                double[] xs = new double[n];
                double[] xd = new double[n];
                for (StageMatrix m : new StageMatrix[] {sparse, denseMatrix}) {
                    m.jacobianAt(0.1, y);
                    m.factor(c);
                }
                for (boolean transposed : new boolean[] {false, true}) {
                    if (transposed) {
                        sparse.solveTransposed(b, xs);
                        denseMatrix.solveTransposed(b, xd);
                    } else {
                        sparse.solve(b, xs);
                        denseMatrix.solve(b, xd);
                    }
                    String what = "n=" + n + " c=" + c + (transposed ? " transposed" : "");
                    assertTrue(residual(jacobian, c, xs, b, transposed) < 1e-13, what + " sparse residual "
                            + residual(jacobian, c, xs, b, transposed));
                    assertTrue(residual(jacobian, c, xd, b, transposed) < 1e-13, what + " dense residual "
                            + residual(jacobian, c, xd, b, transposed));
                }
            }
        }
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
        SparseStageMatrix m = (SparseStageMatrix) StageMatrix.of(new ColoredJacobianOde(chain, chain.pattern(),
                ColoredJacobianOde.Fill.FORWARD_MODE), P);
        m.jacobianAt(0, random(new Random(5), n));
        m.factor(0.2);
        // Periodic chain: RCM makes the profile width 2, so L and U hold O(n) entries, not O(n^2).
        assertTrue(m.factorNonzeros() <= 8 * n, "L + U nonzeros " + m.factorNonzeros() + " for n=" + n);
    }
}
