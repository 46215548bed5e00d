package org.adjoint4j.model;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the right-hand sides, vector-Jacobian products and tangents a computation asks of a model;
 * a combined {@link #vjp} counts once. Every other capability is forwarded unchanged. Thread-safe
 * counters.
 */
public final class CountingOde extends ForwardingOde {

    private final LongAdder rhs = new LongAdder();
    private final LongAdder vjp = new LongAdder();
    private final LongAdder jvp = new LongAdder();

    /** @param model the model whose evaluations are counted */
    public CountingOde(ParametricOde model) {
        super(model);
    }

    /** @return right-hand side evaluations so far */
    public long rhsEvaluations() {
        return rhs.sum();
    }

    /** @return vector-Jacobian products so far (state and parameter products at one point count once) */
    public long vjpEvaluations() {
        return vjp.sum();
    }

    /** @return tangents (Jacobian-vector products) so far */
    public long jvpEvaluations() {
        return jvp.sum();
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        rhs.increment();
        delegate.rhs(t, y, p, yDot);
    }

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        vjp.increment();
        delegate.vjpState(t, y, p, w, out);
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        vjp.increment();
        delegate.vjpParameters(t, y, p, w, out);
    }

    @Override
    public void vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        vjp.increment();
        delegate.vjp(t, y, p, w, outState, outParameters);
    }

    @Override
    public void jvp(double t, double[] y, double[] p, double[] v, double[] q, double[] out) {
        jvp.increment();
        delegate.jvp(t, y, p, v, q, out);
    }
}
