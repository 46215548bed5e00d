package org.adjoint4j.model;

import org.hipparchus.CalculusFieldElement;

/**
 * The model with its running cost as one more state, {@code q' = g(t, y, p)}, so the quadrature
 * is advanced with the same stages as y and differentiated consistently:
 * <pre>
 *   f~(t, (y, q), p) = (f(t, y, p), g(t, y, p))
 *   (df~/d(y,q))^T (w, w_q) = (f_y^T w + w_q g_y, 0),   (df~/dp)^T (w, w_q) = f_p^T w + w_q g_p
 * </pre>
 * Holds work arrays: one instance per computation.
 */
public final class QuadratureOde implements ParametricOde {

    private final ParametricOde model;
    private final StateFunction running;
    private final int n;
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
        this.model = model;
        this.running = running;
        this.n = model.stateDimension();
        this.y = new double[n];
        this.f = new double[n];
        this.w = new double[n];
        this.out = new double[n];
        this.gradientState = new double[n];
        this.gradientParameters = new double[model.parameterDimension()];
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
                T[] f = java.util.Arrays.copyOf(yDot, n);
                model.rhs(t, state, p, f);
                System.arraycopy(f, 0, yDot, 0, n);
                yDot[n] = running.value(t, state, p);
            }
        };
    }

    /** @return the model without its quadrature */
    public ParametricOde model() {
        return model;
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
    public int parameterDimension() {
        return model.parameterDimension();
    }

    @Override
    public void rhs(double t, double[] yq, double[] p, double[] yDot) {
        System.arraycopy(yq, 0, y, 0, n);
        model.rhs(t, y, p, f);
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
        model.vjpParameters(t, y, p, w, outParameters);
        addRunningCost(t, p, wq[n], null, outParameters);
    }

    @Override
    public void vjp(double t, double[] yq, double[] p, double[] wq, double[] outState, double[] outParameters) {
        System.arraycopy(yq, 0, y, 0, n);
        System.arraycopy(wq, 0, w, 0, n);
        if (outParameters == null) {
            model.vjpState(t, y, p, w, out);
        } else {
            model.vjp(t, y, p, w, out, outParameters);
        }
        System.arraycopy(out, 0, outState, 0, n);
        outState[n] = 0.0;
        addRunningCost(t, p, wq[n], outState, outParameters);
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
            for (int j = 0; j < outParameters.length; j++) {
                outParameters[j] += wq * gradientParameters[j];
            }
        }
    }

    @Override
    public String stateName(int i) {
        return i == n ? "quadrature" : model.stateName(i);
    }

    @Override
    public String parameterName(int j) {
        return model.parameterName(j);
    }
}
