package org.adjoint4j.adjoint;

import java.util.Arrays;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.model.StateJacobian;
import org.ejml.data.DMatrixSparseCSC;
import org.hipparchus.CalculusFieldElement;

/**
 * A model on an affine clock whose origin and rate are parameters: with {@code t = alpha + beta s},
 * <pre>
 *   dy/ds = g(s, y, (p, alpha, beta)) = beta f(alpha + beta s, y, p)
 *   g_y = beta f_y,   g_p = beta f_p,   g_alpha = beta f_t,   g_beta = f + beta s f_t
 * </pre>
 * This is how a hybrid run's steps depend on moving times. A segment that starts at an event time
 * {@code a(p)} runs on {@code t = a + s} ({@code beta = 1}, s the time since a, the steps' sizes
 * fixed), and the step cut at the next event {@code b(p)} runs once from {@code s = 0} to 1 on
 * {@code t = t_n + (b - t_n) s}. The discrete adjoint of any method then returns the derivatives
 * with respect to {@code alpha} and {@code beta} as two more parameters, under any schedule. A
 * Runge–Kutta step of size 1 on this clock is the method's step of size beta from alpha in the
 * model's own time, up to round-off; with {@code beta = 1} it is bit for bit the step from
 * {@code alpha + s}.
 *
 * <p>It changes the parameter vector, so it does not extend {@link org.adjoint4j.model.ForwardingOde}
 * (whose forwarding would hand the model a vector of the wrong length); it overrides every method
 * of {@link ParametricOde} instead, which a test checks. {@code alpha} and {@code beta} are
 * differentiated only where asked, because {@code f_t} costs a forward-mode evaluation of the
 * model. The work arrays are the instance's: one per thread.
 */
public final class AffineTimeOde implements ParametricOde {

    private final ParametricOde model;
    private final int n;
    private final int m;
    private final boolean originFree;
    private final boolean rateFree;
    private final double[] p;
    private final double[] f;
    private final double[] ft;
    private final double[] work;
    private final double[] q;

