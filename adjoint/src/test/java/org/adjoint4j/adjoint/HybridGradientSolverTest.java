package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.Event;
import org.adjoint4j.model.Jump;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * The hybrid adjoint against the closed forms of the bouncing ball and dosed compartment,
 * against forward mode of the same discrete scheme (event location included) for every method,
 * and across the first wave's 14 schedules.
 */
class HybridGradientSolverTest {

    private static final ParametricOde BALL = ParametricOde.automatic(HybridModels.BALL);
    private static final ParametricOde DOSED = ParametricOde.automatic(HybridModels.DOSED);

    /** {J, dJ/dg, dJ/dgamma, dJ/dz0, dJ/dv0} of the ball's closed form. */
    private static double[] ballExact() {
        Gradient z = HybridModels.ballClosedForm(Gradient.variable(4, 2, 5), Gradient.variable(4, 3, -0.1),
                Gradient.variable(4, 0, 10), Gradient.variable(4, 1, 0.8), 1.9);
        double[] g = z.getGradient();
        return new double[] {z.getValue(), g[0], g[1], g[2], g[3]};
    }

    /** {J, dJ/dk, dJ/dD, dJ/dtd, dJ/dx0} of the dosed model's closed form. */
    private static double[] dosedExact() {
        Gradient x = HybridModels.dosedClosedForm(Gradient.variable(4, 3, 1.0), Gradient.variable(4, 0, 0.7),
                Gradient.variable(4, 1, 2.0), Gradient.variable(4, 2, 1.3), 3.0);
        double[] g = x.getGradient();
        return new double[] {x.getValue(), g[0], g[1], g[2], g[3]};
    }

    private static double[] flat(HybridResult r) {
        double[] dp = r.parameterGradient();
        double[] dy = r.initialStateGradient();
        double[] all = new double[1 + dp.length + dy.length];
        all[0] = r.value();
        System.arraycopy(dp, 0, all, 1, dp.length);
        System.arraycopy(dy, 0, all, 1 + dp.length, dy.length);
        return all;
    }

