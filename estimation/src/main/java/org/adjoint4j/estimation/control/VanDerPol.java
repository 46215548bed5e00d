package org.adjoint4j.estimation.control;

/**
 * A Van der Pol oscillator steered to rest, {@code x1' = x2, x2' = mu (1 - x1^2) x2 - x1 + u},
 * with
 * <pre>
 *   J = 1/2 integral_0^T (x1^2 + x2^2 + 0.1 u^2) dt + 5 |x(T)|^2,   mu = 1,  x(0) = (2, 0),  T = 6
 * </pre>
 * Uncontrolled, the state settles on the limit cycle of amplitude 2; the optimal control damps
 * it out. Usually solved with bounds |u| &lt;= 2.
 */
public final class VanDerPol implements ControlSystem {

    private static final double MU = 1.0;

    /** @return 2: the control is bounded, |u| &lt;= 2 */
    @Override
    public double controlBound() {
        return 2.0;
    }

    @Override
    public String name() {
        return "van-der-pol";
    }

    @Override
    public int stateDimension() {
        return 2;
    }

    @Override
    public int controlDimension() {
        return 1;
    }

    @Override
    public double[] initialState() {
        return new double[] {2.0, 0.0};
    }

    @Override
    public double finalTime() {
        return 6.0;
    }

    @Override
    public void rhs(double t, double[] x, double[] u, double[] xDot) {
        xDot[0] = x[1];
        xDot[1] = MU * (1 - x[0] * x[0]) * x[1] - x[0] + u[0];
    }

    @Override
    public void vjp(double t, double[] x, double[] u, double[] w, double[] outState, double[] outControl) {
        outState[0] = (-2 * MU * x[0] * x[1] - 1) * w[1];
        outState[1] = w[0] + MU * (1 - x[0] * x[0]) * w[1];
        outControl[0] = w[1];
    }

    @Override
    public double running(double t, double[] x, double[] u) {
        return 0.5 * (x[0] * x[0] + x[1] * x[1] + 0.1 * u[0] * u[0]);
    }

    @Override
    public void runningGradient(double t, double[] x, double[] u, double[] gx, double[] gu) {
        gx[0] = x[0];
        gx[1] = x[1];
        gu[0] = 0.1 * u[0];
    }

    @Override
    public double terminal(double[] x) {
        return 5 * (x[0] * x[0] + x[1] * x[1]);
    }

    @Override
    public void terminalGradient(double[] x, double[] gx) {
        gx[0] = 10 * x[0];
        gx[1] = 10 * x[1];
    }
}
