package org.adjoint4j.validation.problems;

import org.adjoint4j.model.FieldParametricOde;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * {@code x' = v, v' = -w^2 x}, w = 1.3, (x0, v0) = (1, 0.5), T = 4 (about 0.8 periods):
 * {@code x = x0 cos wt + (v0 / w) sin wt,  v = -x0 w sin wt + v0 cos wt}.
 */
public final class HarmonicOscillator extends AnalyticProblem {

    @Override
    public String name() {
        return "harmonic-oscillator";
    }

    @Override
    public FieldParametricOde model() {
        return new FieldParametricOde() {
            @Override
            public int stateDimension() {
                return 2;
            }

            @Override
            public int parameterDimension() {
                return 1;
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                yDot[0] = y[1];
                yDot[1] = p[0].multiply(p[0]).multiply(y[0]).negate();
            }

            @Override
            public String stateName(int i) {
                return i == 0 ? "x" : "v";
            }

            @Override
            public String parameterName(int j) {
                return "w";
            }
        };
    }

    @Override
    public double[] parameters() {
        return new double[] {1.3};
    }

    @Override
    public double[] initialState() {
        return new double[] {1.0, 0.5};
    }

    @Override
    public double finalTime() {
        return 4.0;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T[] solution(T t, T[] p, T[] y0) {
        T w = p[0];
        T cos = w.multiply(t).cos();
        T sin = w.multiply(t).sin();
        T[] y = MathArrays.buildArray(t.getField(), 2);
        y[0] = y0[0].multiply(cos).add(y0[1].divide(w).multiply(sin));
        y[1] = y0[0].multiply(w).multiply(sin).negate().add(y0[1].multiply(cos));
        return y;
    }
}
