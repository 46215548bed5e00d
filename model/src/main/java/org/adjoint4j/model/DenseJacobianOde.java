package org.adjoint4j.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A model that supplies its Jacobians as dense EJML matrices; the vector-Jacobian products are
 * {@code CommonOps_DDRM.multTransA}:
 * <pre>
 *   (df/dy)^T w = J_y^T w,   J_y = df/dy  (n x n)
 *   (df/dp)^T w = J_p^T w,   J_p = df/dp  (n x m)
 * </pre>
 * Implicit solvers use the state Jacobian itself. Workspaces are kept per thread, so one instance
 * serves concurrent gradient evaluations.
 */
public abstract class DenseJacobianOde implements ParametricOde {

    private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(() -> new Workspace(this));

    /**
     * The state Jacobian {@code df/dy}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param jacobian receives every entry of the n x n Jacobian (modified)
     */
    public abstract void stateJacobian(double t, double[] y, double[] p, DMatrixRMaj jacobian);

    /** @return the model's own dense Jacobian */
    @Override
    public StateJacobian stateJacobian() {
        return StateJacobian.dense(stateDimension(), this::stateJacobian);
    }

    /**
     * The parameter Jacobian {@code df/dp}.
     *
     * @param t time
     * @param y state (not modified)
     * @param p parameters (not modified)
     * @param jacobian receives every entry of the n x m Jacobian (modified)
     */
    public abstract void parameterJacobian(double t, double[] y, double[] p, DMatrixRMaj jacobian);

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

    /** Per-thread matrices, sized once. */
    private static final class Workspace {
        final DMatrixRMaj stateJacobian;
        final DMatrixRMaj parameterJacobian;
        final DMatrixRMaj w;
        final DMatrixRMaj stateOut;
        final DMatrixRMaj parameterOut;

        Workspace(ParametricOde model) {
            int n = model.stateDimension();
            int m = model.parameterDimension();
            stateJacobian = new DMatrixRMaj(n, n);
            parameterJacobian = new DMatrixRMaj(n, m);
            w = new DMatrixRMaj(n, 1);
            stateOut = new DMatrixRMaj(n, 1);
            parameterOut = new DMatrixRMaj(m, 1);
        }

        void multTransA(DMatrixRMaj jacobian, double[] v, double[] out, DMatrixRMaj product) {
            System.arraycopy(v, 0, w.data, 0, v.length);
            CommonOps_DDRM.multTransA(jacobian, w, product);
            System.arraycopy(product.data, 0, out, 0, out.length);
        }
    }
}
