package org.adjoint4j.validation.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.ConvergenceStudy;

/**
 * Work-precision side by side with SUNDIALS CVODES on the reference problems, with the same
 * statistic on both sides: for each tolerance and side, gradients are solved untimed until
 * {@link Settings#unitSeconds} (100 ms) have passed, a unit is as many gradients back to back as
 * that took, untimed units follow for at least {@link Settings#warmup} units and
 * {@link Settings#warmupSeconds} (0.25 s), and the time of one gradient is the median of
 * {@code units} timed units over the gradients per unit. Within a repetition each case measures
 * our side before and after CVODES's and takes the mean of the two, so a drift of the machine's
 * speed during the case touches both sides alike. Our side runs in this JVM, after a
 * warm-up of a second per case so the JIT has compiled what the timed units run (the per-point
 * warm-up then absorbs recompilation when one problem's code follows another's); CVODES's side
 * repeats inside its own process (its programs' {@code --min-unit --warmup --warmup-seconds
 * --repeat}).
 *
 * <p>Errors: the gradient's relative error against a tight reference of ours (the larger of the
 * dJ/dp and dJ/dy0 relative norms; for the chaotic Lorenz-96, the worst of the smooth projections
 * {@code v = 1} and {@code v = sin(2 pi i / n)} of both, as its reference problem prescribes).
 * CVODES's adjoint runs with its backward tolerances set like its forward ones ({@code same}) and
 * with its programs' scaled ones ({@code scaled}), each a curve of its own.
 *
 * <p>The matched-error ratio of one of our points is {@code t_ours / t_cvodes(e_ours)}, CVODES's
 * time interpolated log-log along its curve at our error ({@link WorkPoint#secondsAt}); points
 * outside CVODES's range of errors have none. The whole comparison is repeated, every case in
 * turn within a repetition (so a slow minute of the machine touches both sides), and each ratio is
 * reported as its median over the repetitions with its spread, the largest over the smallest.
 */
public final class CvodesComparison {

    /** The backward-tolerance settings of CVODES's adjoint that are compared. */
    public static final List<String> BACKWARD = List.of("same", "scaled");

    private CvodesComparison() {
    }

    /**
     * One problem at one size.
     *
     * @param problem the problem's name (the CVODES program's)
     * @param n the state dimension
     * @param gradientProblem our problem
     * @param method our method
     * @param referenceMethod the reference's method
     * @param referenceRtol the reference's relative tolerance
     * @param referenceAtol the reference's absolute tolerance
     * @param rtols our tolerances
     * @param cvodesRtols CVODES's tolerances
     * @param atolPerRtol the absolute tolerance over the relative one, on both sides
     * @param projections whether errors are taken through the smooth projections (Lorenz-96)
     */
    public record Case(String problem, int n, GradientProblem gradientProblem, RungeKuttaMethod method,
            RungeKuttaMethod referenceMethod, double referenceRtol, double referenceAtol, double[] rtols,
            double[] cvodesRtols, double atolPerRtol, boolean projections) {

        /**
         * Copies the tolerances.
         *
         * @param problem the problem's name
         * @param n the state dimension
         * @param gradientProblem our problem
         * @param method our method
         * @param referenceMethod the reference's method
         * @param referenceRtol the reference's relative tolerance
         * @param referenceAtol the reference's absolute tolerance
         * @param rtols our tolerances
         * @param cvodesRtols CVODES's tolerances
         * @param atolPerRtol the absolute tolerance over the relative one
         * @param projections whether errors are taken through the smooth projections
         */
        public Case {
            rtols = rtols.clone();
            cvodesRtols = cvodesRtols.clone();
        }

        /** @return a copy of our tolerances */
        @Override
        public double[] rtols() {
            return rtols.clone();
        }

        /** @return a copy of CVODES's tolerances */
        @Override
        public double[] cvodesRtols() {
            return cvodesRtols.clone();
        }

        /** @return e.g. {@code heat n=1000} */
        public String label() {
            return problem + " n=" + n;
        }
    }

