package org.adjoint4j.model;

/**
 * The one base of every model wrapper (counting, quadrature, colored Jacobians, ...): it forwards
 * every method of {@link ParametricOde}, capabilities included, to the wrapped model, so a wrapper
 * overrides only what it changes and can never drop a capability by forgetting it. A test checks
 * by reflection that this class declares every method of the interface.
 */
public abstract class ForwardingOde implements ParametricOde {

    /** The wrapped model. */
    protected final ParametricOde delegate;

    /**
     * @param delegate the wrapped model
     * @throws IllegalArgumentException if it is null
     */
    protected ForwardingOde(ParametricOde delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("the wrapped model must not be null");
        }
        this.delegate = delegate;
    }

    /** @return the wrapped model */
    public ParametricOde delegate() {
        return delegate;
    }

    @Override
    public int stateDimension() {
        return delegate.stateDimension();
    }

    @Override
    public int parameterDimension() {
        return delegate.parameterDimension();
    }

    @Override
    public String stateName(int i) {
        return delegate.stateName(i);
    }

    @Override
    public String parameterName(int j) {
        return delegate.parameterName(j);
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        delegate.rhs(t, y, p, yDot);
    }

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        delegate.vjpState(t, y, p, w, out);
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        delegate.vjpParameters(t, y, p, w, out);
    }

    @Override
    public void vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        delegate.vjp(t, y, p, w, outState, outParameters);
    }

    @Override
    public void jvp(double t, double[] y, double[] p, double[] v, double[] q, double[] out) {
        delegate.jvp(t, y, p, v, q, out);
    }

    @Override
    public void timeDerivative(double t, double[] y, double[] p, double[] out) {
        delegate.timeDerivative(t, y, p, out);
    }

    @Override
    public void vjpTangent(double t, double[] y, double[] p, double[] w, double[] s, double[] q,
            double[] outState, double[] outParameters) {
        delegate.vjpTangent(t, y, p, w, s, q, outState, outParameters);
    }

    @Override
    public StateJacobian stateJacobian() {
        return delegate.stateJacobian();
    }

    @Override
    public int parameterSupportStart(double t) {
        return delegate.parameterSupportStart(t);
    }

    @Override
    public int parameterSupportEnd(double t) {
        return delegate.parameterSupportEnd(t);
    }

    @Override
    public FieldParametricOde field() {
        return delegate.field();
    }
}
