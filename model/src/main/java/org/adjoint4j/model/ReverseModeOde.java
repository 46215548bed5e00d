package org.adjoint4j.model;

import org.adjoint4j.autodiff.Tape;
import org.adjoint4j.autodiff.TapeVariable;

/**
 * Automatic vector-Jacobian products of a {@link FieldParametricOde} by reverse mode: the
 * right-hand side runs once on a {@link Tape} with y and p as independent variables, the outputs
 * are seeded with w and one backward sweep gives both products,
 * <pre>
 *   (df/dy)^T w  and  (df/dp)^T w   for about the cost of two right-hand sides,
 * </pre>
 * whatever n and m. The tape and the arrays of variables are kept per thread and reused, so a
 * warm product allocates nothing. The default way to differentiate a model that gives no
 * derivatives.
 */
public final class ReverseModeOde implements ParametricOde {

    private final FieldParametricOde model;
    private final ThreadLocal<Workspace> workspace;

    /** @param model the right-hand side written over any field */
    public ReverseModeOde(FieldParametricOde model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        this.model = model;
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(model.stateDimension(), model.parameterDimension()));
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
        Workspace ws = workspace.get();
        vjp(t, y, p, w, out, ws.parameterScratch);
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        Workspace ws = workspace.get();
        vjp(t, y, p, w, ws.stateScratch, out);
    }

    @Override
    public void vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        Workspace ws = workspace.get();
        Tape tape = ws.tape;
        tape.reset();
        for (int i = 0; i < y.length; i++) {
            ws.y[i] = tape.variable(y[i]);
        }
        for (int j = 0; j < p.length; j++) {
            ws.p[j] = tape.variable(p[j]);
        }
        model.rhs(tape.constant(t), ws.y, ws.p, ws.f);
        tape.clearAdjoints();
        for (int k = 0; k < ws.f.length; k++) {
            tape.seed(ws.f[k], w[k]);
        }
        tape.sweep();
        for (int i = 0; i < y.length; i++) {
            outState[i] = tape.adjoint(ws.y[i]);
        }
        for (int j = 0; j < p.length; j++) {
            outParameters[j] = tape.adjoint(ws.p[j]);
        }
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

    /** Per-thread tape and variables. */
    private static final class Workspace {
        final Tape tape = new Tape();
        final TapeVariable[] y;
        final TapeVariable[] p;
        final TapeVariable[] f;
        final double[] stateScratch;
        final double[] parameterScratch;

        Workspace(int n, int m) {
            y = new TapeVariable[n];
            p = new TapeVariable[m];
            f = new TapeVariable[n];
            stateScratch = new double[n];
            parameterScratch = new double[m];
        }
    }
}
