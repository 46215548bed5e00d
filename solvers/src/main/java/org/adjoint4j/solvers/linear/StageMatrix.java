package org.adjoint4j.solvers.linear;

import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.ReverseCuthillMcKee;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.model.StateJacobian;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The matrix {@code M = I - c J} of an implicit stage, J the state Jacobian of a model at a point:
 * what Newton's method solves with, and (transposed, at the converged stage) what the discrete
 * adjoint solves with. A factorization is kept until c or J change; when both are bitwise those of
 * the current factorization (linear problems, fixed steps) it is reused, which keeps every result a
 * function of its inputs alone. Not thread-safe.
 */
public abstract class StageMatrix {

    private long jacobianEvaluations;
    private long factorizations;
    private long solves;

    /**
     * The stage matrices of a model, in the structure its {@link ParametricOde#stateJacobian()}
     * has: for a sparse Jacobian, band LU when its pattern reordered by reverse Cuthill–McKee is
     * narrow enough to pay ({@link BandStageMatrix}), else sparse LU; dense LU for a dense one;
     * block elimination on the inner matrix for a model with a quadrature state (running cost).
     *
     * @param model the model
     * @param parameters p (not modified; referenced)
     * @return the stage matrices
     */
    public static StageMatrix of(ParametricOde model, double[] parameters) {
        return model.stateJacobian().accept(new StateJacobian.Structure<StageMatrix>() {
            @Override
            public StageMatrix dense(int dimension, StateJacobian.DenseFill fill) {
                return new DenseStageMatrix(dimension, fill, parameters);
            }

            @Override
            public StageMatrix sparse(DMatrixSparseCSC pattern, StateJacobian.SparseFill fill) {
                if (pattern.numRows != pattern.numCols) {
                    throw new IllegalArgumentException("the state Jacobian pattern is " + pattern.numRows + " x "
                            + pattern.numCols + ", not square");
                }
                BandStageMatrix.Band band = BandStageMatrix.Band.of(pattern, ReverseCuthillMcKee.order(pattern));
                return band.pays(pattern.nz_length) ? new BandStageMatrix(pattern, fill, parameters, band)
                        : new SparseStageMatrix(pattern, fill, parameters);
            }

            @Override
            public StageMatrix bordered(StateJacobian inner, StateFunction running) {
                return new QuadratureStageMatrix(inner.accept(this), running, parameters);
            }
        });
    }

    /** @return n, the order of M */
    public abstract int dimension();

    /**
     * Evaluates J at a point.
     *
     * @param t time
     * @param y state (not modified)
     */
    public final void jacobianAt(double t, double[] y) {
        jacobianEvaluations++;
        evaluate(t, y);
    }

    /**
     * Forms and factors {@code M = I - c J} for the current J; kept as it is when c and J are those
     * of the current factorization.
     *
     * @param c the coefficient, {@code h a_ii}
     * @throws IllegalStateException if M is singular
     */
    public final void factor(double c) {
        if (decompose(c)) {
            factorizations++;
        }
    }

    /**
     * Solves {@code M x = b}.
     *
     * @param b right-hand side (not modified)
     * @param x receives the solution (modified; may not be b)
     */
    public final void solve(double[] b, double[] x) {
        solves++;
        forward(b, x);
    }

    /**
     * Solves {@code M^T x = b} with the same factors.
     *
     * @param b right-hand side (not modified)
     * @param x receives the solution (modified; may not be b)
     */
    public final void solveTransposed(double[] b, double[] x) {
        solves++;
        transposed(b, x);
    }

    /** @return Jacobian evaluations so far */
    public long jacobianEvaluations() {
        return jacobianEvaluations;
    }

    /** @return factorizations so far (reuses not counted) */
    public long factorizations() {
        return factorizations;
    }

    /** @return linear solves so far */
    public long solves() {
        return solves;
    }

    /**
     * Evaluates J into the implementation's matrix.
     *
     * @param t time
     * @param y state (not modified)
     */
    protected abstract void evaluate(double t, double[] y);

    /**
     * Factors M = I - cJ unless c and J are those of the current factorization.
     *
     * @param c the coefficient
     * @return whether it factored
     */
    protected abstract boolean decompose(double c);

    /**
     * Solves M x = b.
     *
     * @param b right-hand side (not modified)
     * @param x receives the solution (modified)
     */
    protected abstract void forward(double[] b, double[] x);

    /**
     * Solves M^T x = b.
     *
     * @param b right-hand side (not modified)
     * @param x receives the solution (modified)
     */
    protected abstract void transposed(double[] b, double[] x);
}
