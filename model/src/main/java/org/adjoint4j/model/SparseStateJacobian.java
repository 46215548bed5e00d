package org.adjoint4j.model;

import org.ejml.data.DMatrixSparseCSC;

/**
 * A model that evaluates its state Jacobian {@code df/dy} as a sparse EJML matrix with a fixed
 * nonzero pattern (semi-discrete PDEs).
 */
public interface SparseStateJacobian {

    /** @return an n x n matrix whose structure is that of every state Jacobian (values ignored) */
    DMatrixSparseCSC stateJacobianPattern();

    /**
     * Fills the values of the state Jacobian, whose structure is {@link #stateJacobianPattern()}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param jacobian its {@code nz_values} receive the entries (modified)
     */
    void stateJacobian(double t, double[] y, double[] p, DMatrixSparseCSC jacobian);
}
