package org.adjoint4j.model;

import org.hipparchus.CalculusFieldElement;

/**
 * The model with its running cost as one more state, {@code q' = g(t, y, p)}, so the quadrature
 * is advanced with the same stages as y and differentiated consistently:
 * <pre>
 *   f~(t, (y, q), p) = (f(t, y, p), g(t, y, p))
 *   (df~/d(y,q))^T (w, w_q) = (f_y^T w + w_q g_y, 0),   (df~/dp)^T (w, w_q) = f_p^T w + w_q g_p
 *   (df~/d(y,q)) (v, v_q) + (df~/dp) r = (f_y v + f_p r, g_y . v + g_p . r)
 *   d f~/d(y,q) = [ f_y 0 ; g_y^T 0 ]   (a bordered Jacobian: the quadrature is never solved for)
 * </pre>
 * Its parameter support is the hull of f's and g's: inside it, entries f does not touch are
 * written as zeros, so the adjoint never adds what a product left behind. Every other capability
 * is forwarded. Holds work arrays: one instance per computation.
 */
public final class QuadratureOde extends ForwardingOde {

    private final StateFunction running;
    private final int n;
    private final int m;
    private final double[] y;
    private final double[] f;
    private final double[] w;
    private final double[] out;
    private final double[] gradientState;
    private final double[] gradientParameters;

    /**
     * @param model the model
     * @param running the running cost g
     */
    public QuadratureOde(ParametricOde model, StateFunction running) {
        super(model);
        if (running == null) {
            throw new IllegalArgumentException("the running cost must not be null");
        }
        this.running = running;
        this.n = model.stateDimension();
        this.m = model.parameterDimension();
        this.y = new double[n];
        this.f = new double[n];
        this.w = new double[n];
        this.out = new double[n];
        this.gradientState = new double[n];
        this.gradientParameters = new double[m];
    }

