package org.adjoint4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.Lorenz96Sensitivities;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.CentralDifferences;

/**
 * The key cost ratios, measured in one run (median of repetitions after a warm-up; wall time,
 * so a rough guide next to the JMH benchmarks):
 * <ul>
 *   <li>gradient / forward for Lorenz-96 n = 1000, RK4 on 400 steps, store-all and binomial
 *       checkpointing, next to the recomputation each schedule predicts;</li>
 *   <li>forward sensitivities / adjoint and central finite differences / adjoint for dJ/dF of
 *       Lorenz-96 with m = n = 10, 100 (and 1000 unless quick), RK4 on 100 steps.</li>
 * </ul>
 */
public final class QuickBench {

    /**
     * @param name what is compared
     * @param problem the problem and its size
     * @param repetitions timed repetitions of each side
     * @param numeratorMillis median time of the numerator
     * @param denominatorMillis median time of the denominator
     * @param ratio numerator / denominator
     * @param predicted the ratio a model predicts (store-all's plus the schedule's advances per
     *        step), or NaN
     */
    public record Ratio(String name, String problem, int repetitions, double numeratorMillis,
            double denominatorMillis, double ratio, double predicted) {
    }

    private QuickBench() {
    }

    /**
     * @param quick the short set (under a minute)
     * @param progress sees each ratio as it is measured (may be null)
     * @return the ratios
     */
    public static List<Ratio> run(boolean quick, Consumer<Ratio> progress) {
        List<Ratio> ratios = new ArrayList<>();
        Consumer<Ratio> sink = r -> {
            ratios.add(r);
            if (progress != null) {
                progress.accept(r);
            }
        };
        GradientProblem l96 = Lorenz96.problem(1000);
        GradientOptions rk4 = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(400);
        int reps = quick ? 7 : 21;
        double forward = median(() -> GradientSolver.value(l96, rk4), reps);
        double storeAll = Double.NaN;
        for (String spec : new String[] {"store-all", "binomial:10", "binomial:4", "online:10"}) {
            ScheduleSpec s = ScheduleSpec.parse(spec);
            double gradient = median(() -> GradientSolver.solve(l96, rk4.withCheckpoints(s)), reps);
            // A schedule adds its recomputed steps to the store-all cost: predicted
            // gradient/forward = store-all's + advances / N.
            boolean reference = spec.equals("store-all");
            double predicted = reference ? Double.NaN : storeAll + s.forSteps(400).counts().advances() / 400.0;
            if (reference) {
                storeAll = gradient / forward;
            }
            sink.accept(new Ratio("gradient / forward, " + spec, "lorenz96 n=1000, rk4 400 steps", reps, gradient,
                    forward, gradient / forward, predicted));
        }
        int[] sizes = quick ? new int[] {10, 100} : new int[] {10, 100, 1000};
        for (int m : sizes) {
            GradientProblem p = Lorenz96.problem(m);
            GradientOptions o = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(100)
                    .withCheckpoints(ScheduleSpec.storeAll());
            int r = m >= 1000 ? 3 : reps;
            double adjoint = median(() -> GradientSolver.solve(p, o), r);
            double sensitivities = median(() -> Lorenz96Sensitivities.gradient(p.initialState(), p.parameters(),
                    Lorenz96.FINAL_TIME, 100), r);
            double differences = median(() -> CentralDifferences.parameterGradient(p, o), m >= 1000 ? 1 : r);
            String problem = "lorenz96 m=n=" + m + ", rk4 100 steps";
            sink.accept(new Ratio("forward sensitivities / adjoint", problem, r, sensitivities, adjoint,
                    sensitivities / adjoint, Double.NaN));
            sink.accept(new Ratio("finite differences / adjoint", problem, m >= 1000 ? 1 : r, differences, adjoint,
                    differences / adjoint, Double.NaN));
        }
        return ratios;
    }

    /** Median wall time in ms of {@code repetitions} runs after a warm-up (3 runs and 0.5 s at least). */
    private static double median(Supplier<?> work, int repetitions) {
        long warmStart = System.nanoTime();
        for (int k = 0; k < 3 || System.nanoTime() - warmStart < 500_000_000L; k++) {
            work.get();
            if (k > 50) {
                break;
            }
        }
        double[] t = new double[repetitions];
        for (int k = 0; k < repetitions; k++) {
            long start = System.nanoTime();
            work.get();
            t[k] = (System.nanoTime() - start) * 1e-6;
        }
        Arrays.sort(t);
        return t[repetitions / 2];
    }
}
