package org.adjoint4j.model;

import org.ejml.data.DMatrixRMaj;

/** A model that evaluates its state Jacobian {@code df/dy} as a dense EJML matrix. */
public interface DenseStateJacobian {

    /**
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param jacobian receives every entry of the n x n Jacobian (modified)
     */
    void stateJacobian(double t, double[] y, double[] p, DMatrixRMaj jacobian);
}