    /**
     * How much is measured.
     *
     * @param repetitions repetitions of the whole comparison
     * @param units timed units per point
     * @param warmup untimed units per point, at least
     * @param warmupSeconds seconds of untimed units per point, at least
     * @param unitSeconds the least time of a unit: a unit is as many gradients as untimed ones took
     *        to pass this time
     */
    public record Settings(int repetitions, int units, int warmup, double warmupSeconds, double unitSeconds) {

        /**
         * The README's statistic: 5 repetitions, the median of 7 units of at least 100 ms each,
         * after at least 1 unit and 0.25 s of warm-up. (5 units of 50 ms left two Lorenz-96
         * ratios, whose gradients take 0.5 to 2 ms, with a spread of 1.51 and 1.52 over the
         * repetitions.)
         */
        public static final Settings DEFAULT = new Settings(5, 7, 1, 0.25, 0.1);

        /**
         * @param repetitions repetitions of the whole comparison (at least 1)
         * @param units timed units per point (at least 1)
         * @param warmup untimed units per point (at least 0)
         * @param warmupSeconds seconds of untimed units per point (at least 0)
         * @param unitSeconds the least time of a unit (positive)
         */
        public Settings {
            if (!(warmupSeconds >= 0)) {
                throw new IllegalArgumentException("warmupSeconds must be at least 0, got " + warmupSeconds);
            }
            if (!(unitSeconds > 0)) {
                throw new IllegalArgumentException("unitSeconds must be positive, got " + unitSeconds);
            }
            if (repetitions < 1) {
                throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
            }
            if (units < 1) {
                throw new IllegalArgumentException("units must be at least 1, got " + units);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must be at least 0, got " + warmup);
            }
        }
    }

    /**
     * One solver's curve on one case, its times the medians over the repetitions.
     *
     * @param problem the case's problem
     * @param n its size
     * @param solver {@code adjoint4j ESDIRK4}, {@code cvodes bdf}, ...
     * @param backward CVODES's backward setting, empty for ours
     * @param points the curve
     */
    public record Curve(String problem, int n, String solver, String backward, List<WorkPoint> points) {

        /**
         * Copies the points.
         *
         * @param problem the case's problem
         * @param n its size
         * @param solver the solver
         * @param backward CVODES's backward setting, empty for ours
         * @param points the curve
         */
        public Curve {
            points = List.copyOf(points);
        }
    }

    /**
     * Our time over CVODES's at one of our points.
     *
     * @param problem the case's problem
     * @param n its size
     * @param backward CVODES's backward setting
     * @param rtol our tolerance
     * @param error our gradient's error, at which CVODES's time is interpolated
     * @param ratio the median over the repetitions of our time over CVODES's
     * @param spread the largest ratio over the smallest across the repetitions
     * @param ratios every repetition's ratio
     */
    public record MatchedRatio(String problem, int n, String backward, double rtol, double error, double ratio,
            double spread, double[] ratios) {

        /**
         * Copies the ratios.
         *
         * @param problem the case's problem
         * @param n its size
         * @param backward CVODES's backward setting
         * @param rtol our tolerance
         * @param error our gradient's error
         * @param ratio the median ratio
         * @param spread max / min of the ratios
         * @param ratios every repetition's ratio
         */
        public MatchedRatio {
            ratios = ratios.clone();
        }

        /** @return a copy of every repetition's ratio */
        @Override
        public double[] ratios() {
            return ratios.clone();
        }
    }

    /**
     * The comparison's outcome.
     *
     * @param comparisons the matched-error ratios, case by case
     * @param curves every solver's curve (median times)
     * @param settings what was measured
     */
    public record Report(List<MatchedRatio> comparisons, List<Curve> curves, Settings settings) {

