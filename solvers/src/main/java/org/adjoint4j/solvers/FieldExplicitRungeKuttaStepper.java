package org.adjoint4j.solvers;

import org.adjoint4j.model.FieldParametricOde;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The explicit Runge–Kutta step of {@link ExplicitRungeKuttaStepper} over any Hipparchus field,
 * with the same operations in the same order. On {@code Gradient}s it propagates forward-mode
 * derivatives through the very discrete scheme the adjoint differentiates: the oracle for
 * "discrete adjoint = derivative of the discrete map", and the forward-sensitivity baseline.
 * The grid (t_n, h_n) is data, not differentiated.
 *
 * @param <T> the field
 */
public final class FieldExplicitRungeKuttaStepper<T extends CalculusFieldElement<T>> {

    private final FieldParametricOde model;
    private final T[] parameters;
    private final ButcherTableau tableau;
    private final int stages;

    /**
     * @param tableau an explicit tableau
     * @param model the model written over any field
     * @param parameters p as field elements (not modified; referenced)
     */
    public FieldExplicitRungeKuttaStepper(ButcherTableau tableau, FieldParametricOde model, T[] parameters) {
        if (!tableau.isExplicit()) {
            throw new IllegalArgumentException("tableau " + tableau.name() + " is not explicit");
        }
        this.tableau = tableau;
        this.model = model;
        this.parameters = parameters;
        this.stages = tableau.stages();
    }

    /**
     * One step.
     *
     * @param t start time
     * @param h step size
     * @param y {@code y_n} (not modified)
     * @return {@code y_{n+1}}
     */
    public T[] step(double t, double h, T[] y) {
        int n = y.length;
        T zero = y[0].getField().getZero();
        T[][] k = MathArrays.buildArray(y[0].getField(), stages, n);
        model.rhs(zero.add(t), y, parameters, k[0]);
        T[] yStage = MathArrays.buildArray(y[0].getField(), n);
        for (int i = 1; i < stages; i++) {
            for (int j = 0; j < n; j++) {
                T sum = k[0][j].multiply(tableau.a(i, 0));
                for (int l = 1; l < i; l++) {
                    sum = sum.add(k[l][j].multiply(tableau.a(i, l)));
                }
                yStage[j] = y[j].add(sum.multiply(h));
            }
            model.rhs(zero.add(t + h * tableau.c(i)), yStage, parameters, k[i]);
        }
        T[] next = MathArrays.buildArray(y[0].getField(), n);
        for (int j = 0; j < n; j++) {
            T sum = k[0][j].multiply(tableau.b(0));
            for (int l = 1; l < stages; l++) {
                sum = sum.add(k[l][j].multiply(tableau.b(l)));
            }
            next[j] = y[j].add(sum.multiply(h));
        }
        return next;
    }
}
