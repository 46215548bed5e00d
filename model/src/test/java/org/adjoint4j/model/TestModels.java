package org.adjoint4j.model;

import org.hipparchus.CalculusFieldElement;

/** Small models for the solver tests (the reference problems live in the adjoint module). */
public final class TestModels {

    private TestModels() {
    }

    /** Lotka–Volterra with hand-written products and a field version. */
    public static final class PredatorPrey implements ParametricOde, FieldParametricOde {

        /** @return this model, which is written over any field too */
        @Override
        public FieldParametricOde field() {
            return this;
        }

        @Override
        public int stateDimension() {
            return 2;
        }

        @Override
        public int parameterDimension() {
            return 4;
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            yDot[0] = p[0] * y[0] - p[1] * y[0] * y[1];
            yDot[1] = -p[2] * y[1] + p[3] * y[0] * y[1];
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            yDot[0] = p[0].multiply(y[0]).subtract(p[1].multiply(y[0]).multiply(y[1]));
            yDot[1] = p[2].multiply(y[1]).negate().add(p[3].multiply(y[0]).multiply(y[1]));
        }

        @Override
        public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
            out[0] = (p[0] - p[1] * y[1]) * w[0] + p[3] * y[1] * w[1];
            out[1] = -p[1] * y[0] * w[0] + (-p[2] + p[3] * y[0]) * w[1];
        }

        @Override
        public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
            out[0] = y[0] * w[0];
            out[1] = -y[0] * y[1] * w[0];
            out[2] = -y[1] * w[1];
            out[3] = y[0] * y[1] * w[1];
        }
    }

    /** A time-dependent scalar model, y' = p0 sin(t) y + p1, to exercise stage times. */
    public static final class Forced implements ParametricOde, FieldParametricOde {

        /** @return this model, which is written over any field too */
        @Override
        public FieldParametricOde field() {
            return this;
        }

        @Override
        public int stateDimension() {
            return 1;
        }

        @Override
        public int parameterDimension() {
            return 2;
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            yDot[0] = p[0] * Math.sin(t) * y[0] + p[1];
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            yDot[0] = p[0].multiply(t.sin()).multiply(y[0]).add(p[1]);
        }

        @Override
        public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
            out[0] = p[0] * Math.sin(t) * w[0];
        }

        @Override
        public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
            out[0] = Math.sin(t) * y[0] * w[0];
            out[1] = w[0];
        }
    }
}