    /**
     * @param model the model in its own time, {@code f(t, y, p)}
     * @param originFree whether {@code dJ/dalpha} is wanted (else its products write 0)
     * @param rateFree whether {@code dJ/dbeta} is wanted (else its products write 0)
     */
    public AffineTimeOde(ParametricOde model, boolean originFree, boolean rateFree) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        this.model = model;
        this.n = model.stateDimension();
        this.m = model.parameterDimension();
        this.originFree = originFree;
        this.rateFree = rateFree;
        this.p = new double[m];
        this.f = new double[n];
        this.ft = new double[n];
        this.work = new double[n];
        this.q = new double[m];
    }

    /**
     * @param parameters p (not modified)
     * @param alpha the clock's origin
     * @param beta its rate
     * @return {@code (p, alpha, beta)}, this model's parameter vector
     */
    public static double[] parameters(double[] parameters, double alpha, double beta) {
        double[] all = Arrays.copyOf(parameters, parameters.length + 2);
        all[parameters.length] = alpha;
        all[parameters.length + 1] = beta;
        return all;
    }

    private double time(double s, double[] all) {
        double beta = all[m + 1];
        return beta == 1.0 ? all[m] + s : all[m] + beta * s;
    }

    private void slice(double[] all) {
        System.arraycopy(all, 0, p, 0, m);
    }

    private static void scale(double beta, double[] x, int length) {
        if (beta != 1.0) {
            for (int i = 0; i < length; i++) {
                x[i] *= beta;
            }
        }
    }

    @Override
    public int stateDimension() {
        return n;
    }

    @Override
    public int parameterDimension() {
        return m + 2;
    }

    @Override
    public String stateName(int i) {
        return model.stateName(i);
    }

    @Override
    public String parameterName(int j) {
        return j < m ? model.parameterName(j) : j == m ? "clock origin" : "clock rate";
    }

    @Override
    public void rhs(double s, double[] y, double[] all, double[] yDot) {
        slice(all);
        model.rhs(time(s, all), y, p, yDot);
        scale(all[m + 1], yDot, n);
    }

    @Override
    public void vjpState(double s, double[] y, double[] all, double[] w, double[] out) {
        slice(all);
        model.vjpState(time(s, all), y, p, w, out);
        scale(all[m + 1], out, n);
    }

    @Override
    public void vjpParameters(double s, double[] y, double[] all, double[] w, double[] out) {
        slice(all);
        double t = time(s, all);
        model.vjpParameters(t, y, p, w, out);
        finishParameters(s, t, y, all, w, out);
    }

    @Override
    public void vjp(double s, double[] y, double[] all, double[] w, double[] outState, double[] outParameters) {
        slice(all);
        double t = time(s, all);
        model.vjp(t, y, p, w, outState, outParameters);
        scale(all[m + 1], outState, n);
        finishParameters(s, t, y, all, w, outParameters);
    }

    /** Scales the model's support by beta, zeros the rest of p, and adds the clock's two entries. */
    private void finishParameters(double s, double t, double[] y, double[] all, double[] w, double[] out) {
        double beta = all[m + 1];
        int from = model.parameterSupportStart(t);
        int to = model.parameterSupportEnd(t);
        if (beta != 1.0) {
            for (int j = from; j < to; j++) {
                out[j] *= beta;
            }
        }
        for (int j = to; j < m; j++) {
            out[j] = 0.0;
        }
        double wft = 0.0;
        if (originFree || rateFree) {
            model.timeDerivative(t, y, p, ft);
            for (int i = 0; i < n; i++) {
                wft += w[i] * ft[i];
            }
        }
        out[m] = originFree ? beta * wft : 0.0;
        double wf = 0.0;
        if (rateFree) {
            model.rhs(t, y, p, f);
            for (int i = 0; i < n; i++) {
                wf += w[i] * f[i];
            }
        }
        out[m + 1] = rateFree ? wf + beta * s * wft : 0.0;
    }

    @Override
    public void jvp(double s, double[] y, double[] all, double[] v, double[] direction, double[] out) {
        slice(all);
        double t = time(s, all);
        double beta = all[m + 1];
        if (direction != null) {
            System.arraycopy(direction, 0, q, 0, m);
        }
        model.jvp(t, y, p, v, direction == null ? null : q, out);
        scale(beta, out, n);
        double dAlpha = direction == null || !originFree ? 0.0 : direction[m];
        double dBeta = direction == null || !rateFree ? 0.0 : direction[m + 1];
        if (dAlpha != 0.0 || dBeta != 0.0) {
            model.timeDerivative(t, y, p, ft);
            model.rhs(t, y, p, f);
            for (int i = 0; i < n; i++) {
                out[i] += dAlpha * beta * ft[i] + dBeta * (f[i] + beta * s * ft[i]);
            }
        }
    }

    /** {@code d/ds g = beta^2 f_t}. */
    @Override
    public void timeDerivative(double s, double[] y, double[] all, double[] out) {
        slice(all);
        model.timeDerivative(time(s, all), y, p, out);
        double beta = all[m + 1];
        scale(beta * beta, out, n);
    }

    /**
     * By forward over forward mode on the field version (the interface's default): no product
     * through events runs on second order yet.
     */
    @Override
    public void vjpTangent(double s, double[] y, double[] all, double[] w, double[] direction, double[] q,
            double[] outState, double[] outParameters) {
        ParametricOde.super.vjpTangent(s, y, all, w, direction, q, outState, outParameters);
    }

    /** The model's Jacobian at {@code alpha + beta s}, times beta, in the model's own structure. */
    @Override
    public StateJacobian stateJacobian() {
        return affine(model.stateJacobian());
    }

    private StateJacobian affine(StateJacobian inner) {
        return inner.accept(new StateJacobian.Structure<StateJacobian>() {
            @Override
            public StateJacobian dense(int dimension, StateJacobian.DenseFill fill) {
                double[] local = new double[m];
                return StateJacobian.dense(dimension, (s, y, all, j) -> {
                    System.arraycopy(all, 0, local, 0, m);
                    fill.fill(time(s, all), y, local, j);
                    double beta = all[m + 1];
                    if (beta != 1.0) {
                        int size = j.getNumElements();
                        for (int k = 0; k < size; k++) {
                            j.data[k] *= beta;
                        }
                    }
                });
            }

            @Override
            public StateJacobian sparse(DMatrixSparseCSC pattern, StateJacobian.SparseFill fill) {
                double[] local = new double[m];
                return StateJacobian.sparse(pattern, (s, y, all, j) -> {
                    System.arraycopy(all, 0, local, 0, m);
                    fill.fill(time(s, all), y, local, j);
                    double beta = all[m + 1];
                    if (beta != 1.0) {
                        for (int k = 0; k < j.nz_length; k++) {
                            j.nz_values[k] *= beta;
                        }
                    }
                });
            }

            @Override
            public StateJacobian bordered(StateJacobian jacobian, StateFunction running) {
                return StateJacobian.bordered(affine(jacobian), new AffineFunction(running, m));
            }
        });
    }

    /** Every parameter the model reads at some t, and the clock's two. */
    @Override
    public int parameterSupportStart(double s) {
        return 0;
    }

    @Override
    public int parameterSupportEnd(double s) {
        return m + 2;
    }

    @Override
    public FieldParametricOde field() {
        FieldParametricOde inner = model.field();
        if (inner == null) {
            return null;
        }
        return new FieldParametricOde() {
            @Override
            public int stateDimension() {
                return n;
            }

            @Override
            public int parameterDimension() {
                return m + 2;
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T s, T[] y, T[] all, T[] yDot) {
                T beta = all[m + 1];
                inner.rhs(all[m].add(beta.multiply(s)), y, Arrays.copyOf(all, m), yDot);
                for (int i = 0; i < n; i++) {
                    yDot[i] = yDot[i].multiply(beta);
                }
            }
        };
    }

    /** A running cost on the same clock, {@code beta g(alpha + beta s, y, p)}: the border row. */
    private static final class AffineFunction implements StateFunction {
        private final StateFunction running;
        private final int m;

        AffineFunction(StateFunction running, int m) {
            this.running = running;
            this.m = m;
        }

        @Override
        public <T extends CalculusFieldElement<T>> T value(T s, T[] y, T[] all) {
            T beta = all[m + 1];
            return running.value(all[m].add(beta.multiply(s)), y, Arrays.copyOf(all, m)).multiply(beta);
        }

        @Override
        public double value(double s, double[] y, double[] all) {
            double beta = all[m + 1];
            return beta * running.value(all[m] + beta * s, y, Arrays.copyOf(all, m));
        }

        @Override
        public void gradient(double s, double[] y, double[] all, double[] gradientState, double[] gradientParameters) {
            double beta = all[m + 1];
            double t = beta == 1.0 ? all[m] + s : all[m] + beta * s;
            double[] p = Arrays.copyOf(all, m);
            double[] gp = new double[m];
            running.gradient(t, y, p, gradientState, gp);
            for (int i = 0; i < gradientState.length; i++) {
                gradientState[i] *= beta;
            }
            for (int j = 0; j < m; j++) {
                gradientParameters[j] = beta * gp[j];
            }
            double gt = running.timeDerivative(t, y, p);
            gradientParameters[m] = beta * gt;
            gradientParameters[m + 1] = running.value(t, y, p) + beta * s * gt;
        }
    }
}
