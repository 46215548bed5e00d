package org.adjoint4j.solvers.linear;

import org.adjoint4j.model.StateFunction;

/**
 * The stage matrix of a model with a quadrature state {@code q' = g(t, y, p)}, by block
 * elimination on the model's own matrix:
 * <pre>
 *   M = [ I - c J    0 ]      M x = b:    x_y = (I - cJ)^{-1} b_y,   x_q = b_q + c g_y . x_y
 *       [ -c g_y^T   1 ]      M^T x = b:  x_q = b_q,   x_y = (I - cJ)^{-T} (b_y + c x_q g_y)
 * </pre>
 */
final class QuadratureStageMatrix extends StageMatrix {

    private final StageMatrix inner;
    private final StateFunction running;
    private final double[] parameters;
    private final int n;
    private final double[] gradientState;
    private final double[] gradientParameters;
    private final double[] state;
    private final double[] b;
    private final double[] x;
    private double c;

    QuadratureStageMatrix(StageMatrix inner, StateFunction running, double[] parameters) {
        this.inner = inner;
        this.running = running;
        this.parameters = parameters;
        this.n = inner.dimension();
        this.gradientState = new double[n];
        this.gradientParameters = new double[parameters.length];
        this.state = new double[n];
        this.b = new double[n];
        this.x = new double[n];
    }

    @Override
    public int dimension() {
        return n + 1;
    }

    @Override
    protected void evaluate(double t, double[] yq) {
        System.arraycopy(yq, 0, state, 0, n);
        inner.jacobianAt(t, state);
        running.gradient(t, state, parameters, gradientState, gradientParameters);
    }

    @Override
    protected boolean decompose(double coefficient) {
        c = coefficient;
        long before = inner.factorizations();
        inner.factor(coefficient);
        return inner.factorizations() > before;
    }

    @Override
    protected void forward(double[] rhs, double[] out) {
        System.arraycopy(rhs, 0, b, 0, n);
        inner.solve(b, x);
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += gradientState[i] * x[i];
        }
        System.arraycopy(x, 0, out, 0, n);
        out[n] = rhs[n] + c * dot;
    }

    @Override
    protected void transposed(double[] rhs, double[] out) {
        double q = rhs[n];
        for (int i = 0; i < n; i++) {
            b[i] = rhs[i] + c * q * gradientState[i];
        }
        inner.solveTransposed(b, x);
        System.arraycopy(x, 0, out, 0, n);
        out[n] = q;
    }
}
