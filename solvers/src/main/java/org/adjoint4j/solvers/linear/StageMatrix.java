package org.adjoint4j.solvers.linear;

import org.adjoint4j.model.DenseJacobians;
import org.adjoint4j.model.CountingOde;
import org.adjoint4j.model.DenseStateJacobian;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ForwardModeOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.QuadratureOde;
import org.adjoint4j.model.ReverseModeOde;
import org.adjoint4j.model.SparseStateJacobian;

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
     * The stage matrices of a model, by what it offers: its own sparse or dense Jacobian; else a
     * dense forward-mode Jacobian of its field version; else a dense Jacobian from n exact
     * vector-Jacobian products. A quadrature state (running cost) is solved by block elimination.
     *
     * @param model the model (counting and quadrature wrappers are seen through)
     * @param parameters p (not modified; referenced)
     * @return the stage matrices
     */
    public static StageMatrix of(ParametricOde model, double[] parameters) {
        if (model instanceof QuadratureOde) {
            QuadratureOde q = (QuadratureOde) model;
            return new QuadratureStageMatrix(of(q.model(), parameters), q.running(), parameters);
        }
        ParametricOde inner = model instanceof CountingOde ? ((CountingOde) model).model() : model;
        if (inner instanceof SparseStateJacobian) {
            return new SparseStageMatrix((SparseStateJacobian) inner, parameters);
        }
        if (inner instanceof DenseStateJacobian) {
            DenseStateJacobian d = (DenseStateJacobian) inner;
            return new DenseStageMatrix(model.stateDimension(), (t, y, j) -> d.stateJacobian(t, y, parameters, j));
        }
        FieldParametricOde field = inner instanceof FieldParametricOde ? (FieldParametricOde) inner
                : inner instanceof ReverseModeOde ? ((ReverseModeOde) inner).model()
                : inner instanceof ForwardModeOde ? ((ForwardModeOde) inner).model() : null;
        if (field != null) {
            return new DenseStageMatrix(model.stateDimension(), DenseJacobians.forwardMode(field, parameters));
        }
        return new DenseStageMatrix(model.stateDimension(), DenseJacobians.fromProducts(model, parameters));
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

    /** Evaluates J into the implementation's matrix. */
    protected abstract void evaluate(double t, double[] y);

    /** Factors M = I - cJ unless unchanged; returns whether it factored. */
    protected abstract boolean decompose(double c);

    /** Solves M x = b. */
    protected abstract void forward(double[] b, double[] x);

    /** Solves M^T x = b. */
    protected abstract void transposed(double[] b, double[] x);
}
