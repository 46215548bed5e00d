package org.adjoint4j.validation.problems;

import org.adjoint4j.model.FieldParametricOde;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * {@code y' = -k y}, k = 0.7, y0 = 2, T = 2: {@code y(t) = y0 e^{-k t}}.
 */
public final class ExponentialDecay extends AnalyticProblem {

    @Override
    public String name() {
        return "exponential-decay";
    }

    @Override
    public FieldParametricOde model() {
        return new FieldParametricOde() {
            @Override
            public int stateDimension() {
                return 1;
            }

            @Override
            public int parameterDimension() {
                return 1;
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                yDot[0] = p[0].multiply(y[0]).negate();
            }

            @Override
            public String parameterName(int j) {
                return "k";
            }
        };
    }

    @Override
    public double[] parameters() {
        return new double[] {0.7};
    }

    @Override
    public double[] initialState() {
        return new double[] {2.0};
    }

    @Override
    public double finalTime() {
        return 2.0;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T[] solution(T t, T[] p, T[] y0) {
        T[] y = MathArrays.buildArray(t.getField(), 1);
        y[0] = y0[0].multiply(p[0].multiply(t).negate().exp());
        return y;
    }
}
