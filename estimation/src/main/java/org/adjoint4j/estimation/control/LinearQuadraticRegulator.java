package org.adjoint4j.estimation.control;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * A double integrator driven to the origin, {@code x1' = x2, x2' = u}, with
 * <pre>
 *   J = 1/2 integral_0^T (x1^2 + x2^2 + r u^2) dt + 1/2 s |x(T)|^2,   r = 0.1, s = 1,
 *   x(0) = (1, 0),  T = 5
 * </pre>
 * Its optimal cost over all controls is {@code 1/2 x0^T P(0) x0} with P the solution of the
 * Riccati equation {@code -P' = A^T P + P A - P B R^{-1} B^T P + Q}, {@code P(T) = S}
 * ({@link #riccatiOptimum}, DP853 at rtol 1e-13): the reference a discretized control approaches
 * as K grows.
 */
public final class LinearQuadraticRegulator implements ControlSystem {

    private static final double R = 0.1;
    private static final double S = 1.0;

    @Override
    public String name() {
        return "lqr";
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
    public String stateName(int i) {
        return i == 0 ? "position" : "velocity";
    }

    @Override
    public String controlName(int j) {
        return "force";
    }

    @Override
    public double[] initialState() {
        return new double[] {1.0, 0.0};
    }

    @Override
    public double finalTime() {
        return 5.0;
    }

    @Override
    public void rhs(double t, double[] x, double[] u, double[] xDot) {
        xDot[0] = x[1];
        xDot[1] = u[0];
    }

    @Override
    public void vjp(double t, double[] x, double[] u, double[] w, double[] outState, double[] outControl) {
        outState[0] = 0.0;
        outState[1] = w[0];
        outControl[0] = w[1];
    }

    @Override
    public double running(double t, double[] x, double[] u) {
        return 0.5 * (x[0] * x[0] + x[1] * x[1] + R * u[0] * u[0]);
    }

    @Override
    public void runningGradient(double t, double[] x, double[] u, double[] gx, double[] gu) {
        gx[0] = x[0];
        gx[1] = x[1];
        gu[0] = R * u[0];
    }

    @Override
    public double terminal(double[] x) {
        return 0.5 * S * (x[0] * x[0] + x[1] * x[1]);
    }

    @Override
    public void terminalGradient(double[] x, double[] gx) {
        gx[0] = S * x[0];
        gx[1] = S * x[1];
    }

    /**
     * The optimal cost over all (measurable) controls, from the Riccati equation integrated from
     * T back to 0 in the symmetric entries (p11, p12, p22), with A = [[0, 1], [0, 0]],
     * B = (0, 1), Q = I:
     * <pre>
     *   -p11' = 1 - p12^2 / r,   -p12' = p11 - p12 p22 / r,   -p22' = 1 + 2 p12 - p22^2 / r
     * </pre>
     *
     * @return {@code 1/2 x0^T P(0) x0}
     */
    @Override
    public double exactOptimum() {
        return riccatiOptimum();
    }

    /**
     * @return J* from the Riccati equation (see the class comment)
     */
    public double riccatiOptimum() {
        OrdinaryDifferentialEquation riccati = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 3;
            }

            @Override
            public double[] computeDerivatives(double t, double[] p) {
                double p11 = p[0];
                double p12 = p[1];
                double p22 = p[2];
                return new double[] {-(1 - p12 * p12 / R), -(p11 - p12 * p22 / R), -(1 + 2 * p12 - p22 * p22 / R)};
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-10, 1.0, 1e-14, 1e-13);
        double[] p0 = integrator.integrate(riccati, new ODEState(finalTime(), new double[] {S, 0.0, S}), 0.0)
                .getPrimaryState();
        double[] x0 = initialState();
        return 0.5 * (p0[0] * x0[0] * x0[0] + 2 * p0[1] * x0[0] * x0[1] + p0[2] * x0[1] * x0[1]);
    }
}
