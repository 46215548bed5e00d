package org.adjoint4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/**
 * Each check passes on a correct gradient with the numbers it should show, and each catches a
 * deliberately wrong vector-Jacobian product (1% off in df/dc), naming the component p:c.
 */
class GradientChecksTest {

    /** Lotka–Volterra whose parameter product is wrong in one component, with a field version. */
    static final class WrongProduct extends HandWrittenOnly implements FieldParametricOde {

        WrongProduct(int wrong) {
            super(wrong);
        }

        /** @return this model, which is written over any field too */
        @Override
        public FieldParametricOde field() {
            return this;
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            model.rhs(t, y, p, yDot);
        }
    }

    private static DiscreteObjective objective(int wrong, GradientOptions options) {
        GradientProblem reference = LotkaVolterra.problem();
        GradientProblem problem = new GradientProblem("lv", new WrongProduct(wrong), reference.parameters(),
                reference.initialState(), 0.0, 5.0, reference.objective());
        return new DiscreteObjective(problem, options);
    }

    private static final GradientOptions RK4 = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4)
            .withSteps(200);

    @Test
    void aCorrectGradientPassesEveryCheck() {
        for (GradientOptions options : new GradientOptions[] {RK4, GradientOptions.defaults()
                .withTolerances(1e-8, 1e-10), GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK3)
                .withSteps(100)}) {
            DiscreteObjective f = objective(-1, options);
            TaylorCheck.Result taylor = TaylorCheck.random(f, 3);
            assertEquals(2.0, taylor.observedOrder(), 0.1, "Taylor order");
            assertTrue(taylor.passed());
            for (TaylorCheck.Result r : TaylorCheck.perComponent(f)) {
                assertTrue(r.passed(), r.direction() + " order " + r.observedOrder());
            }
            FiniteDifferenceCheck.Result fd = FiniteDifferenceCheck.run(f, 1e-6);
            assertTrue(fd.agreement().passed(), fd.agreement().summary());
            assertTrue(fd.agreement().worst().error() < 1e-7, fd.agreement().summary());
            AgreementReport forward = ForwardModeCheck.run(f, 1e-12);
            assertTrue(forward.passed(), forward.summary());
            DotProductCheck.Result dot = DotProductCheck.run(f, 5, 1e-10);
            assertTrue(dot.passed(), "dot product " + dot.relativeDifference() + "; " + dot.components().summary());
            assertTrue(dot.relativeDifference() < 1e-12, "dot product " + dot.relativeDifference());
        }
    }

    @Test
    void aWrongProductIsCaughtByEveryCheckWhichNamesTheComponent() {
        DiscreteObjective f = objective(2, RK4);
        List<String> failingTaylor = TaylorCheck.perComponent(f).stream().filter(r -> !r.passed())
                .map(TaylorCheck.Result::direction).toList();
        assertEquals(List.of("p:c"), failingTaylor);
        TaylorCheck.Result c = TaylorCheck.perComponent(f).get(2);
        assertEquals(1.0, c.observedOrder(), 0.3, "a wrong derivative leaves a first-order remainder");
        assertFalse(TaylorCheck.random(f, 3).passed(), "the random direction sees it too");

        AgreementReport fd = FiniteDifferenceCheck.run(f, 1e-6).agreement();
        assertEquals(List.of("p:c"), names(fd));
        assertEquals(0.01, fd.failures().get(0).error(), 0.005, "about the 1% planted");

        assertEquals(List.of("p:c"), names(ForwardModeCheck.run(f, 1e-10)));

        DotProductCheck.Result dot = DotProductCheck.run(f, 5, 1e-10);
        assertFalse(dot.passed());
        assertEquals(List.of("p:c"), names(dot.components()));
        assertTrue(dot.components().summary().contains("1 of 6 components fail: p:c"), dot.components().summary());
    }

    /** Lotka–Volterra with hand-written products and no field version, optionally wrong in one. */
    static class HandWrittenOnly implements ParametricOde {
        final LotkaVolterra model = new LotkaVolterra();
        private final int wrong;

        HandWrittenOnly(int wrong) {
            this.wrong = wrong;
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
        public String parameterName(int j) {
            return model.parameterName(j);
        }

        @Override
        public String stateName(int i) {
            return model.stateName(i);
        }

        @Override
        public void rhs(double t, double[] y, double[] p, double[] yDot) {
            model.rhs(t, y, p, yDot);
        }

        @Override
        public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
            model.vjpState(t, y, p, w, out);
        }

        @Override
        public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
            model.vjpParameters(t, y, p, w, out);
            if (wrong >= 0) {
                out[wrong] *= 1.01;
            }
        }
    }

    /**
     * A model with hand-written products only: forward mode and the dot-product test take their
     * tangents from central differences of the right-hand side, never from the products checked.
     */
    @Test
    void checksRunOnAModelWithHandWrittenProductsOnly() {
        GradientProblem reference = LotkaVolterra.problem();
        for (int wrong : new int[] {-1, 2}) {
            GradientProblem problem = new GradientProblem("lv", new HandWrittenOnly(wrong), reference.parameters(),
                    reference.initialState(), 0.0, 5.0, reference.objective());
            DiscreteObjective f = new DiscreteObjective(problem, RK4);
            AgreementReport forward = ForwardModeCheck.run(f, 1e-7);
            DotProductCheck.Result dot = DotProductCheck.run(f, 5, 1e-7);
            if (wrong < 0) {
                assertTrue(forward.passed(), forward.summary());
                assertTrue(forward.worst().error() < 1e-8, forward.summary());
                assertTrue(dot.passed(), dot.components().summary());
                assertTrue(dot.relativeDifference() < 1e-8, "dot product " + dot.relativeDifference());
            } else {
                assertEquals(List.of("p:c"), names(forward));
                assertEquals(List.of("p:c"), names(dot.components()));
            }
        }
    }

    private static List<String> names(AgreementReport report) {
        return report.failures().stream().map(ComponentAgreement::name).toList();
    }

    @Test
    void aZeroDirectionHasRoundingLevelRemainders() {
        GradientProblem reference = LotkaVolterra.problem();
        DiscreteObjective f = new DiscreteObjective(new GradientProblem("lv", reference.model(),
                reference.parameters(), reference.initialState(), 0.0, 1.0, reference.objective()), RK4);
        double[] v = new double[f.dimension()];
        TaylorCheck.Result none = TaylorCheck.along(f, v, "zero", f.gradient(f.point()));
        assertTrue(Double.isNaN(none.observedOrder()), "no direction, nothing to fit");
        assertTrue(none.passed());
    }
}
