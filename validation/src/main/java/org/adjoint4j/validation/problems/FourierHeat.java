package org.adjoint4j.validation.problems;

import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.SparseJacobianOde;
import org.ejml.data.DMatrixSparseCSC;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The heat equation with one constant diffusivity kappa on n interior nodes (the grid of P4):
 * {@code u' = kappa L u}, L the Dirichlet second difference over h^2. L has the orthonormal
 * eigenvectors {@code v_k,i = sqrt(2h) sin(k pi x_i)} and eigenvalues
 * {@code mu_k = -4 sin^2(k pi h / 2) / h^2}, so
 * <pre>
 *   u(t) = sum_k v_k e^{kappa mu_k t} (v_k . u0)
 * </pre>
 * with kappa = 1, u0 = sin(pi x) + 0.5 sin(3 pi x), T = 0.05. The solvers see a sparse Jacobian
 * (the implicit methods' sparse path).
 */
public final class FourierHeat extends AnalyticProblem {

    private final int n;
    private final double h;

    /** @param n interior nodes, at least 2 */
    public FourierHeat(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2, got " + n);
        }
        this.n = n;
        this.h = 1.0 / (n + 1);
    }

    @Override
    public String name() {
        return "heat-fourier";
    }

    @Override
    public FieldParametricOde model() {
        return new Model(n);
    }

    @Override
    public ParametricOde doubleModel() {
        return new Model(n);
    }

    @Override
    public double[] parameters() {
        return new double[] {1.0};
    }

    @Override
    public double[] initialState() {
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            double x = (i + 1) * h;
            u[i] = Math.sin(Math.PI * x) + 0.5 * Math.sin(3 * Math.PI * x);
        }
        return u;
    }

    @Override
    public double finalTime() {
        return 0.05;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T[] solution(T t, T[] p, T[] y0) {
        T zero = t.getField().getZero();
        T[] u = MathArrays.buildArray(t.getField(), n);
        java.util.Arrays.fill(u, zero);
        for (int k = 1; k <= n; k++) {
            double mu = -4 * Math.pow(Math.sin(k * Math.PI * h / 2), 2) / (h * h);
            T coefficient = zero;
            for (int i = 0; i < n; i++) {
                coefficient = coefficient.add(y0[i].multiply(mode(k, i)));
            }
            coefficient = coefficient.multiply(p[0].multiply(t).multiply(mu).exp());
            for (int i = 0; i < n; i++) {
                u[i] = u[i].add(coefficient.multiply(mode(k, i)));
            }
        }
        return u;
    }

    private double mode(int k, int i) {
        return Math.sqrt(2 * h) * Math.sin(k * Math.PI * (i + 1) * h);
    }

    /** {@code u' = kappa L u} with hand-written sparse Jacobians. */
    private static final class Model extends SparseJacobianOde implements FieldParametricOde {

        /** @return this model, which is written over any field too */
        @Override
        public FieldParametricOde field() {
            return this;
        }

        private final int n;
        private final double inverseH2;

        Model(int n) {
            this.n = n;
            double h = 1.0 / (n + 1);
            this.inverseH2 = 1.0 / (h * h);
        }

        @Override
        public int stateDimension() {
            return n;
        }

        @Override
        public int parameterDimension() {
            return 1;
        }

        @Override
        public String parameterName(int j) {
            return "kappa";
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            for (int i = 0; i < n; i++) {
                double left = i > 0 ? y[i - 1] : 0.0;
                double right = i + 1 < n ? y[i + 1] : 0.0;
                yDot[i] = p[0] * (left - 2 * y[i] + right) * inverseH2;
            }
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            T zero = y[0].getField().getZero();
            for (int i = 0; i < n; i++) {
                T left = i > 0 ? y[i - 1] : zero;
                T right = i + 1 < n ? y[i + 1] : zero;
                yDot[i] = p[0].multiply(left.subtract(y[i].multiply(2)).add(right)).multiply(inverseH2);
            }
        }

        @Override
        public DMatrixSparseCSC stateJacobianPattern() {
            DMatrixSparseCSC pattern = new DMatrixSparseCSC(n, n, 3 * n);
            for (int i = 0; i < n; i++) {
                for (int j = Math.max(0, i - 1); j <= Math.min(n - 1, i + 1); j++) {
                    pattern.set(j, i, 1.0);
                }
            }
            return pattern;
        }

        @Override
        public void stateJacobian(double t, double[] y, double[] p, DMatrixSparseCSC jacobian) {
            for (int c = 0; c < n; c++) {
                for (int k = jacobian.col_idx[c]; k < jacobian.col_idx[c + 1]; k++) {
                    jacobian.nz_values[k] = (jacobian.nz_rows[k] == c ? -2 : 1) * p[0] * inverseH2;
                }
            }
        }

        @Override
        public DMatrixSparseCSC parameterJacobianPattern() {
            DMatrixSparseCSC pattern = new DMatrixSparseCSC(n, 1, n);
            for (int i = 0; i < n; i++) {
                pattern.set(i, 0, 1.0);
            }
            return pattern;
        }

        @Override
        public void parameterJacobian(double t, double[] y, double[] p, DMatrixSparseCSC jacobian) {
            for (int k = 0; k < jacobian.nz_length; k++) {
                int i = jacobian.nz_rows[k];
                double left = i > 0 ? y[i - 1] : 0.0;
                double right = i + 1 < n ? y[i + 1] : 0.0;
                jacobian.nz_values[k] = (left - 2 * y[i] + right) * inverseH2; // (L u)_i
            }
        }
    }
}
