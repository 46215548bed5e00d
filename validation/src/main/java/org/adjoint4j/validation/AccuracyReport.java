package org.adjoint4j.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.adjoint4j.adjoint.ForwardModeGradient;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.TangentLinear;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.checkpointing.DiskCosts;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.references.HeatFourierAdjoint;
import org.adjoint4j.validation.references.LotkaVolterraVariational;
import org.adjoint4j.validation.references.RobertsonReferences;

/**
 * The accuracy figures the README states, measured by one command
 * ({@code ./adjoint4j validate --report}) and held to bounds a test enforces: the discrete adjoint
 * against forward mode of the same scheme and against its tangent-linear sweep, against references
 * that share no code with it (Hipparchus's variational equations, CVODES's published adjoint
 * results, continuous forward sensitivities, the Fourier adjoint of the heat equation), and across
 * checkpointing schedules. Errors are norm-wise relative, {@code |a - b| / |b|}, worst over the
 * cases each figure names.
 */
public final class AccuracyReport {

    /**
     * One figure.
     *
     * @param name what is compared
     * @param cases over which cases the worst is taken
     * @param measured the worst relative error (or, for orders, the worst distance from the order)
     * @param bound what is claimed: the figure passes when {@code measured <= bound}
     */
    public record Figure(String name, String cases, double measured, double bound) {
        /** @return whether the measured value is within the bound */
        public boolean passed() {
            return measured <= bound;
        }
    }

    private static final List<ScheduleSpec> SCHEDULES = List.of(ScheduleSpec.storeAll(), ScheduleSpec.uniform(1),
            ScheduleSpec.uniform(7), ScheduleSpec.uniform(1000), ScheduleSpec.binomial(1), ScheduleSpec.binomial(2),
            ScheduleSpec.binomial(5), ScheduleSpec.binomial(20), ScheduleSpec.binomial(500), ScheduleSpec.online(2),
            ScheduleSpec.online(4), ScheduleSpec.online(15), ScheduleSpec.disk(2, 5, DiskCosts.DEFAULT),
            ScheduleSpec.disk(1, 200, new DiskCosts(1, 1, 0.5, 0.5)));

    private AccuracyReport() {
    }

    /**
     * Measures every figure (about half a minute).
     *
     * @param progress sees each figure as it is measured, or null
     * @return the figures, in report order
     */
    public static List<Figure> measure(Consumer<Figure> progress) {
        List<Figure> figures = new ArrayList<>();
        Consumer<Figure> sink = f -> {
            figures.add(f);
            if (progress != null) {
                progress.accept(f);
            }
        };
        explicitForwardMode(sink);
        implicitForwardMode(sink);
        tangents(sink);
        lotkaVolterraReference(sink);
        lorenz96Tolerance(sink);
        robertsonReferences(sink);
        heatOrders(sink);
        schedules(sink);
        return figures;
    }

    /**
     * @param figures measured figures
     * @return a Markdown table: figure, cases, measured, bound
     */
    public static String markdown(List<Figure> figures) {
        StringBuilder b = new StringBuilder("| figure | cases | measured | bound (tests) |\n|---|---|---|---|\n");
        for (Figure f : figures) {
            b.append("| ").append(f.name()).append(" | ").append(f.cases()).append(" | ")
                    .append(format(f.measured())).append(" | ").append(format(f.bound())).append(" |\n");
        }
        return b.toString();
    }

    /**
     * @param x a figure's number
     * @return it with two significant digits, in scientific notation below 0.01 ({@code 0} for zero)
     */
    public static String format(double x) {
        if (x == 0.0) {
            return "0";
        }
        String s = Math.abs(x) < 0.01 ? String.format(java.util.Locale.ROOT, "%.1e", x)
                : String.format(java.util.Locale.ROOT, "%.2g", x);
        return s.replace("e-0", "e-").replace("e+0", "e+");
    }

