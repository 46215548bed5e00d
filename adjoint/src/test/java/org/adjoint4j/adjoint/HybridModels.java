package org.adjoint4j.adjoint;

import java.util.List;
import java.util.Map;
import org.adjoint4j.model.Event;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.Jump;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.hipparchus.CalculusFieldElement;

/** The two hybrid reference problems, with their closed forms over any field. */
final class HybridModels {

    private HybridModels() {
    }

    /** z' = v, v' = -g; p = (g, gamma); when z falls through 0, v = -gamma v. */
    static final FieldParametricOde BALL = new FieldParametricOde() {
        @Override
        public int stateDimension() {
            return 2;
        }

        @Override
        public int parameterDimension() {
            return 2;
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            yDot[0] = y[1];
            yDot[1] = p[0].negate();
        }
    };

    static StateFunction component(int i) {
        return new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[i];
            }
        };
    }

    static final Event BOUNCE = Event.when("bounce", component(0), -1, Jump.setting(Map.of(1, new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return p[1].multiply(y[1]).negate();
        }
    })));

    /** The ball: z0 = 5, v0 = -0.1, g = 10, gamma = 0.8, T = 1.9, J = z(T). */
    static HybridProblem ball(ParametricOde model) {
        return new HybridProblem(new GradientProblem("ball", model, new double[] {10, 0.8}, new double[] {5, -0.1},
                0.0, 1.9, Objective.none().withTerminal(component(0))), List.of(BOUNCE));
    }

    /** z(T) in closed form (one bounce before T), over any field: y0 = (z0, v0), p = (g, gamma). */
    static <T extends CalculusFieldElement<T>> T ballClosedForm(T z0, T v0, T g, T gamma, double T) {
        T tau = v0.add(v0.square().add(g.multiply(z0).multiply(2)).sqrt()).divide(g);
        T after = v0.subtract(g.multiply(tau)).multiply(gamma).negate();
        T rest = tau.negate().add(T);
        return after.multiply(rest).subtract(g.multiply(rest.square()).multiply(0.5));
    }

    /** x' = -k x; p = (k, D, td); at td, x = x + D. */
    static final FieldParametricOde DOSED = new FieldParametricOde() {
        @Override
        public int stateDimension() {
            return 1;
        }

        @Override
        public int parameterDimension() {
            return 3;
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            yDot[0] = p[0].multiply(y[0]).negate();
        }
    };

    static final Event DOSE = Event.at("dose", new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return p[2];
        }
    }, Jump.setting(Map.of(0, new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            return y[0].add(p[1]);
        }
    })));

    /** k = 0.7, D = 2, td = 1.3, x0 = 1, T = 3, J = x(T). */
    static HybridProblem dosed(ParametricOde model) {
        return new HybridProblem(new GradientProblem("dosed", model, new double[] {0.7, 2.0, 1.3}, new double[] {1.0},
                0.0, 3.0, Objective.none().withTerminal(component(0))), List.of(DOSE));
    }

    /** x(T) = (x0 e^{-k td} + D) e^{-k (T - td)} over any field. */
    static <T extends CalculusFieldElement<T>> T dosedClosedForm(T x0, T k, T dose, T td, double T) {
        return x0.multiply(k.multiply(td).negate().exp()).add(dose).multiply(k.multiply(td.negate().add(T)).negate()
                .exp());
    }
}
