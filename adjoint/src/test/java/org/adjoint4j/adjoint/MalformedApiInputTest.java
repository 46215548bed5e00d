package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/**
 * Seeded random arguments, most of them malformed, at the public entry points (problems, options,
 * schedule specs, method names, the solver): each either works, throws IllegalArgumentException
 * with a message, or (hostile but well-formed values) fails integrating with the time named;
 * nothing else escapes (no NullPointerException, no index errors).
 */
class MalformedApiInputTest {

    private static final double[] NUMBERS = {0.0, -1.0, 1.0, 2.5, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e300, -0.0, 10.0};

    private static double number(Random r) {
        return NUMBERS[r.nextInt(NUMBERS.length)];
    }

    private static double[] array(Random r, int usual) {
        if (r.nextInt(8) == 0) {
            return null;
        }
        int length = r.nextInt(4) == 0 ? r.nextInt(6) : usual;
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = r.nextInt(3) == 0 ? number(r) : 1 + r.nextDouble();
        }
        return a;
    }

    private static void expectOnlyBadInput(Runnable action, String what) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage(), what);
            assertFalse(e.getMessage().isBlank(), what);
        } catch (IntegrationException e) {
            // Well-formed but hostile values (t1 = 1e300, p = 1e300) may fail during integration:
            // that is reported with its time, never as a wrong gradient.
            assertFalse(Double.isNaN(e.time()), what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            fail(what + " threw " + e, e);
        }
    }

    @Test
    void problemsOptionsAndSolvesRejectOnlyWithIllegalArgument() {
        Random r = new Random(99);
        GradientProblem lv = LotkaVolterra.problem();
        String[] specs = {"store-all", "binomial:3", "binomial:0", "binomial:-2", "binomial:", "binomial:x", "online:2",
            "uniform:0", "uniform:4", "disk:2,3", "disk:2", "disk:,", "disk:0,1", "", "x:1", "binomial:99999999999"};
        String[] methods = {"rk4", "dopri5", "esdirk4", "RK4", "", "beuler", "dop853", "x"};
        for (int i = 0; i < 400; i++) {
            String what = "case " + i;
            expectOnlyBadInput(() -> {
                Objective objective = r.nextInt(5) == 0 ? null
                        : r.nextBoolean() ? lv.objective() : Objective.none().observation(number(r), LotkaVolterra.PRODUCT);
                GradientProblem p = new GradientProblem("fuzz", r.nextInt(20) == 0 ? null : lv.model(), array(r, 4),
                        array(r, 2), number(r), number(r), objective);
                RungeKuttaMethod m = RungeKuttaMethods.byName(methods[r.nextInt(methods.length)]);
                GradientOptions o = GradientOptions.defaults().withMethod(m);
                int choice = r.nextInt(3);
                if (choice == 0) {
                    o = o.withSteps(r.nextInt(5) == 0 ? -r.nextInt(3) : 1 + r.nextInt(40));
                } else if (choice == 1) {
                    o = o.withTolerances(r.nextBoolean() ? 1e-6 : number(r), r.nextBoolean() ? 1e-8 : number(r));
                }
                if (r.nextBoolean()) {
                    o = o.withCheckpoints(ScheduleSpec.parse(specs[r.nextInt(specs.length)]));
                }
                if (r.nextInt(6) == 0) {
                    o = o.withMemoryBudget(r.nextInt(3) - 1);
                }
                GradientSolver.solve(p, o);
            }, what);
        }
    }

    @Test
    void methodNamesAndOptionsNameTheValue() {
        for (String name : new String[] {"", "rk5", "ESDIRK4", " rk4"}) {
            expectOnlyBadInput(() -> RungeKuttaMethods.byName(name), name);
        }
        expectOnlyBadInput(() -> GradientOptions.defaults().withMethod((DiscreteMethod) null), "null method");
        expectOnlyBadInput(() -> GradientOptions.defaults().withNewtonTolerance(0), "Newton tolerance 0");
        expectOnlyBadInput(() -> GradientSolver.solve(LotkaVolterra.problem(), GradientOptions.defaults()
                .withMethod(RungeKuttaMethods.BEULER)), "beuler without steps");
        expectOnlyBadInput(() -> GradientSolver.solve(LotkaVolterra.problem(), GradientOptions.defaults()
                .withMethod(RungeKuttaMethods.RK4)), "rk4 without steps");
    }
}