    private static double forwardModeError(GradientProblem problem, GradientOptions options) {
        GradientResult adjoint = GradientSolver.solve(problem, options);
        ForwardModeGradient.Result forward = ForwardModeGradient.differentiate(problem, options.method(),
                adjoint.grid());
        return Math.max(relativeError(adjoint.parameterGradient(), forward.parameterGradient()),
                relativeError(adjoint.initialStateGradient(), forward.initialStateGradient()));
    }

    private static void explicitForwardMode(Consumer<Figure> sink) {
        double worst = 0;
        for (RungeKuttaMethod m : RungeKuttaMethods.explicit()) {
            GradientOptions o = GradientOptions.defaults().withMethod(m);
            worst = Math.max(worst, forwardModeError(LotkaVolterra.problem(),
                    o.withSteps(400).withCheckpoints(ScheduleSpec.binomial(7))));
            worst = Math.max(worst, forwardModeError(Lorenz96.problem(40),
                    o.withSteps(200).withCheckpoints(ScheduleSpec.binomial(9))));
            if (m.isAdaptive()) {
                worst = Math.max(worst, forwardModeError(LotkaVolterra.problem(), o.withTolerances(1e-9, 1e-11)));
                worst = Math.max(worst, forwardModeError(Lorenz96.problem(40), o.withTolerances(1e-8, 1e-10)
                        .withCheckpoints(ScheduleSpec.online(6))));
            }
        }
        sink.accept(new Figure("adjoint = forward mode of the same scheme, explicit",
                "9 methods; Lotka-Volterra and Lorenz-96 n = 40; fixed and adaptive grids", worst, 1e-12));
    }

    private static void implicitForwardMode(Consumer<Figure> sink) {
        GradientProblem base = Robertson.problem();
        GradientProblem early = new GradientProblem("robertson[0,0.04]", base.model(), base.parameters(),
                base.initialState(), 0.0, 0.04, base.objective());
        double worst = 0;
        for (RungeKuttaMethod m : RungeKuttaMethods.implicit()) {
            GradientOptions o = GradientOptions.defaults().withMethod(m);
            if (m.isAdaptive()) {
                worst = Math.max(worst, forwardModeError(base, o.withTolerances(1e-5, 1e-9)
                        .withCheckpoints(ScheduleSpec.binomial(6))));
            }
            worst = Math.max(worst, forwardModeError(early, o.withSteps(400)
                    .withCheckpoints(ScheduleSpec.binomial(8))));
            worst = Math.max(worst, forwardModeError(Heat.problem(100), o.withSteps(20)
                    .withCheckpoints(ScheduleSpec.binomial(4))));
        }
        sink.accept(new Figure("adjoint = forward mode of the same scheme, implicit",
                "5 methods; Robertson on [0, 4e7] adaptive and [0, 0.04] fixed, heat n = 100", worst, 2e-11));
    }

    private static void tangents(Consumer<Figure> sink) {
        double worst = 0;
        GradientProblem problem = LotkaVolterra.problem();
        double[] q = {0.3, -0.7, 0.2, 0.9};
        double[] v = {-0.4, 0.6};
        for (RungeKuttaMethod m : RungeKuttaMethods.all()) {
            GradientOptions o = GradientOptions.defaults().withMethod(m).withSteps(300);
            GradientResult adjoint = GradientSolver.solve(problem, o);
            double dot = 0;
            for (int j = 0; j < q.length; j++) {
                dot += adjoint.parameterGradient()[j] * q[j];
            }
            for (int i = 0; i < v.length; i++) {
                dot += adjoint.initialStateGradient()[i] * v[i];
            }
            double tangent = TangentLinear.directional(problem, o, adjoint.grid(), q, v).derivative();
            worst = Math.max(worst, Math.abs(tangent - dot) / Math.abs(tangent));
        }
        sink.accept(new Figure("dot-product test: tangent-linear sweep = adjoint",
                "14 methods; Lotka-Volterra, 300 steps", worst, 5e-13));
    }

