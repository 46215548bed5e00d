package org.adjoint4j.validation;

import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ForwardingOde;
import org.adjoint4j.model.ParametricOde;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * A model whose tangents come from somewhere other than its vector-Jacobian products, so that a
 * check comparing tangents with the adjoint can catch a wrong product: forward mode on the field
 * version where the model has one (exact), otherwise central differences of the right-hand side,
 * <pre>
 *   f_y v + f_p q ~ (f(y + e v, p + e q) - f(y - e v, p - e q)) / (2 e),
 *   e = eps^(1/3) (1 + max(|y|_inf, |p|_inf)) / max(|v|_inf, |q|_inf)
 * </pre>
 * (truncation O(e^2), rounding O(eps / e): about 1e-10 relative for smooth models). Everything else
 * is forwarded. Not thread-safe (work arrays).
 */
public final class IndependentTangentOde extends ForwardingOde {

    private final FieldParametricOde field;
    private final double[] yPlus;
    private final double[] yMinus;
    private final double[] fPlus;
    private final double[] fMinus;

    /** @param model the model whose products are checked */
    public IndependentTangentOde(ParametricOde model) {
        super(model);
        this.field = model.field();
        int n = model.stateDimension();
        this.yPlus = new double[n];
        this.yMinus = new double[n];
        this.fPlus = new double[n];
        this.fMinus = new double[n];
    }

    /** @return whether the tangents are exact (forward mode) rather than central differences */
    public boolean exact() {
        return field != null;
    }

    @Override
    public void jvp(double t, double[] y, double[] p, double[] v, double[] q, double[] out) {
        if (field != null) {
            Gradient[] yy = new Gradient[y.length];
            for (int i = 0; i < y.length; i++) {
                yy[i] = new Gradient(y[i], v[i]);
            }
            Gradient[] pp = Fields.constants(p, 1);
            if (q != null) {
                for (int j = 0; j < p.length; j++) {
                    pp[j] = new Gradient(p[j], q[j]);
                }
            }
            Gradient[] f = new Gradient[y.length];
            field.rhs(Gradient.constant(1, t), yy, pp, f);
            for (int i = 0; i < out.length; i++) {
                out[i] = f[i].getPartialDerivative(0);
            }
            return;
        }
        double scale = 1.0;
        double direction = 0.0;
        for (int i = 0; i < y.length; i++) {
            scale = Math.max(scale, 1.0 + Math.abs(y[i]));
            direction = Math.max(direction, Math.abs(v[i]));
        }
        double[] pPlus = p.clone();
        double[] pMinus = p.clone();
        if (q != null) {
            for (int j = 0; j < p.length; j++) {
                scale = Math.max(scale, 1.0 + Math.abs(p[j]));
                direction = Math.max(direction, Math.abs(q[j]));
            }
        }
        if (direction == 0.0) {
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        double e = Math.cbrt(Math.ulp(1.0)) * scale / direction;
        for (int i = 0; i < y.length; i++) {
            yPlus[i] = y[i] + e * v[i];
            yMinus[i] = y[i] - e * v[i];
        }
        if (q != null) {
            for (int j = 0; j < p.length; j++) {
                pPlus[j] = p[j] + e * q[j];
                pMinus[j] = p[j] - e * q[j];
            }
        }
        delegate.rhs(t, yPlus, pPlus, fPlus);
        delegate.rhs(t, yMinus, pMinus, fMinus);
        for (int i = 0; i < out.length; i++) {
            out[i] = (fPlus[i] - fMinus[i]) / (2 * e);
        }
    }
}
