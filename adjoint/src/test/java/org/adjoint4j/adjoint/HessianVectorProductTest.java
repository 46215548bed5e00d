package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.QuadratureOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.FieldExplicitRungeKuttaStepper;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.solvers.StepGrid;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hessian-vector products of the discrete J against forward mode of the same discrete schemes:
 * every method, terminal, running and observation terms; order-2 forward mode of the scheme itself
 * for the explicit methods; symmetry; the same bits under every schedule.
 */
class HessianVectorProductTest {

    /** Lotka–Volterra with its terminal and running terms and two observations. */
    static GradientProblem lotkaVolterra() {
        GradientProblem lv = LotkaVolterra.problem();
        StateFunction observed = new StateFunction() {
            @Override
            public <T extends org.hipparchus.CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[0].multiply(y[1]).multiply(p[2]).sin().add(y[1].multiply(y[1]).multiply(0.1));
            }
        };
        return new GradientProblem(lv.name(), lv.model(), lv.parameters(), lv.initialState(), 0.0, lv.finalTime(),
                lv.objective().observation(2.5, observed).observation(7.5, observed));
    }

    /** Robertson on [0, 1]: stiff, with uniform steps an implicit method's Newton iteration can take. */
    static GradientProblem robertson() {
        GradientProblem r = Robertson.problem();
        return new GradientProblem(r.name(), r.model(), r.parameters(), r.initialState(), 0.0, 1.0, r.objective());
    }

    static Stream<RungeKuttaMethod> methods() {
        return RungeKuttaMethods.all().stream();
    }

    private static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static void close(double[] expected, double[] actual, double relative, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * scale, what + " [" + i + "]");
        }
    }

    /** The discrete adjoint of the tangent scheme equals its forward mode (nested: forward over the tangent's lift). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void productsEqualForwardModeOfTheTangentScheme(RungeKuttaMethod method) {
        for (GradientProblem problem : new GradientProblem[] {lotkaVolterra(), Heat.problem(50)}) {
            boolean stiff = !problem.name().equals("lotka-volterra");
            if (stiff && !method.isImplicit()) {
                continue; // explicit steps of these sizes are unstable on the stiff problems
            }
            GradientOptions options = GradientOptions.defaults().withMethod(method).withSteps(
                    problem.name().startsWith("heat") ? 20 : 200);
            Random r = new Random(7);
            double[] q = random(r, problem.model().parameterDimension());
            double[] v = random(r, problem.model().stateDimension());
            if (problem.name().equals("robertson")) {
                // directions on the problem's own scales (y0 = (1, 0, 0), rates 0.04, 1e4, 3e7)
                for (int j = 0; j < q.length; j++) {
                    q[j] *= 0.1 * problem.parameters()[j];
                }
                v = new double[] {0.1 * v[0], 0, 0};
            }
            HessianVectorProduct.Result hvp = HessianVectorProduct.of(problem, options, q, v);
            ForwardModeGradient.Result forward = ForwardModeGradient.differentiate(
                    HessianVectorProduct.tangentProblem(problem, q, v), DiscreteMethod.of(method), hvp.grid());
            String what = problem.name() + " " + method.name();
            close(forward.parameterGradient(), hvp.parameterProduct(), 1e-11, what + " (Hv)_p");
            close(Arrays.copyOf(forward.initialStateGradient(), v.length), hvp.initialStateProduct(), 1e-11,
                    what + " (Hv)_y0");
            assertEquals(forward.value(), hvp.directionalDerivative(), 1e-11 * Math.abs(forward.value()), what);
        }
    }

    /**
     * u^T H v by order-2 forward mode (DerivativeStructure in two directions) of the explicit
     * scheme itself, with the running cost as a quadrature state: checks that the tangent scheme is
     * the tangent of the scheme.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void explicitSchemesAgainstSecondOrderForwardMode(RungeKuttaMethod method) {
        if (method.isImplicit()) {
            return;
        }
        GradientProblem problem = lotkaVolterra();
        GradientOptions options = GradientOptions.defaults().withMethod(method).withSteps(150);
        int m = problem.model().parameterDimension();
        int n = problem.model().stateDimension();
        Random r = new Random(11);
        double[] q = random(r, m);
        double[] v = random(r, n);
        double[] qu = random(r, m);
        double[] vu = random(r, n);
        HessianVectorProduct.Result hvp = HessianVectorProduct.of(problem, options, q, v);
        double uHv = 0;
        for (int j = 0; j < m; j++) {
            uHv += qu[j] * hvp.parameterProduct()[j];
        }
        for (int i = 0; i < n; i++) {
            uHv += vu[i] * hvp.initialStateProduct()[i];
        }
        double reference = secondDerivative(problem, method, hvp.grid(), q, v, qu, vu);
        assertEquals(reference, uHv, 1e-11 * Math.abs(reference), method.name());
    }

    /** d^2 J(theta + s (q, v) + r (qu, vu)) / ds dr at 0 through the scheme on DerivativeStructures. */
    private static double secondDerivative(GradientProblem problem, RungeKuttaMethod method, StepGrid grid, double[] q,
            double[] v, double[] qu, double[] vu) {
        DSFactory f = new DSFactory(2, 2);
        DerivativeStructure s = f.variable(0, 0.0);
        DerivativeStructure rr = f.variable(1, 0.0);
        int n = problem.model().stateDimension();
        int m = problem.model().parameterDimension();
        DerivativeStructure[] p = MathArrays.buildArray(f.getDerivativeField(), m);
        for (int j = 0; j < m; j++) {
            p[j] = s.multiply(q[j]).add(rr.multiply(qu[j])).add(problem.parameters()[j]);
        }
        Objective objective = problem.objective();
        FieldParametricOde model = QuadratureOde.field(problem.model().field(), objective.running());
        DerivativeStructure[] y = MathArrays.buildArray(f.getDerivativeField(), n + 1);
        for (int i = 0; i < n; i++) {
            y[i] = s.multiply(v[i]).add(rr.multiply(vu[i])).add(problem.initialState()[i]);
        }
        y[n] = f.constant(0.0);
        FieldExplicitRungeKuttaStepper<DerivativeStructure> stepper = new FieldExplicitRungeKuttaStepper<>(
                method.tableau(), model, p);
        DerivativeStructure j = f.constant(0.0);
        for (int k = 0; k <= grid.steps(); k++) {
            for (Objective.Observation o : objective.observations()) {
                if (o.time() == grid.time(k)) {
                    j = j.add(o.cost().value(f.constant(grid.time(k)), Arrays.copyOf(y, n), p));
                }
            }
            if (k < grid.steps()) {
                y = stepper.step(grid.time(k), grid.stepSize(k), y);
            }
        }
        j = j.add(objective.terminal().value(f.constant(grid.finalTime()), Arrays.copyOf(y, n), p)).add(y[n]);
        return j.getPartialDerivative(1, 1);
    }

    /**
     * Implicit schemes on stiff Robertson against central differences of the exact discrete
     * gradient (forward mode of the tangent scheme does not settle there; see the README).
     */
    @Test
    void implicitSchemesAgainstDifferencesOfGradients() {
        GradientProblem problem = robertson();
        for (RungeKuttaMethod method : new RungeKuttaMethod[] {RungeKuttaMethods.BEULER, RungeKuttaMethods.ESDIRK4}) {
            GradientOptions options = GradientOptions.defaults().withMethod(method).withSteps(300);
            Random r = new Random(3);
            double[] q = random(r, 3);
            for (int j = 0; j < 3; j++) {
                q[j] *= problem.parameters()[j];
            }
            double[] v = {0.1, 0, 0};
            HessianVectorProduct.Result hvp = HessianVectorProduct.of(problem, options, q, v);
            double e = 1e-4;
            double[] up = problem.parameters();
            double[] down = problem.parameters();
            for (int j = 0; j < 3; j++) {
                up[j] += e * q[j];
                down[j] -= e * q[j];
            }
            double[] yu = problem.initialState();
            double[] yd = problem.initialState();
            yu[0] += e * v[0];
            yd[0] -= e * v[0];
            double[] gu = GradientSolver.solveOnGrid(problem.withParameters(up).withInitialState(yu), options,
                    hvp.grid()).parameterGradient();
            double[] gd = GradientSolver.solveOnGrid(problem.withParameters(down).withInitialState(yd), options,
                    hvp.grid()).parameterGradient();
            double[] fd = new double[3];
            for (int j = 0; j < 3; j++) {
                fd[j] = (gu[j] - gd[j]) / (2 * e);
            }
            close(fd, hvp.parameterProduct(), 1e-6, method.name());
        }
    }

    /** u^T H v = v^T H u, on the heat equation (n = 50) with its terminal misfit. */
    @Test
    void theHessianIsSymmetric() {
        GradientProblem problem = Heat.problem(50);
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK3).withSteps(40);
        int m = problem.model().parameterDimension();
        int n = problem.model().stateDimension();
        Random r = new Random(5);
        double[] q1 = random(r, m);
        double[] v1 = random(r, n);
        double[] q2 = random(r, m);
        double[] v2 = random(r, n);
        HessianVectorProduct.Result a = HessianVectorProduct.of(problem, options, q1, v1);
        HessianVectorProduct.Result b = HessianVectorProduct.of(problem, options, q2, v2);
        double uHv = dot(q2, a.parameterProduct()) + dot(v2, a.initialStateProduct());
        double vHu = dot(q1, b.parameterProduct()) + dot(v1, b.initialStateProduct());
        assertEquals(uHv, vHu, 1e-12 * Math.abs(uHv));
        double[][] h = HessianVectorProduct.hessian(LotkaVolterra.problem(), GradientOptions.defaults());
        for (int i = 0; i < h.length; i++) {
            for (int k = 0; k < i; k++) {
                assertEquals(h[i][k], h[k][i], 1e-12 * (Math.abs(h[i][k]) + Math.abs(h[i][i])), i + "," + k);
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The product under every schedule is the same bits as under store-all. */
    @Test
    void theSameBitsUnderEverySchedule() {
        GradientProblem problem = lotkaVolterra();
        GradientOptions base = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(300);
        double[] q = {0.3, -0.2, 0.1, 0.5};
        double[] v = {1, -1};
        HessianVectorProduct.Result reference = HessianVectorProduct.of(problem,
                base.withCheckpoints(ScheduleSpec.storeAll()), q, v);
        for (ScheduleSpec spec : ScheduleExecutionTest.SCHEDULES) {
            HessianVectorProduct.Result r = HessianVectorProduct.of(problem, base.withCheckpoints(spec), q, v);
            assertArrayEquals(reference.parameterProduct(), r.parameterProduct(), 0.0, spec.text());
            assertArrayEquals(reference.initialStateProduct(), r.initialStateProduct(), 0.0, spec.text());
        }
        // dJ/dv of the tangent objective is dJ/dy0
        close(GradientSolver.solve(problem, base).initialStateGradient(), reference.initialStateGradient(), 1e-13,
                "dJ/dy0");
    }

    /**
     * Against the analytic Hessian of decay, y' = -k y, J = y(T)^2 / 2 = y0^2 e^{-2kT} / 2: the
     * error of the discrete Hessian falls at the method's order (RK4: 16-fold per halving of h,
     * ESDIRK3: 8-fold).
     */
    @Test
    void theDiscreteHessianConvergesToTheAnalyticOneAtTheMethodsOrder() {
        org.adjoint4j.model.FieldParametricOde decay = new org.adjoint4j.model.FieldParametricOde() {
            @Override
            public int stateDimension() {
                return 1;
            }

            @Override
            public int parameterDimension() {
                return 1;
            }

            @Override
            public <T extends org.hipparchus.CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                yDot[0] = p[0].multiply(y[0]).negate();
            }
        };
        double k = 0.7;
        double y0 = 1.3;
        double tt = 2.0;
        StateFunction half = new StateFunction() {
            @Override
            public <T extends org.hipparchus.CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[0].multiply(y[0]).multiply(0.5);
            }
        };
        GradientProblem problem = new GradientProblem("decay", new org.adjoint4j.model.ReverseModeOde(decay),
                new double[] {k}, new double[] {y0}, 0.0, tt, Objective.terminal(half));
        double e = Math.exp(-2 * k * tt);
        double[][] exact = {{2 * tt * tt * y0 * y0 * e, -2 * tt * y0 * e}, {-2 * tt * y0 * e, e}};
        for (Object[] m : new Object[][] {{RungeKuttaMethods.RK4, 16.0}, {RungeKuttaMethods.ESDIRK3, 8.0}}) {
            double previous = Double.NaN;
            for (int steps = 10; steps <= 40; steps *= 2) {
                double[][] h = HessianVectorProduct.hessian(problem, GradientOptions.defaults()
                        .withMethod((RungeKuttaMethod) m[0]).withSteps(steps));
                double error = 0;
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        error = Math.max(error, Math.abs(h[i][j] - exact[i][j]));
                    }
                }
                if (!Double.isNaN(previous)) {
                    double ratio = previous / error;
                    double order = (Double) m[1];
                    assertEquals(order, ratio, 0.25 * order, m[0] + " at " + steps + " steps: error " + error);
                }
                previous = error;
            }
        }
    }

    @Test
    void badDirectionsAreRefusedNamingThem() {
        GradientProblem problem = LotkaVolterra.problem();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HessianVectorProduct.of(problem, GradientOptions.defaults(), new double[3], new double[2]));
        assertEquals("q (the direction in p) has length 3, expected 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HessianVectorProduct.of(problem,
                GradientOptions.defaults(), new double[4], new double[] {0, Double.NaN}));
        assertEquals("v (the direction in y0) component 1 is NaN", e.getMessage());
    }
}
