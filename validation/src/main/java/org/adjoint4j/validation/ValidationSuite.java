package org.adjoint4j.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.checkpointing.DiskCosts;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.problems.AnalyticProblem.ObjectiveKind;
import org.adjoint4j.validation.problems.AnalyticProblem;
import org.adjoint4j.validation.problems.FourierHeat;
import org.adjoint4j.validation.problems.LinearSystem;
import org.adjoint4j.validation.problems.Logistic;

/**
 * The built-in verification suite behind {@code ./adjoint4j validate}: the catalog of analytic
 * problems across methods and schedules.
 * <ul>
 *   <li>gradient vs analytic: every problem and objective, adaptive DOPRI5 (rtol 1e-10) and ESDIRK4
 *       (rtol 1e-9), relative error below 1e-6 and 1e-5;</li>
 *   <li>gradient order and state order: every method on the linear system (terminal and
 *       observation objectives) and every implicit method on the Fourier heat problem, observed
 *       within 0.2 of the method's order ({@link ConvergenceStudy#asymptotic});</li>
 *   <li>taylor (order 2 within 0.2), finite differences (best agreement 1e-6), forward mode
 *       (1e-10) and dot product (1e-10) on every problem, explicit and implicit;</li>
 *   <li>schedules: bit-identical gradients across store-all, binomial, online, uniform and
 *       RAM + disk checkpointing, and advances equal to what each schedule counts (t(N, s) for binomial).</li>
 * </ul>
 * The quick suite keeps one objective per problem, the classical methods' orders, and the checks
 * on three problems.
 */
public final class ValidationSuite {

    private ValidationSuite() {
    }

    /**
     * @param quick the reduced suite (under a minute)
     * @param progress sees each check as it completes (may be null)
     * @return every check, in order
     */
    public static List<ValidationCheck> run(boolean quick, Consumer<ValidationCheck> progress) {
        List<ValidationCheck> checks = new ArrayList<>();
        Consumer<ValidationCheck> sink = c -> {
            checks.add(c);
            if (progress != null) {
                progress.accept(c);
            }
        };
        analyticGradients(quick, sink);
        orders(quick, sink);
        gradientChecks(quick, sink);
        schedules(sink);
        return checks;
    }

    private static void analyticGradients(boolean quick, Consumer<ValidationCheck> sink) {
        for (AnalyticProblem p : AnalyticProblem.catalog()) {
            for (ObjectiveKind kind : quick ? new ObjectiveKind[] {ObjectiveKind.RUNNING} : ObjectiveKind.values()) {
                AnalyticProblem.Exact exact = p.exact(kind);
                double[] expected = ForwardModeCheck.concat(exact.parameterGradient(), exact.initialStateGradient());
                for (Object[] setup : new Object[][] {{RungeKuttaMethods.DOPRI5, 1e-10, 1e-6},
                    {RungeKuttaMethods.ESDIRK4, 1e-9, 1e-5}}) {
                    RungeKuttaMethod method = (RungeKuttaMethod) setup[0];
                    double rtol = (Double) setup[1];
                    double bound = (Double) setup[2];
                    GradientResult r = GradientSolver.solve(p.problem(kind), GradientOptions.defaults()
                            .withMethod(method).withTolerances(rtol, rtol * 1e-2));
                    double error = ConvergenceStudy.relativeError(ForwardModeCheck.concat(r.parameterGradient(),
                            r.initialStateGradient()), expected);
                    sink.accept(new ValidationCheck("gradient vs analytic", label(p, kind), method.name()
                            + " rtol " + rtol, bound, error, error <= bound, r.grid().steps() + " steps"));
                }
            }
        }
    }

    private static void orders(boolean quick, Consumer<ValidationCheck> sink) {
        List<RungeKuttaMethod> methods = new ArrayList<>();
        if (quick) {
            methods.addAll(List.of(RungeKuttaMethods.EULER, RungeKuttaMethods.RK4, RungeKuttaMethods.DOPRI5,
                    RungeKuttaMethods.CN, RungeKuttaMethods.ESDIRK4));
        } else {
            methods.addAll(RungeKuttaMethods.all());
        }
        AnalyticProblem linear = new LinearSystem();
        for (RungeKuttaMethod m : methods) {
            for (ObjectiveKind kind : quick ? new ObjectiveKind[] {ObjectiveKind.TERMINAL}
                    : new ObjectiveKind[] {ObjectiveKind.TERMINAL, ObjectiveKind.OBSERVATIONS}) {
                order(linear, kind, m, sink);
            }
        }
        AnalyticProblem heat = new FourierHeat(15);
        for (RungeKuttaMethod m : methods) {
            if (m.isImplicit()) {
                order(heat, ObjectiveKind.TERMINAL, m, sink);
            }
        }
    }

