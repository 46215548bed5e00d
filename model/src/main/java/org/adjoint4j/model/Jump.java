package org.adjoint4j.model;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.adjoint4j.autodiff.Fields;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.Binary64;

/**
 * The jump of an event, {@code y+ = J(t, y-, p)}, written once over any Hipparchus field. Its
 * double value defaults to a {@link Binary64} evaluation and its vector-Jacobian product
 * <pre>
 *   (J_y^T w, J_p^T w, w . J_t)
 * </pre>
 * to forward mode on {@link Gradient}s with n + m + 1 directions: events are rare, so the
 * defaults allocate.
 */
public interface Jump {

    /**
     * @param t the event time
     * @param y the state just before the event, length n (not modified)
     * @param p parameters (not modified)
     * @param out receives the state just after it, length n (modified)
     * @param <T> the field
     */
    <T extends CalculusFieldElement<T>> void apply(T t, T[] y, T[] p, T[] out);

    /**
     * @param t the event time
     * @param y the state just before the event (not modified)
     * @param p parameters (not modified)
     * @param out receives {@code J(t, y, p)} (modified)
     */
    default void apply(double t, double[] y, double[] p, double[] out) {
        Binary64[] result = new Binary64[out.length];
        apply(new Binary64(t), Fields.binary64(y), Fields.binary64(p), result);
        for (int i = 0; i < out.length; i++) {
            out[i] = result[i].getReal();
        }
    }

    /**
     * The vector-Jacobian product of the jump.
     *
     * @param t the event time
     * @param y the state just before the event (not modified)
     * @param p parameters (not modified)
     * @param w the cotangent of {@code y+} (not modified)
     * @param outState receives {@code J_y^T w}, length n (modified)
     * @param outParameters receives {@code J_p^T w}, length m (modified)
     * @return {@code w . J_t}
     */
    default double vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        int n = y.length;
        int m = p.length;
        int free = n + m + 1;
        Gradient[] result = new Gradient[n];
        apply(Gradient.variable(free, n + m, t), Fields.variables(y, free, 0), Fields.variables(p, free, n), result);
        double[] sum = new double[free];
        for (int i = 0; i < n; i++) {
            if (w[i] != 0.0) {
                double[] g = result[i].getGradient();
                for (int k = 0; k < free; k++) {
                    sum[k] += w[i] * g[k];
                }
            }
        }
        System.arraycopy(sum, 0, outState, 0, n);
        System.arraycopy(sum, n, outParameters, 0, m);
        return sum[n + m];
    }

    /**
     * The jump that sets some states to functions of (t, y-, p) and keeps the others: what a model
     * file's {@code "set"} says. Every function is evaluated at the state before the event.
     *
     * @param sets the new value of each state it sets, by state index (copied)
     * @return the jump
     * @throws IllegalArgumentException if a state index is negative or a function is null
     */
    static Jump setting(Map<Integer, StateFunction> sets) {
        TreeMap<Integer, StateFunction> copy = new TreeMap<>();
        for (Map.Entry<Integer, StateFunction> e : sets.entrySet()) {
            if (e.getKey() == null || e.getKey() < 0 || e.getValue() == null) {
                throw new IllegalArgumentException("a jump sets state " + e.getKey() + " to " + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        return new Jump() {
            @Override
            public <T extends CalculusFieldElement<T>> void apply(T t, T[] y, T[] p, T[] out) {
                T[] before = y.clone();
                System.arraycopy(before, 0, out, 0, out.length);
                for (Map.Entry<Integer, StateFunction> e : copy.entrySet()) {
                    out[e.getKey()] = e.getValue().value(t, before, p);
                }
            }

            @Override
            public void apply(double t, double[] y, double[] p, double[] out) {
                double[] before = y.clone();
                System.arraycopy(before, 0, out, 0, out.length);
                for (Map.Entry<Integer, StateFunction> e : copy.entrySet()) {
                    out[e.getKey()] = e.getValue().value(t, before, p);
                }
            }

            /** Kept states pass w through; each set state adds its function's gradient times w_i. */
            @Override
            public double vjp(double t, double[] y, double[] p, double[] w, double[] outState,
                    double[] outParameters) {
                System.arraycopy(w, 0, outState, 0, outState.length);
                Arrays.fill(outParameters, 0.0);
                double[] gy = new double[y.length];
                double[] gp = new double[p.length];
                double time = 0.0;
                for (Map.Entry<Integer, StateFunction> e : copy.entrySet()) {
                    outState[e.getKey()] -= w[e.getKey()];
                }
                for (Map.Entry<Integer, StateFunction> e : copy.entrySet()) {
                    double wi = w[e.getKey()];
                    if (wi == 0.0) {
                        continue;
                    }
                    e.getValue().gradient(t, y, p, gy, gp);
                    for (int i = 0; i < gy.length; i++) {
                        outState[i] += wi * gy[i];
                    }
                    for (int j = 0; j < gp.length; j++) {
                        outParameters[j] += wi * gp[j];
                    }
                    time += wi * e.getValue().timeDerivative(t, y, p);
                }
                return time;
            }
        };
    }
}
