package org.adjoint4j.adjoint;

import org.adjoint4j.solvers.ButcherTableau;
import org.adjoint4j.solvers.FieldExplicitRungeKuttaStepper;
import org.adjoint4j.solvers.FieldParametricOde;
import org.adjoint4j.solvers.Fields;
import org.adjoint4j.solvers.StateFunction;
import org.adjoint4j.solvers.StepGrid;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Forward-mode derivatives of the same discrete scheme the adjoint differentiates (explicit, or
 * diagonally implicit through {@link GradientImplicitStep}): the whole run
 * on Hipparchus {@link Gradient}s seeded with (p, y0), on the same grid, with the running cost as a
 * quadrature state and the same terminal and observation terms. Independent of the adjoint code.
 */
final class ForwardModeOracle {

    /**
     * @param value J
     * @param parameterGradient dJ/dp
     * @param initialStateGradient dJ/dy0
     */
    record Derivatives(double value, double[] parameterGradient, double[] initialStateGradient) {
    }

    private ForwardModeOracle() {
    }

    static Derivatives differentiate(GradientProblem problem, FieldParametricOde model, ButcherTableau tableau,
            StepGrid grid) {
        int n = model.stateDimension();
        int m = model.parameterDimension();
        int free = m + n;
        Objective objective = problem.objective();
        Gradient[] p = Fields.variables(problem.parameters(), free, 0);
        Gradient[] y0 = Fields.variables(problem.initialState(), free, m);
        FieldParametricOde augmented = objective.running() == null ? model : withQuadrature(model, objective.running());
        int dim = augmented.stateDimension();
        Gradient[] y = Fields.zeros(y0[0], dim);
        System.arraycopy(y0, 0, y, 0, n);
        GradientStep stepper = tableau.isExplicit()
                ? new FieldExplicitRungeKuttaStepper<>(tableau, augmented, p)::step
                : new GradientImplicitStep(tableau, augmented, p)::step;
        Gradient j = Gradient.constant(free, 0.0);
        for (int k = 0; k <= grid.steps(); k++) {
            j = j.add(observations(objective, grid.time(k), y, p, n));
            if (k < grid.steps()) {
                y = stepper.step(grid.time(k), grid.stepSize(k), y);
            }
        }
        Gradient[] state = java.util.Arrays.copyOf(y, n);
        if (objective.terminal() != null) {
            j = j.add(objective.terminal().value(Gradient.constant(free, grid.finalTime()), state, p));
        }
        if (objective.running() != null) {
            j = j.add(y[n]);
        }
        double[] g = j.getGradient();
        return new Derivatives(j.getValue(), java.util.Arrays.copyOf(g, m), java.util.Arrays.copyOfRange(g, m, m + n));
    }

    /** A step of the discrete scheme on Gradients. */
    private interface GradientStep {
        Gradient[] step(double t, double h, Gradient[] y);
    }

    private static Gradient observations(Objective objective, double t, Gradient[] y, Gradient[] p, int n) {
        Gradient sum = Gradient.constant(p[0].getFreeParameters(), 0.0);
        for (Objective.Observation o : objective.observations()) {
            if (o.time() == t) {
                sum = sum.add(o.cost().value(Gradient.constant(p[0].getFreeParameters(), t),
                        java.util.Arrays.copyOf(y, n), p));
            }
        }
        return sum;
    }

    private static FieldParametricOde withQuadrature(FieldParametricOde model, StateFunction g) {
        int n = model.stateDimension();
        return new FieldParametricOde() {
            @Override
            public int stateDimension() {
                return n + 1;
            }

            @Override
            public int parameterDimension() {
                return model.parameterDimension();
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                T[] state = java.util.Arrays.copyOf(y, n);
                T[] f = java.util.Arrays.copyOf(yDot, n);
                model.rhs(t, state, p, f);
                System.arraycopy(f, 0, yDot, 0, n);
                yDot[n] = g.value(t, state, p);
            }
        };
    }
}
