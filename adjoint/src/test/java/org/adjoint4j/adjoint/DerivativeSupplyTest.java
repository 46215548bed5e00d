package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.DenseJacobianOde;
import org.adjoint4j.model.ForwardModeOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.SparseJacobianOde;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.junit.jupiter.api.Test;

/**
 * The three ways to supply derivatives agree: hand-written products, EJML dense and sparse
 * Jacobians, and forward mode on the field version of the right-hand side.
 */
class DerivativeSupplyTest {

    /** Lotka–Volterra through a dense Jacobian. */
    static final class DenseLotkaVolterra extends DenseJacobianOde {
        private final LotkaVolterra f = new LotkaVolterra();

        @Override
        public int stateDimension() {
            return 2;
        }

        @Override
        public int parameterDimension() {
            return 4;
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            f.rhs(t, y, p, yDot);
        }

        @Override
        public void stateJacobian(double t, double[] y, double[] p, DMatrixRMaj j) {
            j.set(0, 0, p[0] - p[1] * y[1]);
            j.set(0, 1, -p[1] * y[0]);
            j.set(1, 0, p[3] * y[1]);
            j.set(1, 1, -p[2] + p[3] * y[0]);
        }

        @Override
        public void parameterJacobian(double t, double[] y, double[] p, DMatrixRMaj j) {
            j.zero();
            j.set(0, 0, y[0]);
            j.set(0, 1, -y[0] * y[1]);
            j.set(1, 2, -y[1]);
            j.set(1, 3, y[0] * y[1]);
        }
    }

    /** Lorenz-96 through a sparse Jacobian with 4 nonzeros per row. */
    static final class SparseLorenz96 extends SparseJacobianOde {
        private final int n;
        private final Lorenz96 f;

        SparseLorenz96(int n) {
            this.n = n;
            this.f = new Lorenz96(n);
        }

        @Override
        public int stateDimension() {
            return n;
        }

        @Override
        public int parameterDimension() {
            return n;
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            f.rhs(t, y, p, yDot);
        }

        private DMatrixSparseCSC build(double[] x) {
            DMatrixSparseTriplet tri = new DMatrixSparseTriplet(n, n, 4 * n);
            for (int i = 0; i < n; i++) {
                int ip1 = (i + 1) % n;
                int im1 = (i - 1 + n) % n;
                int im2 = (i - 2 + n) % n;
                tri.addItem(i, ip1, x == null ? 1 : x[im1]);
                tri.addItem(i, im2, x == null ? 1 : -x[im1]);
                tri.addItem(i, im1, x == null ? 1 : x[ip1] - x[im2]);
                tri.addItem(i, i, -1);
            }
            return DConvertMatrixStruct.convert(tri, (DMatrixSparseCSC) null);
        }

        @Override
        public DMatrixSparseCSC stateJacobianPattern() {
            return build(null);
        }

        @Override
        public DMatrixSparseCSC parameterJacobianPattern() {
            DMatrixSparseTriplet tri = new DMatrixSparseTriplet(n, n, n);
            for (int i = 0; i < n; i++) {
                tri.addItem(i, i, 1);
            }
            return DConvertMatrixStruct.convert(tri, (DMatrixSparseCSC) null);
        }

        @Override
        public void stateJacobian(double t, double[] x, double[] p, DMatrixSparseCSC j) {
            DMatrixSparseCSC values = build(x);
            System.arraycopy(values.nz_values, 0, j.nz_values, 0, values.nz_length);
        }

        @Override
        public void parameterJacobian(double t, double[] x, double[] p, DMatrixSparseCSC j) {
            java.util.Arrays.fill(j.nz_values, 0, j.nz_length, 1.0);
        }
    }

    private static void assertSameProducts(ParametricOde expected, ParametricOde actual, double[] p, double tol) {
        Random random = new Random(5);
        int n = expected.stateDimension();
        int m = expected.parameterDimension();
        for (int trial = 0; trial < 20; trial++) {
            double[] y = random.doubles(n, 0.5, 2).toArray();
            double[] w = random.doubles(n, -1, 1).toArray();
            double t = random.nextDouble();
            double[] a = new double[n];
            double[] b = new double[n];
            double[] ap = new double[m];
            double[] bp = new double[m];
            expected.vjp(t, y, p, w, a, ap);
            actual.vjp(t, y, p, w, b, bp);
            assertArrayEquals(a, b, tol);
            assertArrayEquals(ap, bp, tol);
            actual.vjpState(t, y, p, w, b);
            actual.vjpParameters(t, y, p, w, bp);
            assertArrayEquals(a, b, tol);
            assertArrayEquals(ap, bp, tol);
        }
    }

    @Test
    void productsAgreeWhateverTheirSource() {
        assertSameProducts(new LotkaVolterra(), new DenseLotkaVolterra(), LotkaVolterra.PARAMETERS, 1e-15);
        assertSameProducts(new LotkaVolterra(), new ForwardModeOde(new LotkaVolterra()), LotkaVolterra.PARAMETERS, 1e-15);
        double[] forcing = Lorenz96.problem(12).parameters();
        assertSameProducts(new Lorenz96(12), new SparseLorenz96(12), forcing, 1e-14);
        assertSameProducts(new Lorenz96(12), new ForwardModeOde(new Lorenz96(12)), forcing, 1e-14);
        assertSameProducts(new Lorenz96(12), ParametricOde.automatic(new Lorenz96(12)), forcing, 1e-14);
        assertSameProducts(new LotkaVolterra(), ParametricOde.automatic(new LotkaVolterra()), LotkaVolterra.PARAMETERS, 1e-15);
    }

    @Test
    void gradientsAgreeWhateverTheSource() {
        GradientOptions options = GradientOptions.defaults().withSteps(300).withCheckpoints(ScheduleSpec.binomial(10));
        GradientProblem hand = LotkaVolterra.problem();
        GradientResult reference = GradientSolver.solve(hand, options);
        for (ParametricOde model : new ParametricOde[] {new DenseLotkaVolterra(), new ForwardModeOde(new LotkaVolterra()),
            ParametricOde.automatic(new LotkaVolterra())}) {
            GradientResult r = GradientSolver.solve(new GradientProblem("lv", model, hand.parameters(),
                    hand.initialState(), 0, 10, hand.objective()), options);
            assertArrayEquals(reference.parameterGradient(), r.parameterGradient(), 1e-12 * 1e3);
            assertArrayEquals(reference.initialStateGradient(), r.initialStateGradient(), 1e-12 * 1e3);
        }
        GradientProblem l96 = Lorenz96.problem(20);
        GradientResult r96 = GradientSolver.solve(l96, options);
        GradientResult sparse = GradientSolver.solve(new GradientProblem("l96", new SparseLorenz96(20),
                l96.parameters(), l96.initialState(), 0, 2, l96.objective()), options);
        GradientAssertions.assertClose(r96.parameterGradient(), sparse.parameterGradient(), 1e-13, "sparse dJ/dp");
        GradientResult taped = GradientSolver.solve(new GradientProblem("l96", ParametricOde.automatic(new Lorenz96(20)),
                l96.parameters(), l96.initialState(), 0, 2, l96.objective()), options);
        GradientAssertions.assertClose(r96.parameterGradient(), taped.parameterGradient(), 1e-13, "tape dJ/dp");
        GradientAssertions.assertClose(r96.initialStateGradient(), taped.initialStateGradient(), 1e-13, "tape dJ/dy0");
    }
}
