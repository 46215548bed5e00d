package org.adjoint4j.adjoint.problems;

import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.DenseJacobianOde;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.StateFunction;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.CalculusFieldElement;

/**
 * P2, Robertson's chemical kinetics (stiff, tiny; CVODES's {@code cvsRoberts_ASAi_dns}):
 * <pre>
 *   y1' = -p1 y1 + p2 y2 y3
 *   y2' =  p1 y1 - p2 y2 y3 - p3 y2^2
 *   y3' =  p3 y2^2
 *   p = (0.04, 1e4, 3e7),  y0 = (1, 0, 0),  t in [0, 4e7],   J = integral_0^T y3 dt
 * </pre>
 * The rate constants span eleven orders of magnitude, so the Jacobian's eigenvalues reach
 * about -1e4 while the solution evolves over 4e7: only an implicit method gets through.
 * Jacobians:
 * <pre>
 *   f_y = [[-p1, p2 y3, p2 y2], [p1, -p2 y3 - 2 p3 y2, -p2 y2], [0, 2 p3 y2, 0]]
 *   f_p = [[-y1, y2 y3, 0], [y1, -y2 y3, -y2^2], [0, 0, y2^2]]
 * </pre>
 */
public final class Robertson extends DenseJacobianOde implements FieldParametricOde {

    /** @return this model, which is written over any field too */
    @Override
    public FieldParametricOde field() {
        return this;
    }


    /** The reference rate constants (p1, p2, p3). */
    public static final double[] PARAMETERS = {0.04, 1.0e4, 3.0e7};
    /** The reference initial state. */
    public static final double[] INITIAL_STATE = {1.0, 0.0, 0.0};
    /** The reference final time. */
    public static final double FINAL_TIME = 4.0e7;

    private static final String[] STATES = {"y1", "y2", "y3"};
    private static final String[] PARAMETER_NAMES = {"p1", "p2", "p3"};

    /** The running cost {@code g = y3}. */
    public static final StateFunction THIRD_SPECIES = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return y[2];
        }

        @Override
        public double value(double t, double[] y, double[] p) {
            return y[2];
        }

        @Override
        public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
            gy[0] = 0.0;
            gy[1] = 0.0;
            gy[2] = 1.0;
            java.util.Arrays.fill(gp, 0.0);
        }
    };

    /** @return the reference problem P2 */
    public static GradientProblem problem() {
        return new GradientProblem("robertson", new Robertson(), PARAMETERS, INITIAL_STATE, 0.0, FINAL_TIME,
                Objective.running(THIRD_SPECIES));
    }

    @Override
    public int stateDimension() {
        return 3;
    }

    @Override
    public int parameterDimension() {
        return 3;
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        double r1 = p[0] * y[0];
        double r2 = p[1] * y[1] * y[2];
        double r3 = p[2] * y[1] * y[1];
        yDot[0] = -r1 + r2;
        yDot[1] = r1 - r2 - r3;
        yDot[2] = r3;
    }

    @Override
    public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
        T r1 = p[0].multiply(y[0]);
        T r2 = p[1].multiply(y[1]).multiply(y[2]);
        T r3 = p[2].multiply(y[1]).multiply(y[1]);
        yDot[0] = r2.subtract(r1);
        yDot[1] = r1.subtract(r2).subtract(r3);
        yDot[2] = r3;
    }

    @Override
    public void stateJacobian(double t, double[] y, double[] p, DMatrixRMaj jacobian) {
        double[] j = jacobian.data;
        j[0] = -p[0];
        j[1] = p[1] * y[2];
        j[2] = p[1] * y[1];
        j[3] = p[0];
        j[4] = -p[1] * y[2] - 2 * p[2] * y[1];
        j[5] = -p[1] * y[1];
        j[6] = 0.0;
        j[7] = 2 * p[2] * y[1];
        j[8] = 0.0;
    }

    @Override
    public void parameterJacobian(double t, double[] y, double[] p, DMatrixRMaj jacobian) {
        double[] j = jacobian.data;
        double y23 = y[1] * y[2];
        double y22 = y[1] * y[1];
        j[0] = -y[0];
        j[1] = y23;
        j[2] = 0.0;
        j[3] = y[0];
        j[4] = -y23;
        j[5] = -y22;
        j[6] = 0.0;
        j[7] = 0.0;
        j[8] = y22;
    }

    /** {@code (f_y)^T w} without forming the matrix. */
    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        double d = w[0] - w[1];
        out[0] = -p[0] * d;
        out[1] = p[1] * y[2] * d + 2 * p[2] * y[1] * (w[2] - w[1]);
        out[2] = p[1] * y[1] * d;
    }

    /** {@code (f_p)^T w} without forming the matrix. */
    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        double d = w[0] - w[1];
        out[0] = -y[0] * d;
        out[1] = y[1] * y[2] * d;
        out[2] = y[1] * y[1] * (w[2] - w[1]);
    }

    @Override
    public String stateName(int i) {
        return STATES[i];
    }

    @Override
    public String parameterName(int j) {
        return PARAMETER_NAMES[j];
    }
}