    private static void order(AnalyticProblem p, ObjectiveKind kind, RungeKuttaMethod m,
            Consumer<ValidationCheck> sink) {
        ConvergenceStudy.Result r = ConvergenceStudy.asymptotic(p, kind, m);
        String steps = "N = " + java.util.Arrays.toString(r.steps()) + ", gradient errors "
                + format(r.gradientErrors());
        sink.accept(new ValidationCheck("gradient order", label(p, kind), m.name(), m.order(), r.gradientOrder(),
                Math.abs(r.gradientOrder() - m.order()) <= 0.2, steps));
        sink.accept(new ValidationCheck("state order", label(p, kind), m.name(), m.order(), r.stateOrder(),
                Math.abs(r.stateOrder() - m.order()) <= 0.2, "N = " + java.util.Arrays.toString(r.steps())
                        + ", state errors " + format(r.stateErrors())));
    }

    private static void gradientChecks(boolean quick, Consumer<ValidationCheck> sink) {
        List<Object[]> setups = new ArrayList<>();
        List<AnalyticProblem> problems = quick ? List.of(new LinearSystem(), new Logistic(), new FourierHeat(15))
                : AnalyticProblem.catalog();
        for (AnalyticProblem p : problems) {
            setups.add(new Object[] {p, GradientOptions.defaults().withTolerances(1e-8, 1e-10)});
            setups.add(new Object[] {p, GradientOptions.defaults().withMethod(RungeKuttaMethods.SDIRK2).withSteps(40)});
        }
        for (Object[] setup : setups) {
            AnalyticProblem p = (AnalyticProblem) setup[0];
            GradientOptions options = (GradientOptions) setup[1];
            String method = options.method().name() + (options.stepping().isAdaptive()
                    ? " rtol " + options.stepping().relativeTolerance() + " (frozen grid)"
                    : " " + options.stepping().steps() + " steps");
            DiscreteObjective f = new DiscreteObjective(p.problem(ObjectiveKind.OBSERVATIONS), options);
            String problem = label(p, ObjectiveKind.OBSERVATIONS);
            TaylorCheck.Result taylor = TaylorCheck.random(f, 17);
            sink.accept(new ValidationCheck("taylor", problem, method, 2.0, taylor.observedOrder(), taylor.passed(),
                    "remainders " + format(taylor.firstOrder())));
            AgreementReport fd = FiniteDifferenceCheck.run(f, 1e-6).agreement();
            sink.accept(report("finite differences", problem, method, fd));
            sink.accept(report("forward mode", problem, method, ForwardModeCheck.run(f, 1e-10)));
            DotProductCheck.Result dot = DotProductCheck.run(f, 29, 1e-10);
            sink.accept(new ValidationCheck("dot product", problem, method, 1e-10,
                    Math.max(dot.relativeDifference(), dot.components().worst().error()), dot.passed(),
                    "<lambda_N, dy_N> = " + dot.tangentSide() + ", <(mu, lambda_0), dx> = " + dot.adjointSide()));
        }
    }

    private static void schedules(Consumer<ValidationCheck> sink) {
        List<ScheduleSpec> specs = List.of(ScheduleSpec.binomial(3), ScheduleSpec.online(3), ScheduleSpec.uniform(5),
                ScheduleSpec.disk(2, 3, DiskCosts.DEFAULT));
        Object[][] setups = {
            {new LinearSystem(), GradientOptions.defaults().withMethod(RungeKuttaMethods.DOP853).withTolerances(1e-9, 1e-11)},
            {new FourierHeat(15), GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withTolerances(1e-7, 1e-9)}};
        for (Object[] setup : setups) {
            AnalyticProblem p = (AnalyticProblem) setup[0];
            GradientOptions options = (GradientOptions) setup[1];
            GradientResult reference = GradientSolver.solve(p.problem(ObjectiveKind.OBSERVATIONS),
                    options.withCheckpoints(ScheduleSpec.storeAll()));
            for (ScheduleSpec spec : specs) {
                GradientResult r = GradientSolver.solve(p.problem(ObjectiveKind.OBSERVATIONS),
                        options.withCheckpoints(spec));
                double difference = Math.max(maxDifference(reference.parameterGradient(), r.parameterGradient()),
                        maxDifference(reference.initialStateGradient(), r.initialStateGradient()));
                difference = Math.max(difference, Math.abs(reference.value() - r.value()));
                String method = options.method().name() + " " + spec.text();
                sink.accept(new ValidationCheck("bit-identical to store-all", label(p, ObjectiveKind.OBSERVATIONS),
                        method, 0.0, difference, difference == 0.0, r.grid().steps() + " steps, "
                                + r.statistics().advances() + " advances"));
                long predicted = spec.forSteps(r.grid().steps()).counts().advances();
                sink.accept(new ValidationCheck("advances = the schedule's count", label(p, ObjectiveKind.OBSERVATIONS),
                        method, predicted, r.statistics().advances(), predicted == r.statistics().advances(),
                        "N = " + r.grid().steps()));
            }
        }
    }

    private static ValidationCheck report(String name, String problem, String method, AgreementReport report) {
        return new ValidationCheck(name, problem, method, report.tolerance(), report.worst().error(), report.passed(),
                report.summary());
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return max;
    }

    private static String label(AnalyticProblem p, ObjectiveKind kind) {
        return p.name() + "/" + kind.name().toLowerCase(Locale.ROOT);
    }

    private static String format(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2e", values[i]));
        }
        return s.append(']').toString();
    }
}