    private static void lotkaVolterraReference(Consumer<Figure> sink) {
        LotkaVolterraVariational.Reference reference = LotkaVolterraVariational.compute();
        GradientResult r = GradientSolver.solve(LotkaVolterra.problem(), GradientOptions.defaults()
                .withTolerances(1e-10, 1e-12));
        String cases = "Lotka-Volterra, dopri5 rtol 1e-10 vs variational equations (DP853, rtol 1e-13)";
        sink.accept(new Figure("J against an independent reference", cases,
                Math.abs(r.value() - reference.value()) / Math.abs(reference.value()), 1e-10));
        sink.accept(new Figure("dJ/dp against an independent reference", cases,
                relativeError(r.parameterGradient(), reference.parameterGradient()), 2e-9));
        sink.accept(new Figure("dJ/dy0 against an independent reference", cases,
                relativeError(r.initialStateGradient(), reference.initialStateGradient()), 2e-8));
    }

    private static void lorenz96Tolerance(Consumer<Figure> sink) {
        GradientResult tight = GradientSolver.solve(Lorenz96.problem(40), GradientOptions.defaults()
                .withMethod(RungeKuttaMethods.DOP853).withTolerances(1e-13, 1e-15));
        GradientResult run = GradientSolver.solve(Lorenz96.problem(40), GradientOptions.defaults()
                .withTolerances(1e-10, 1e-12));
        sink.accept(new Figure("Lorenz-96 gradient against a tight run",
                "n = 40, dopri5 rtol 1e-10 vs dop853 rtol 1e-13; dJ/dF and dJ/dx0", Math.max(
                        relativeError(run.parameterGradient(), tight.parameterGradient()),
                        relativeError(run.initialStateGradient(), tight.initialStateGradient())), 5e-6));
    }

    private static GradientProblem robertson(double finalTime) {
        GradientProblem p = Robertson.problem();
        return new GradientProblem("robertson", p.model(), p.parameters(), p.initialState(), 0.0, finalTime,
                p.objective());
    }

    /** The worst componentwise relative error of {@code {J, dJ/dp, dJ/dy0}} against a reference (NaN: skipped). */
    private static double worstComponent(GradientResult r, double[] reference) {
        double[] got = new double[7];
        got[0] = r.value();
        System.arraycopy(r.parameterGradient(), 0, got, 1, 3);
        System.arraycopy(r.initialStateGradient(), 0, got, 4, 3);
        double worst = 0;
        for (int k = 0; k < 7; k++) {
            if (!Double.isNaN(reference[k])) {
                worst = Math.max(worst, Math.abs(got[k] - reference[k]) / Math.abs(reference[k]));
            }
        }
        return worst;
    }

    private static void robertsonReferences(Consumer<Figure> sink) {
        GradientOptions esdirk4 = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
                .withTolerances(1e-8, 1e-10);
        double cvodes = 0;
        for (double t : RobertsonReferences.cvodesTimes()) {
            cvodes = Math.max(cvodes, worstComponent(GradientSolver.solve(robertson(t), esdirk4),
                    RobertsonReferences.cvodes(t)));
        }
        sink.accept(new Figure("Robertson against CVODES (cvsRoberts_ASAi_dns, 5 printed digits)",
                "esdirk4 rtol 1e-8; T = 50 and 4e7; G, dG/dp, lambda(t0), worst component", cvodes, 2e-4));
        for (RungeKuttaMethod m : new RungeKuttaMethod[] {RungeKuttaMethods.ESDIRK3, RungeKuttaMethods.ESDIRK4}) {
            double worst = 0;
            for (double t : new double[] {50, 4e7}) {
                worst = Math.max(worst, worstComponent(GradientSolver.solve(robertson(t), GradientOptions.defaults()
                        .withMethod(m).withTolerances(1e-8, 1e-10)), RobertsonReferences.forwardSensitivities(t)));
            }
            sink.accept(new Figure("Robertson against continuous forward sensitivities",
                    m.name() + " rtol 1e-8 (reference esdirk4 rtol 1e-10); T = 50 and 4e7; worst component", worst,
                    m == RungeKuttaMethods.ESDIRK3 ? 4e-7 : 2e-5));
        }
    }