    /**
     * The same augmentation over any field, for forward-mode runs of the whole scheme.
     *
     * @param model the model over any field
     * @param running the running cost g
     * @return {@code (f, g)} with n + 1 states
     */
    public static FieldParametricOde field(FieldParametricOde model, StateFunction running) {
        int n = model.stateDimension();
        return new FieldParametricOde() {
            @Override
            public int stateDimension() {
                return n + 1;
            }

            @Override
            public int parameterDimension() {
                return model.parameterDimension();
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] yq, T[] p, T[] yDot) {
                T[] state = java.util.Arrays.copyOf(yq, n);
                T[] fs = java.util.Arrays.copyOf(yDot, n);
                model.rhs(t, state, p, fs);
                System.arraycopy(fs, 0, yDot, 0, n);
                yDot[n] = running.value(t, state, p);
            }
        };
    }

    /** @return the running cost g */
    public StateFunction running() {
        return running;
    }

    @Override
    public int stateDimension() {
        return n + 1;
    }

    @Override
    public String stateName(int i) {
        return i == n ? "quadrature" : delegate.stateName(i);
    }

    @Override
    public void rhs(double t, double[] yq, double[] p, double[] yDot) {
        System.arraycopy(yq, 0, y, 0, n);
        delegate.rhs(t, y, p, f);
        System.arraycopy(f, 0, yDot, 0, n);
        yDot[n] = running.value(t, y, p);
    }

    @Override
    public void vjpState(double t, double[] yq, double[] p, double[] wq, double[] outState) {
        vjp(t, yq, p, wq, outState, null);
    }

    @Override
    public void vjpParameters(double t, double[] yq, double[] p, double[] wq, double[] outParameters) {
        System.arraycopy(yq, 0, y, 0, n);
        System.arraycopy(wq, 0, w, 0, n);
        delegate.vjpParameters(t, y, p, w, outParameters);
        clearOutsideModelSupport(t, outParameters);
        addRunningCost(t, p, wq[n], null, outParameters);
    }

    @Override
    public void vjp(double t, double[] yq, double[] p, double[] wq, double[] outState, double[] outParameters) {
        System.arraycopy(yq, 0, y, 0, n);
        System.arraycopy(wq, 0, w, 0, n);
        if (outParameters == null) {
            delegate.vjpState(t, y, p, w, out);
        } else {
            delegate.vjp(t, y, p, w, out, outParameters);
            clearOutsideModelSupport(t, outParameters);
        }
        System.arraycopy(out, 0, outState, 0, n);
        outState[n] = 0.0;
        addRunningCost(t, p, wq[n], outState, outParameters);
    }

    @Override
    public void jvp(double t, double[] yq, double[] p, double[] v, double[] q, double[] tangent) {
        System.arraycopy(yq, 0, y, 0, n);
        System.arraycopy(v, 0, w, 0, n);
        delegate.jvp(t, y, p, w, q, out);
        System.arraycopy(out, 0, tangent, 0, n);
        running.gradient(t, y, p, gradientState, gradientParameters);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += gradientState[i] * v[i];
        }
        if (q != null) {
            for (int j = 0; j < m; j++) {
                sum += gradientParameters[j] * q[j];
            }
        }
        tangent[n] = sum;
    }

    /** {@code (f_t, g_t)}: the model's time derivative and the running cost's. */
    @Override
    public void timeDerivative(double t, double[] yq, double[] p, double[] outTime) {
        System.arraycopy(yq, 0, y, 0, n);
        delegate.timeDerivative(t, y, p, out);
        System.arraycopy(out, 0, outTime, 0, n);
        outTime[n] = running.timeDerivative(t, y, p);
    }

    @Override
    public StateJacobian stateJacobian() {
        return StateJacobian.bordered(delegate.stateJacobian(), running);
    }

    /** The hull of f's support and g's. */
    @Override
    public int parameterSupportStart(double t) {
        return Math.min(delegate.parameterSupportStart(t), Math.max(0, running.parameterSupportStart(t)));
    }

    @Override
    public int parameterSupportEnd(double t) {
        return Math.max(delegate.parameterSupportEnd(t), Math.min(m, running.parameterSupportEnd(t)));
    }

    @Override
    public FieldParametricOde field() {
        FieldParametricOde inner = delegate.field();
        return inner == null ? null : field(inner, running);
    }

    /**
     * By forward over forward mode on the augmented system's field version: the running cost's
     * second derivatives have no other source, and the model's own product misses them.
     */
    @Override
    public void vjpTangent(double t, double[] yq, double[] p, double[] wq, double[] s, double[] q,
            double[] outState, double[] outParameters) {
        FieldParametricOde augmented = field();
        if (augmented == null) {
            throw new UnsupportedOperationException("the running cost's model " + delegate.getClass().getName()
                    + " has no field version, which second-order products of its quadrature need");
        }
        FieldDerivatives.vjpTangent(augmented, t, yq, p, wq, s, q, outState, outParameters);
    }

    /** Zeros where f's product was not written but the hull of the supports reaches. */
    private void clearOutsideModelSupport(double t, double[] outParameters) {
        int from = parameterSupportStart(t);
        int to = parameterSupportEnd(t);
        int modelFrom = delegate.parameterSupportStart(t);
        int modelTo = delegate.parameterSupportEnd(t);
        for (int j = from; j < modelFrom; j++) {
            outParameters[j] = 0.0;
        }
        for (int j = modelTo; j < to; j++) {
            outParameters[j] = 0.0;
        }
    }

    private void addRunningCost(double t, double[] p, double wq, double[] outState, double[] outParameters) {
        if (wq == 0.0) {
            return;
        }
        running.gradient(t, y, p, gradientState, gradientParameters);
        if (outState != null) {
            for (int i = 0; i < n; i++) {
                outState[i] += wq * gradientState[i];
            }
        }
        if (outParameters != null) {
            int from = Math.max(0, running.parameterSupportStart(t));
            int to = Math.min(m, running.parameterSupportEnd(t));
            for (int j = from; j < to; j++) {
                outParameters[j] += wq * gradientParameters[j];
            }
        }
    }
}