        /**
         * Copies the lists.
         *
         * @param comparisons the matched-error ratios
         * @param curves every solver's curve
         * @param settings what was measured
         */
        public Report {
            comparisons = List.copyOf(comparisons);
            curves = List.copyOf(curves);
        }
    }

    /**
     * The five problem sizes (robertson repeated, heat n = 1000 and 10,000, Lorenz-96 n = 1000 and
     * 10,000), or, quick, the three smaller ones at fewer tolerances. CVODES's tolerances reach
     * past ours at both ends, so its curve brackets our errors.
     *
     * @param quick the short set
     * @return the cases
     */
    public static List<Case> cases(boolean quick) {
        List<Case> cases = new ArrayList<>();
        double[] robertson = quick ? new double[] {1e-6, 1e-8} : new double[] {1e-5, 1e-6, 1e-7, 1e-8, 1e-9};
        double[] robertsonCvodes = quick ? new double[] {1e-6, 1e-7, 1e-8, 1e-9, 1e-10}
                : new double[] {1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11};
        cases.add(new Case("robertson", 3, Robertson.problem(), RungeKuttaMethods.ESDIRK4, RungeKuttaMethods.ESDIRK4,
                1e-12, 1e-14, robertson, robertsonCvodes, 1e-4, false));
        double[] heat = quick ? new double[] {1e-5, 1e-7} : new double[] {1e-4, 1e-5, 1e-6, 1e-7, 1e-8};
        double[] heatCvodes = quick ? new double[] {1e-5, 1e-6, 1e-7, 1e-8, 1e-9}
                : new double[] {1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};
        for (int n : quick ? new int[] {1000} : new int[] {1000, 10000}) {
            cases.add(new Case("heat", n, Heat.problem(n), RungeKuttaMethods.ESDIRK4, RungeKuttaMethods.ESDIRK4,
                    1e-11, 1e-14, heat, heatCvodes, 1e-3, false));
        }
        double[] lorenz = quick ? new double[] {1e-6, 1e-8} : new double[] {1e-5, 1e-6, 1e-7, 1e-8, 1e-9};
        double[] lorenzCvodes = quick ? new double[] {1e-6, 1e-7, 1e-8, 1e-9, 1e-10}
                : new double[] {1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};
        for (int n : quick ? new int[] {1000} : new int[] {1000, 10000}) {
            cases.add(new Case("lorenz96", n, Lorenz96.problem(n), RungeKuttaMethods.DOPRI5, RungeKuttaMethods.DOP853,
                    1e-13, 1e-13, lorenz, lorenzCvodes, 1.0, true));
        }
        return cases;
    }

