package org.adjoint4j.validation.problems;

import org.adjoint4j.model.FieldParametricOde;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * A damped rotation with coupling, {@code y' = A(p) y},
 * <pre>
 *   A(p) = [[-p0,  p1,   0      ],
 *           [-p1, -p0,   p2     ],
 *           [ 0,  -p2,  -p0 - 1/2]],   p = (0.3, 1.2, 0.7),  y0 = (1, 0.5, -0.2),  T = 3
 * </pre>
 * solved by the matrix exponential {@code y(t) = e^{A t} y0} ({@link FieldMatrixExponential}).
 */
public final class LinearSystem extends AnalyticProblem {

    @Override
    public String name() {
        return "linear-system";
    }

    @Override
    public FieldParametricOde model() {
        return new FieldParametricOde() {
            @Override
            public int stateDimension() {
                return 3;
            }

            @Override
            public int parameterDimension() {
                return 3;
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                T[][] a = matrix(p);
                for (int i = 0; i < 3; i++) {
                    T sum = y[0].getField().getZero();
                    for (int j = 0; j < 3; j++) {
                        sum = sum.add(a[i][j].multiply(y[j]));
                    }
                    yDot[i] = sum;
                }
            }
        };
    }

    static <T extends CalculusFieldElement<T>> T[][] matrix(T[] p) {
        T zero = p[0].getField().getZero();
        T[][] a = MathArrays.buildArray(zero.getField(), 3, 3);
        a[0][0] = p[0].negate();
        a[0][1] = p[1];
        a[0][2] = zero;
        a[1][0] = p[1].negate();
        a[1][1] = p[0].negate();
        a[1][2] = p[2];
        a[2][0] = zero;
        a[2][1] = p[2].negate();
        a[2][2] = p[0].negate().subtract(0.5);
        return a;
    }

    @Override
    public double[] parameters() {
        return new double[] {0.3, 1.2, 0.7};
    }

    @Override
    public double[] initialState() {
        return new double[] {1.0, 0.5, -0.2};
    }

    @Override
    public double finalTime() {
        return 3.0;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T[] solution(T t, T[] p, T[] y0) {
        T[][] at = matrix(p);
        for (T[] row : at) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j].multiply(t);
            }
        }
        T[][] e = FieldMatrixExponential.exp(at);
        T[] y = MathArrays.buildArray(t.getField(), 3);
        for (int i = 0; i < 3; i++) {
            T sum = t.getField().getZero();
            for (int j = 0; j < 3; j++) {
                sum = sum.add(e[i][j].multiply(y0[j]));
            }
            y[i] = sum;
        }
        return y;
    }
}
