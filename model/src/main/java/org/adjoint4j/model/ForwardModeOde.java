package org.adjoint4j.model;

import org.adjoint4j.autodiff.Fields;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Automatic vector-Jacobian products of a {@link FieldParametricOde} by forward mode: the
 * right-hand side is evaluated once on Hipparchus {@link Gradient}s seeded with the free
 * variables, which yields the Jacobian columns, then contracted with w:
 * <pre>
 *   (df/dy)^T w: n free variables;  (df/dp)^T w: m;  both at once: n + m
 * </pre>
 * Each product therefore costs about {@code (number of free variables)} right-hand sides: right
 * for small systems, a reason to use hand-written products or the reverse-mode tape for large ones.
 */
public final class ForwardModeOde implements ParametricOde {

    private final FieldParametricOde model;

    /** @param model the right-hand side written over any field */
    public ForwardModeOde(FieldParametricOde model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        this.model = model;
    }

    /** @return the differentiated model */
    public FieldParametricOde model() {
        return model;
    }

    @Override
    public int stateDimension() {
        return model.stateDimension();
    }

    @Override
    public int parameterDimension() {
        return model.parameterDimension();
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        model.rhs(t, y, p, yDot);
    }

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        int n = y.length;
        Gradient[] f = evaluate(t, Fields.variables(y, n, 0), Fields.constants(p, n));
        contract(f, w, 0, out);
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        int m = p.length;
        Gradient[] f = evaluate(t, Fields.constants(y, m), Fields.variables(p, m, 0));
        contract(f, w, 0, out);
    }

    @Override
    public void vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        int free = y.length + p.length;
        Gradient[] f = evaluate(t, Fields.variables(y, free, 0), Fields.variables(p, free, y.length));
        contract(f, w, 0, outState);
        contract(f, w, y.length, outParameters);
    }

    private Gradient[] evaluate(double t, Gradient[] y, Gradient[] p) {
        Gradient[] f = new Gradient[y.length];
        model.rhs(Gradient.constant(y.length == 0 ? 0 : y[0].getFreeParameters(), t), y, p, f);
        return f;
    }

    /** @return the field version, which also gives the default tangents and dense Jacobian */
    @Override
    public FieldParametricOde field() {
        return model;
    }

    @Override
    public String stateName(int i) {
        return model.stateName(i);
    }

    @Override
    public String parameterName(int j) {
        return model.parameterName(j);
    }

    /** out[i] = sum_k w_k df_k / dx_{offset + i}. */
    private static void contract(Gradient[] f, double[] w, int offset, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int k = 0; k < f.length; k++) {
            if (w[k] == 0.0) {
                continue;
            }
            double[] g = f[k].getGradient();
            for (int i = 0; i < out.length; i++) {
                out[i] += w[k] * g[offset + i];
            }
        }
    }
}
