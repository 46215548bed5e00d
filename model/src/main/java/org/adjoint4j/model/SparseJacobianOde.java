package org.adjoint4j.model;

import org.ejml.data.DGrowArray;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.CommonOps_DSCC;

/**
 * A model that supplies its Jacobians as sparse EJML matrices (compressed sparse column) with a
 * fixed pattern, as semi-discrete PDEs do; the vector-Jacobian products are
 * {@code CommonOps_DSCC.multTransA}, costing O(nonzeros):
 * <pre>
 *   (df/dy)^T w = J_y^T w,   (df/dp)^T w = J_p^T w
 * </pre>
 * The patterns are asked for once; each evaluation fills the values of a copy of them (the
 * structure must not change). Workspaces are kept per thread.
 */
public abstract class SparseJacobianOde implements ParametricOde {

    private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(() -> new Workspace(this));

    /**
     * The nonzero pattern of {@code df/dy}; called once per thread.
     *
     * @return an n x n matrix whose structure is that of every state Jacobian (values ignored)
     */
    public abstract DMatrixSparseCSC stateJacobianPattern();

    /**
     * The nonzero pattern of {@code df/dp}; called once per thread.
     *
     * @return an n x m matrix whose structure is that of every parameter Jacobian
     */
    public abstract DMatrixSparseCSC parameterJacobianPattern();

    /**
     * Fills the values of the state Jacobian, whose structure is {@link #stateJacobianPattern()}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param jacobian its {@code nz_values} receive the entries (modified)
     */
    public abstract void stateJacobian(double t, double[] y, double[] p, DMatrixSparseCSC jacobian);

    /** @return the model's own sparse Jacobian, in its pattern */
    @Override
    public StateJacobian stateJacobian() {
        return StateJacobian.sparse(stateJacobianPattern(), this::stateJacobian);
    }

    /**
     * Fills the values of the parameter Jacobian, whose structure is
     * {@link #parameterJacobianPattern()}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param jacobian its {@code nz_values} receive the entries (modified)
     */
    public abstract void parameterJacobian(double t, double[] y, double[] p, DMatrixSparseCSC jacobian);

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        Workspace ws = workspace.get();
        stateJacobian(t, y, p, ws.stateJacobian);
        ws.multTransA(ws.stateJacobian, w, out, ws.stateOut);
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        Workspace ws = workspace.get();
        parameterJacobian(t, y, p, ws.parameterJacobian);
        ws.multTransA(ws.parameterJacobian, w, out, ws.parameterOut);
    }

    /** Per-thread matrices with the model's patterns. */
    private static final class Workspace {
        final DMatrixSparseCSC stateJacobian;
        final DMatrixSparseCSC parameterJacobian;
        final DMatrixRMaj w;
        final DMatrixRMaj stateOut;
        final DMatrixRMaj parameterOut;
        final DGrowArray work = new DGrowArray();

        Workspace(SparseJacobianOde model) {
            stateJacobian = model.stateJacobianPattern().copy();
            parameterJacobian = model.parameterJacobianPattern().copy();
            int n = model.stateDimension();
            w = new DMatrixRMaj(n, 1);
            stateOut = new DMatrixRMaj(n, 1);
            parameterOut = new DMatrixRMaj(model.parameterDimension(), 1);
        }

        void multTransA(DMatrixSparseCSC jacobian, double[] v, double[] out, DMatrixRMaj product) {
            System.arraycopy(v, 0, w.data, 0, v.length);
            CommonOps_DSCC.multTransA(jacobian, w, product, work);
            System.arraycopy(product.data, 0, out, 0, out.length);
        }
    }
}