    private static double maxRelative(double[] expected, double[] actual) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / scale);
        }
        return worst;
    }

    @Test
    void ballOnRk4IsItsClosedFormToRoundOff() {
        // RK4 integrates the ball's quadratic flight exactly, and the cut step locates the bounce.
        HybridResult r = HybridGradientSolver.solve(HybridModels.ball(BALL),
                GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(100));
        assertTrue(maxRelative(ballExact(), flat(r)) < 1e-13, Arrays.toString(flat(r)));
        assertEquals(1, r.events().size());
        assertEquals(-1, r.events().get(0).direction());
        double tau = (-0.1 + Math.sqrt(0.01 + 100)) / 10;
        assertEquals(tau, r.events().get(0).time(), 1e-14);
    }

    @Test
    void ignoringTheEventTimeWouldGetDJdz0NineteenPercentWrong() {
        // Without dtau, the adjoint would pass through the bounce as through a fixed-time jump:
        // lambda-(z) = 1 there, and since z(tau) = z0 + v0 tau - g tau^2 / 2 and v(tau) do not
        // otherwise see z0 at fixed tau, dJ/dz0 would be exactly 1.
        HybridResult r = HybridGradientSolver.solve(HybridModels.ball(BALL),
                GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(100));
        double exact = ballExact()[3];
        assertEquals(exact, r.initialStateGradient()[0], 1e-12);
        double error = (1.0 - exact) / exact;
        assertEquals(0.194, error, 0.001);
    }

    @Test
    void dosedConvergesAtTheMethodsOrderToItsClosedForm() {
        double[] exact = dosedExact();
        for (RungeKuttaMethod method : List.of(RungeKuttaMethods.byName("euler"), RungeKuttaMethods.byName("midpoint"),
                RungeKuttaMethods.RK4, RungeKuttaMethods.byName("sdirk2"), RungeKuttaMethods.byName("esdirk4"))) {
            double[] errors = new double[2];
            for (int level = 0; level < 2; level++) {
                HybridResult r = HybridGradientSolver.solve(HybridModels.dosed(DOSED),
                        GradientOptions.defaults().withMethod(method).withSteps(40 << level));
                errors[level] = maxRelative(exact, flat(r));
            }
            double order = Math.log(errors[0] / errors[1]) / Math.log(2);
            assertEquals(method.order(), order, 0.35, method.name());
        }
    }

    @Test
    void adaptiveDop853IsWithin1e7OfTheClosedForms() {
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.byName("dop853"))
                .withTolerances(1e-10, 1e-10);
        double ball = maxRelative(ballExact(), flat(HybridGradientSolver.solve(HybridModels.ball(BALL), options)));
        double dosed = maxRelative(dosedExact(), flat(HybridGradientSolver.solve(HybridModels.dosed(DOSED), options)));
        assertTrue(ball < 1e-7 && dosed < 1e-7, ball + " " + dosed);
    }

    /** Ball with a terminal event, a dose that coincides with an observation, and a running cost. */
    private static HybridProblem everyKind() {
        Event stop = new Event("stop", null, new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return t.subtract(3.2).add(y[0].multiply(0.01));
            }
        }, 1, null, true);
        Event push = Event.at("push", new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return p[2];
            }
        }, Jump.setting(Map.of(1, new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[1].add(p[3]);
            }
        })));
        Event atOne = Event.at("at one", new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return t.getField().getOne();
            }
        }, Jump.setting(Map.of(0, new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[0].multiply(1.01);
            }
        })));
        ParametricOde model = ParametricOde.automatic(new org.adjoint4j.model.FieldParametricOde() {
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
                yDot[0] = y[1];
                yDot[1] = p[0].negate().subtract(y[1].multiply(0.1)).add(t.multiply(0.3).sin());
            }
        });
        List<Objective.Observation> observations = new ArrayList<>();
        for (double t : new double[] {0.5, 1.0, 1.5, 2.0}) {
            observations.add(new Objective.Observation(t, new StateFunction() {
                @Override
                public <T extends CalculusFieldElement<T>> T value(T time, T[] y, T[] p) {
                    return y[0].subtract(1.0).square().add(y[1].multiply(time));
                }
            }));
        }
        Objective objective = Objective.none().withTerminal(new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[1].multiply(y[1]).add(t.multiply(2));
            }
        }).withRunning(new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[0].square().multiply(0.1).multiply(t.cos());
            }
        }).withObservations(observations);
        return new HybridProblem(new GradientProblem("every kind", model, new double[] {10, 0.8, 0.7, 0.5},
                new double[] {5, -0.1}, 0.0, 4.0, objective),
                List.of(HybridModels.BOUNCE, stop, push, atOne));
    }

    private static void assertMatchesForwardMode(HybridProblem problem, GradientOptions options, double tolerance) {
        double[] forward = HybridForwardMode.differentiate(problem, options);
        HybridResult r = HybridGradientSolver.solve(problem, options);
        double error = maxRelative(forward, flat(r));
        assertTrue(error < tolerance, options.method().name() + " " + problem.problem().name() + ": " + error
                + "\n" + Arrays.toString(forward) + "\n" + Arrays.toString(flat(r)));
    }

    @Test
    void everyMethodMatchesForwardModeOfItsDiscreteScheme() {
        List<RungeKuttaMethod> methods = new ArrayList<>(RungeKuttaMethods.explicit());
        methods.addAll(RungeKuttaMethods.implicit());
        for (RungeKuttaMethod method : methods) {
            GradientOptions options = GradientOptions.defaults().withMethod(method).withSteps(90);
            assertMatchesForwardMode(HybridModels.ball(BALL), options, 1e-11);
            assertMatchesForwardMode(HybridModels.dosed(DOSED), options, 1e-11);
            assertMatchesForwardMode(everyKind(), options, 1e-11);
        }
    }

    @Test
    void adaptiveRunsMatchForwardModeOfTheirFrozenSteps() {
        for (String name : List.of("dopri5", "dop853", "esdirk3", "esdirk4")) {
            GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.byName(name))
                    .withTolerances(1e-8, 1e-8);
            assertMatchesForwardMode(HybridModels.ball(BALL), options, 1e-11);
            assertMatchesForwardMode(everyKind(), options, 1e-11);
        }
    }

    @Test
    void everyKindFiresInOrder() {
        HybridResult r = HybridGradientSolver.solve(everyKind(),
                GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(200));
        List<String> names = r.events().stream().map(HybridResult.FiredEvent::name).toList();
        assertEquals(List.of("push", "at one", "bounce"), names.subList(0, 3));
        assertEquals("stop", names.get(names.size() - 1));
        assertEquals(r.events().get(r.events().size() - 1).time(), r.finalTime(), 0.0);
    }

    @Test
    void aDoseBeforeTheStartIsSaidNeverToFireAndOneAfterTheEndIsNotReached() {
        GradientOptions rk4 = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(50);
        HybridResult before = HybridGradientSolver.solve(HybridModels.dosed(DOSED).withParameters(
                new double[] {0.7, 2, -0.5}), rk4);
        assertEquals(List.of(), before.events());
        assertEquals(List.of("event dose is at t=-0.5, not after t0=0.0: it never fires"), before.warnings());
        HybridResult after = HybridGradientSolver.solve(HybridModels.dosed(DOSED).withParameters(
                new double[] {0.7, 2, 4}), rk4);
        assertEquals(List.of(), after.events());
        assertEquals(List.of(), after.warnings());
        assertEquals(after.value(), before.value(), 0.0);
        assertEquals(Math.exp(-0.7 * 3), after.value(), 1e-8);
    }

    /**
     * A ball thrown up at v0 = 4.48 under a ceiling at z = 1 that it reaches only for 0.053 between
     * t = 0.4215 and 0.4745 (its apex 1.0035 at 0.448): rising through z = 1, v = -gamma v. On two
     * RK4 steps of 0.5 every fixed sample of the first step (z = 0.48, 0.81, 0.977, 0.99) is below
     * the ceiling; the dip the cubic fit of g shows between the last two is where the crossing is.
     */
    static HybridProblem ceiling() {
        Event ceiling = Event.when("ceiling", new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[0].subtract(1.0);
            }
        }, 1, HybridModels.BOUNCE.jump());
        return new HybridProblem(new GradientProblem("ceiling", BALL, new double[] {10, 0.8}, new double[] {0, 4.48},
                0.0, 1.0, Objective.none().withTerminal(HybridModels.component(0))), List.of(ceiling));
    }

    /** z(T) after the ceiling, over any field: z = 1 at t1 (rising), v = -gamma v there. */
    static <T extends CalculusFieldElement<T>> T ceilingClosedForm(T z0, T v0, T g, T gamma, double T) {
        T v1 = v0.square().subtract(g.multiply(z0.negate().add(1.0)).multiply(2)).sqrt();
        T t1 = v0.subtract(v1).divide(g);
        T rest = t1.negate().add(T);
        return gamma.multiply(v1).multiply(rest).negate().subtract(g.multiply(rest.square()).multiply(0.5)).add(1.0);
    }

    @Test
    void twoCrossingsWithinOneStepAreNotMissed() {
        HybridProblem problem = ceiling();
        GradientOptions rk4 = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(2);
        HybridResult r = HybridGradientSolver.solve(problem, rk4);
        double t1 = (4.48 - Math.sqrt(4.48 * 4.48 - 20)) / 10;
        assertEquals(1, r.events().size(), "the ceiling is touched once");
        assertEquals(t1, r.events().get(0).time(), 1e-14);
        assertEquals(1, r.events().get(0).direction());
        Gradient z = ceilingClosedForm(Gradient.variable(4, 2, 0), Gradient.variable(4, 3, 4.48),
                Gradient.variable(4, 0, 10), Gradient.variable(4, 1, 0.8), 1.0);
        double[] g = z.getGradient();
        // RK4 is exact on these quadratics: the closed form to round-off, derivatives included
        assertTrue(maxRelative(new double[] {z.getValue(), g[0], g[1], g[2], g[3]}, flat(r)) < 1e-12,
                Arrays.toString(flat(r)));
        assertMatchesForwardMode(problem, rk4, 1e-12);
        for (RungeKuttaMethod method : List.of(RungeKuttaMethods.DOPRI5, RungeKuttaMethods.ESDIRK4)) {
            GradientOptions adaptive = GradientOptions.defaults().withMethod(method).withTolerances(1e-3, 1e-3);
            assertEquals(1, HybridGradientSolver.solve(problem, adaptive).events().size(), method.name());
            assertMatchesForwardMode(problem, adaptive, 1e-11);
        }
    }

    @Test
    void theDipOfACubicIsWhereItCrossesBack() {
        // c(s) = -0.1 + s (1 - s): g0 = g1 = -0.1, c' = 1 - 2 s; its maximum 0.15 at s = 1/2
        assertEquals(0.5, HybridRun.dip(-0.1, 1.0, -0.1, -1.0), 1e-15);
        // c(s) = 0.1 - s (1 - s) / 2: minimum 0.1 - 1/8 < 0 at 1/2
        assertEquals(0.5, HybridRun.dip(0.1, -0.5, 0.1, 0.5), 1e-15);
        // no dip across zero: c(s) = 0.2 - s (1 - s) / 2, minimum 0.075
        assertEquals(-1.0, HybridRun.dip(0.2, -0.5, 0.2, 0.5), 0.0);
        // monotone: no extremum inside
        assertEquals(-1.0, HybridRun.dip(-1.0, 0.1, -0.5, 0.2), 0.0);
    }

    @Test
    void everyScheduleGivesTheSameBits() {
        for (HybridProblem problem : List.of(HybridModels.ball(BALL), everyKind())) {
            GradientOptions base = GradientOptions.defaults().withMethod(RungeKuttaMethods.byName("esdirk3"))
                    .withSteps(300);
            double[] reference = flat(HybridGradientSolver.solve(problem, base.withCheckpoints(ScheduleSpec.storeAll())));
            for (ScheduleSpec spec : ScheduleExecutionTest.SCHEDULES) {
                double[] r = flat(HybridGradientSolver.solve(problem, base.withCheckpoints(spec)));
                assertArrayEquals(reference, r, 0.0, problem.problem().name() + " " + spec.text());
            }
        }
    }
}
