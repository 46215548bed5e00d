package org.adjoint4j.model;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the right-hand sides and vector-Jacobian products a computation asks of a model; a
 * combined {@link #vjp} counts once. Thread-safe counters.
 */
public final class CountingOde implements ParametricOde {

    private final ParametricOde model;
    private final LongAdder rhs = new LongAdder();
    private final LongAdder vjp = new LongAdder();

    /** @param model the model whose evaluations are counted */
    public CountingOde(ParametricOde model) {
        this.model = model;
    }

    /** @return right-hand side evaluations so far */
    public long rhsEvaluations() {
        return rhs.sum();
    }

    /** @return vector-Jacobian products so far (state and parameter products at one point count once) */
    public long vjpEvaluations() {
        return vjp.sum();
    }

    /** @return the counted model */
    public ParametricOde model() {
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
        rhs.increment();
        model.rhs(t, y, p, yDot);
    }

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        vjp.increment();
        model.vjpState(t, y, p, w, out);
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        vjp.increment();
        model.vjpParameters(t, y, p, w, out);
    }

    @Override
    public void vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        vjp.increment();
        model.vjp(t, y, p, w, outState, outParameters);
    }

    @Override
    public int parameterSupportStart(double t) {
        return model.parameterSupportStart(t);
    }

    @Override
    public int parameterSupportEnd(double t) {
        return model.parameterSupportEnd(t);
    }

    @Override
    public String stateName(int i) {
        return model.stateName(i);
    }

    @Override
    public String parameterName(int j) {
        return model.parameterName(j);
    }
}