    /**
     * Runs the comparison.
     *
     * @param programs the CVODES programs
     * @param cases the cases
     * @param settings how much is measured
     * @param progress receives a line per point measured
     * @return the ratios and curves
     */
    public static Report run(CvodesPrograms programs, List<Case> cases, Settings settings, Consumer<String> progress) {
        int c = cases.size();
        GradientResult[] references = new GradientResult[c];
        for (int i = 0; i < c; i++) {
            Case k = cases.get(i);
            progress.accept("reference " + k.label() + " (" + k.referenceMethod().name() + " rtol " + k.referenceRtol()
                    + ")");
            references[i] = GradientSolver.solve(k.gradientProblem(), GradientOptions.defaults()
                    .withMethod(k.referenceMethod()).withTolerances(k.referenceRtol(), k.referenceAtol()));
        }
        for (Case k : cases) {
            // The JIT compiles what the timed units run: every case's loosest and tightest
            // tolerance, in turn for a second, before anything is timed.
            progress.accept("warming up " + k.label());
            long start = System.nanoTime();
            do {
                GradientSolver.solve(k.gradientProblem(), options(k.method(), k.rtols[0], k));
                GradientSolver.solve(k.gradientProblem(), options(k.method(), k.rtols[k.rtols.length - 1], k));
            } while (System.nanoTime() - start < 1_000_000_000L);
        }
        // points[case][solver][repetition] with solver 0 ours, 1.. CVODES's backward settings
        List<List<List<List<WorkPoint>>>> points = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            List<List<List<WorkPoint>>> bySolver = new ArrayList<>();
            for (int s = 0; s <= BACKWARD.size(); s++) {
                bySolver.add(new ArrayList<>());
            }
            points.add(bySolver);
        }
        for (int rep = 0; rep < settings.repetitions(); rep++) {
            for (int i = 0; i < c; i++) {
                Case k = cases.get(i);
                String where = "repetition " + (rep + 1) + "/" + settings.repetitions() + ", " + k.label();
                // Ours before and after CVODES's (A B B' A): a drift of the machine's speed during
                // the case moves both sides alike.
                progress.accept(where + ": adjoint4j");
                List<WorkPoint> before = ours(k, references[i], settings);
                for (int s = 0; s < BACKWARD.size(); s++) {
                    progress.accept(where + ": cvodes, backward tolerances " + BACKWARD.get(s));
                    points.get(i).get(s + 1).add(cvodes(programs, k, BACKWARD.get(s), references[i], settings));
                }
                progress.accept(where + ": adjoint4j again");
                points.get(i).get(0).add(mean(before, ours(k, references[i], settings)));
            }
        }
        List<MatchedRatio> ratios = new ArrayList<>();
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            Case k = cases.get(i);
            List<List<WorkPoint>> ours = points.get(i).get(0);
            curves.add(new Curve(k.problem(), k.n(), "adjoint4j " + k.method().name(), "", medianCurve(ours)));
            for (int s = 0; s < BACKWARD.size(); s++) {
                List<List<WorkPoint>> theirs = points.get(i).get(s + 1);
                curves.add(new Curve(k.problem(), k.n(), k.problem().equals("lorenz96") ? "cvodes adams" : "cvodes bdf",
                        BACKWARD.get(s), medianCurve(theirs)));
                for (int j = 0; j < k.rtols.length; j++) {
                    double error = ours.get(0).get(j).error();
                    double[] r = new double[settings.repetitions()];
                    for (int rep = 0; rep < r.length; rep++) {
                        r[rep] = ours.get(rep).get(j).seconds() / WorkPoint.secondsAt(theirs.get(rep), error);
                    }
                    if (Double.isNaN(r[0])) {
                        continue; // outside CVODES's range of errors
                    }
                    double[] sorted = r.clone();
                    Arrays.sort(sorted);
                    ratios.add(new MatchedRatio(k.problem(), k.n(), BACKWARD.get(s), k.rtols[j], error, median(sorted),
                            sorted[sorted.length - 1] / sorted[0], r));
                }
            }
        }
        return new Report(ratios, curves, settings);
    }

    private static GradientOptions options(RungeKuttaMethod method, double rtol, Case k) {
        return GradientOptions.defaults().withMethod(method).withTolerances(rtol, rtol * k.atolPerRtol());
    }

    private static List<WorkPoint> ours(Case k, GradientResult reference, Settings settings) {
        List<WorkPoint> curve = new ArrayList<>();
        for (double rtol : k.rtols) {
            GradientOptions options = options(k.method(), rtol, k);
            GradientResult result;
            int inner = 0;
            long start = System.nanoTime();
            do {
                result = GradientSolver.solve(k.gradientProblem(), options);
                inner++;
            } while ((System.nanoTime() - start) * 1e-9 < settings.unitSeconds());
            start = System.nanoTime();
            for (int u = 0; u < settings.warmup()
                    || (System.nanoTime() - start) * 1e-9 < settings.warmupSeconds(); u++) {
                for (int g = 0; g < inner; g++) {
                    result = GradientSolver.solve(k.gradientProblem(), options);
                }
            }
            double[] units = new double[settings.units()];
            for (int u = 0; u < units.length; u++) {
                start = System.nanoTime();
                for (int g = 0; g < inner; g++) {
                    result = GradientSolver.solve(k.gradientProblem(), options);
                }
                units[u] = (System.nanoTime() - start) * 1e-9;
            }
            Arrays.sort(units);
            long steps = result.grid().steps();
            curve.add(new WorkPoint(rtol, error(result.parameterGradient(), result.initialStateGradient(), reference,
                    k.projections()), median(units) / inner, inner, steps, steps,
                    result.statistics().rhsEvaluations() + result.statistics().vjpEvaluations()));
        }
        return curve;
    }

    private static List<WorkPoint> cvodes(CvodesPrograms programs, Case k, String backward, GradientResult reference,
            Settings settings) {
        List<WorkPoint> curve = new ArrayList<>();
        for (double rtol : k.cvodesRtols) {
            double atol = rtol * k.atolPerRtol();
            CvodesRun run = programs.run(k.problem(), k.n(), rtol, atol, backward, settings.warmup(),
                    settings.warmupSeconds(), settings.units(), settings.unitSeconds());
            curve.add(new WorkPoint(rtol, error(run.parameterGradient(), run.initialStateGradient(), reference,
                    k.projections()), run.seconds(), run.inner(), run.forwardSteps(), run.backwardSteps(),
                    run.forwardRhs() + run.backwardRhs()));
        }
        return curve;
    }

    /** Point by point, the mean time of two measurements of the same curve. */
    private static List<WorkPoint> mean(List<WorkPoint> a, List<WorkPoint> b) {
        List<WorkPoint> curve = new ArrayList<>();
        for (int j = 0; j < a.size(); j++) {
            WorkPoint p = a.get(j);
            curve.add(new WorkPoint(p.rtol(), p.error(), 0.5 * (p.seconds() + b.get(j).seconds()), p.gradientsPerUnit(),
                    p.forwardSteps(), p.backwardSteps(), p.evaluations()));
        }
        return curve;
    }

    /** Point by point, the median time over the repetitions (errors and counts do not change). */
    private static List<WorkPoint> medianCurve(List<List<WorkPoint>> repetitions) {
        List<WorkPoint> curve = new ArrayList<>();
        for (int j = 0; j < repetitions.get(0).size(); j++) {
            double[] t = new double[repetitions.size()];
            for (int rep = 0; rep < t.length; rep++) {
                t[rep] = repetitions.get(rep).get(j).seconds();
            }
            Arrays.sort(t);
            WorkPoint p = repetitions.get(0).get(j);
            curve.add(new WorkPoint(p.rtol(), p.error(), median(t), p.gradientsPerUnit(), p.forwardSteps(),
                    p.backwardSteps(), p.evaluations()));
        }
        return curve;
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }

    /**
     * The gradient's error as the class states.
     *
     * @param dp dJ/dp
     * @param dy0 dJ/dy0
     * @param reference the reference gradient
     * @param projections through the smooth projections
     * @return the relative error
     */
    static double error(double[] dp, double[] dy0, GradientResult reference, boolean projections) {
        if (!projections) {
            return Math.max(ConvergenceStudy.relativeError(dp, reference.parameterGradient()),
                    ConvergenceStudy.relativeError(dy0, reference.initialStateGradient()));
        }
        double worst = 0;
        double[][][] pairs = {{dp, reference.parameterGradient()}, {dy0, reference.initialStateGradient()}};
        for (double[][] pair : pairs) {
            for (int v = 0; v < 2; v++) {
                double a = 0;
                double b = 0;
                for (int i = 0; i < pair[0].length; i++) {
                    double w = v == 0 ? 1.0 : Math.sin(2 * Math.PI * i / pair[0].length);
                    a += w * pair[0][i];
                    b += w * pair[1][i];
                }
                worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
            }
        }
        return worst;
    }
}
