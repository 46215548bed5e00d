package org.adjoint4j.validation.problems;

import org.adjoint4j.model.FieldParametricOde;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * Lotka–Volterra linearized at its equilibrium {@code (c/d, a/b)}: for the deviations u,
 * <pre>
 *   u1' = -(b c / d) u2,   u2' = (a d / b) u1
 *   u1 = u1(0) cos wt - (b c / (d w)) u2(0) sin wt,   u2 = u2(0) cos wt + (a d / (b w)) u1(0) sin wt,
 *   w = sqrt(a c)
 * </pre>
 * with the reference parameters (a, b, c, d) = (1.5, 1, 3, 1), u(0) = (0.1, -0.05), T = 3.
 */
public final class LinearizedLotkaVolterra extends AnalyticProblem {

    @Override
    public String name() {
        return "lotka-volterra-linearized";
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
                return 4;
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                yDot[0] = p[1].multiply(p[2]).divide(p[3]).multiply(y[1]).negate();
                yDot[1] = p[0].multiply(p[3]).divide(p[1]).multiply(y[0]);
            }

            @Override
            public String stateName(int i) {
                return i == 0 ? "u1" : "u2";
            }

            @Override
            public String parameterName(int j) {
                return String.valueOf("abcd".charAt(j));
            }
        };
    }

    @Override
    public double[] parameters() {
        return new double[] {1.5, 1.0, 3.0, 1.0};
    }

    @Override
    public double[] initialState() {
        return new double[] {0.1, -0.05};
    }

    @Override
    public double finalTime() {
        return 3.0;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T[] solution(T t, T[] p, T[] y0) {
        T w = p[0].multiply(p[2]).sqrt();
        T cos = w.multiply(t).cos();
        T sin = w.multiply(t).sin();
        T[] y = MathArrays.buildArray(t.getField(), 2);
        y[0] = y0[0].multiply(cos).subtract(p[1].multiply(p[2]).divide(p[3].multiply(w)).multiply(y0[1]).multiply(sin));
        y[1] = y0[1].multiply(cos).add(p[0].multiply(p[3]).divide(p[1].multiply(w)).multiply(y0[0]).multiply(sin));
        return y;
    }
}
