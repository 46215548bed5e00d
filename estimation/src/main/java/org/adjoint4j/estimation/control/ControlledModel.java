package org.adjoint4j.estimation.control;

import java.util.Arrays;
import org.adjoint4j.model.ParametricOde;

/**
 * A {@link ControlSystem} under a parameterization, as a model the gradient solver differentiates:
 * states {@code (x, q)} with {@code q' = L(t, x, u(t))}, parameters the control coefficients.
 * <pre>
 *   (df~/d(x,q))^T (w, w_q) = (f_x^T w + w_q L_x, 0)
 *   (df~/dc_k)^T (w, w_q)    = beta_k(t) (f_u^T w + w_q L_u)
 * </pre>
 * with {@code beta_k} the weight of coefficient k at t. Only the one or two active coefficients
 * per component are written, and {@link #parameterSupportStart} tells the adjoint so: a step's
 * cost does not depend on K. Holds work arrays: one instance per computation.
 */
public final class ControlledModel implements ParametricOde {

    private final ControlSystem system;
    private final ControlParameterization kind;
    private final int intervals;
    private final int n;
    private final int c;
    private final double finalTime;
    private final double[] x;
    private final double[] u;
    private final double[] f;
    private final double[] w;
    private final double[] outState;
    private final double[] outControl;
    private final double[] gx;
    private final double[] gu;

    /**
     * @param system the controlled system
     * @param kind how controls are parameterized
     * @param intervals K
     */
    public ControlledModel(ControlSystem system, ControlParameterization kind, int intervals) {
        if (intervals < 1) {
            throw new IllegalArgumentException("control intervals must be >= 1, got " + intervals);
        }
        this.system = system;
        this.kind = kind;
        this.intervals = intervals;
        this.n = system.stateDimension();
        this.c = system.controlDimension();
        this.finalTime = system.finalTime();
        this.x = new double[n];
        this.u = new double[c];
        this.f = new double[n];
        this.w = new double[n];
        this.outState = new double[n];
        this.outControl = new double[c];
        this.gx = new double[n];
        this.gu = new double[c];
    }

    /** @return the system */
    public ControlSystem system() {
        return system;
    }

    @Override
    public int stateDimension() {
        return n + 1;
    }

    @Override
    public int parameterDimension() {
        return kind.coefficients(intervals, c);
    }

    @Override
    public String stateName(int i) {
        return i == n ? "running cost" : system.stateName(i);
    }

    @Override
    public String parameterName(int j) {
        return system.controlName(j % c) + "[" + (j / c) + "]";
    }

    @Override
    public void rhs(double t, double[] xq, double[] p, double[] xDot) {
        System.arraycopy(xq, 0, x, 0, n);
        kind.evaluate(t, finalTime, intervals, p, u);
        system.rhs(t, x, u, f);
        System.arraycopy(f, 0, xDot, 0, n);
        xDot[n] = system.running(t, x, u);
    }

    @Override
    public void vjpState(double t, double[] xq, double[] p, double[] wq, double[] out) {
        vjp(t, xq, p, wq, out, null);
    }

    @Override
    public void vjpParameters(double t, double[] xq, double[] p, double[] wq, double[] out) {
        vjp(t, xq, p, wq, null, out);
    }

    @Override
    public void vjp(double t, double[] xq, double[] p, double[] wq, double[] outStateQ, double[] outParameters) {
        System.arraycopy(xq, 0, x, 0, n);
        System.arraycopy(wq, 0, w, 0, n);
        double wRunning = wq[n];
        kind.evaluate(t, finalTime, intervals, p, u);
        system.vjp(t, x, u, w, outState, outControl);
        system.runningGradient(t, x, u, gx, gu);
        if (outStateQ != null) {
            for (int i = 0; i < n; i++) {
                outStateQ[i] = outState[i] + wRunning * gx[i];
            }
            outStateQ[n] = 0.0;
        }
        if (outParameters != null) {
            int k = ControlParameterization.interval(t, finalTime, intervals);
            double beta = kind.firstWeight(t, finalTime, intervals);
            for (int j = 0; j < c; j++) {
                double g = outControl[j] + wRunning * gu[j];
                outParameters[k * c + j] = beta * g;
                if (kind == ControlParameterization.PIECEWISE_LINEAR) {
                    outParameters[(k + 1) * c + j] = (1 - beta) * g;
                }
            }
        }
    }

    @Override
    public int parameterSupportStart(double t) {
        return ControlParameterization.interval(t, finalTime, intervals) * c;
    }

    @Override
    public int parameterSupportEnd(double t) {
        int k = ControlParameterization.interval(t, finalTime, intervals);
        return (kind == ControlParameterization.PIECEWISE_LINEAR ? k + 2 : k + 1) * c;
    }

    /** @return the initial state (x0, 0) */
    double[] initialState() {
        double[] xq = Arrays.copyOf(system.initialState(), n + 1);
        xq[n] = 0.0;
        return xq;
    }
}
