package org.adjoint4j.validation.problems;

import org.adjoint4j.model.FieldParametricOde;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The logistic equation {@code y' = r y (1 - y / K)}, (r, K) = (1.5, 2), y0 = 0.1, T = 4 (through
 * the inflection): {@code y(t) = K y0 e^{rt} / (K + y0 (e^{rt} - 1))}.
 */
public final class Logistic extends AnalyticProblem {

    @Override
    public String name() {
        return "logistic";
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
                return 2;
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                yDot[0] = p[0].multiply(y[0]).multiply(y[0].divide(p[1]).negate().add(1.0));
            }

            @Override
            public String parameterName(int j) {
                return j == 0 ? "r" : "K";
            }
        };
    }

    @Override
    public double[] parameters() {
        return new double[] {1.5, 2.0};
    }

    @Override
    public double[] initialState() {
        return new double[] {0.1};
    }

    @Override
    public double finalTime() {
        return 4.0;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T[] solution(T t, T[] p, T[] y0) {
        T growth = p[0].multiply(t).exp();
        T[] y = MathArrays.buildArray(t.getField(), 1);
        y[0] = p[1].multiply(y0[0]).multiply(growth).divide(p[1].add(y0[0].multiply(growth.subtract(1.0))));
        return y;
    }
}