    private static double[] constantHeatGradient(int n, RungeKuttaMethod method, int steps) {
        double[] kappa = new double[n + 1];
        java.util.Arrays.fill(kappa, 1.0);
        return GradientSolver.solve(Heat.problem(n, kappa), GradientOptions.defaults().withMethod(method)
                .withSteps(steps)).initialStateGradient();
    }

    private static void heatOrders(Consumer<Figure> sink) {
        int n = 50;
        double[] exact = HeatFourierAdjoint.initialStateGradient(n, true);
        double worst = 0;
        StringBuilder orders = new StringBuilder();
        for (RungeKuttaMethod m : RungeKuttaMethods.implicit()) {
            int[] steps = m.order() >= 3 ? new int[] {5, 10, 20, 40} : new int[] {10, 20, 40, 80};
            double previous = Double.NaN;
            orders.append(orders.length() == 0 ? "" : ", ").append(m.name()).append(' ');
            for (int i = 0; i < steps.length; i++) {
                double error = relativeError(constantHeatGradient(n, m, steps[i]), exact);
                if (i > 0) {
                    double order = Math.log(previous / error) / Math.log(2);
                    worst = Math.max(worst, Math.abs(order - m.order()));
                    orders.append(i > 1 ? "/" : "").append(String.format(java.util.Locale.ROOT, "%.2f", order));
                }
                previous = error;
            }
        }
        sink.accept(new Figure("heat, constant diffusivity: order of dJ/du0 vs the Fourier adjoint: distance from p",
                "n = 50, steps halved 3 times; observed " + orders, worst, 0.2));
        // Refining grid and step together (N = 4 (n + 1), Crank–Nicolson), dJ/du0 / h converges to the
        // continuous adjoint at second order.
        int[] sizes = {19, 39, 79};
        double previous = Double.NaN;
        double continuous = 0;
        StringBuilder observed = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            double error = relativeError(constantHeatGradient(sizes[i], RungeKuttaMethods.CN, 4 * (sizes[i] + 1)),
                    HeatFourierAdjoint.initialStateGradient(sizes[i], false));
            if (i > 0) {
                double order = Math.log(previous / error) / Math.log(2);
                continuous = Math.max(continuous, Math.abs(order - 2));
                observed.append(i > 1 ? "/" : "").append(String.format(java.util.Locale.ROOT, "%.2f", order));
            }
            previous = error;
        }
        sink.accept(new Figure("heat: order of convergence to the continuous adjoint: distance from 2",
                "cn, n = 19, 39, 79 with 4 (n + 1) steps; observed " + observed, continuous, 0.02));
    }

    private static void schedules(Consumer<Figure> sink) {
        double worst = 0;
        Object[][] setups = {
            {LotkaVolterra.problem(), GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(240)},
            {Lorenz96.problem(40), GradientOptions.defaults().withMethod(RungeKuttaMethods.DOP853)
                .withTolerances(1e-9, 1e-11)},
            {Robertson.problem(), GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
                .withTolerances(1e-6, 1e-10)}};
        for (Object[] setup : setups) {
            GradientProblem problem = (GradientProblem) setup[0];
            GradientOptions options = (GradientOptions) setup[1];
            GradientResult reference = GradientSolver.solve(problem, options.withCheckpoints(ScheduleSpec.storeAll()));
            for (ScheduleSpec spec : SCHEDULES) {
                GradientResult r = GradientSolver.solve(problem, options.withCheckpoints(spec));
                worst = Math.max(worst, Math.max(relativeError(r.parameterGradient(), reference.parameterGradient()),
                        relativeError(r.initialStateGradient(), reference.initialStateGradient())));
            }
        }
        sink.accept(new Figure("every schedule gives the store-all gradient bit for bit",
                "14 schedules; rk4 Lotka-Volterra, dop853 Lorenz-96, esdirk4 Robertson", worst, 0.0));
    }

    /**
     * @param a a vector (not modified)
     * @param b the reference (not modified)
     * @return {@code |a - b| / |b|} (Euclidean)
     */
    static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }
}
