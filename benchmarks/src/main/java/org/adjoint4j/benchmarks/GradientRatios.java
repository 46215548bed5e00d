package org.adjoint4j.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.adjoint4j.checkpointing.ScheduleCounts;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GradientBenchmark} and prints gradient/forward ratios measured in the same run,
 * next to what each fixed-step schedule predicts: store-all's ratio plus the schedule's advances
 * (recomputed forward steps) per step.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.GradientRatios}.
 */
public final class GradientRatios {

    private GradientRatios() {
    }

    /**
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(GradientBenchmark.class.getSimpleName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> byCase = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getParam("method");
            String checkpoints = r.getParams().getParam("checkpoints");
            String key = method + " " + checkpoints;
            double[] times = byCase.computeIfAbsent(key, k -> new double[2]);
            boolean forward = r.getParams().getBenchmark().endsWith("forward");
            times[forward ? 0 : 1] = r.getPrimaryResult().getScore();
        }
        System.out.printf("%n%-24s %12s %12s %16s %26s%n", "lorenz96 n=1000", "forward ms", "gradient ms",
                "gradient/forward", "predicted gradient/forward");
        for (Map.Entry<String, double[]> e : byCase.entrySet()) {
            String[] parts = e.getKey().split(" ");
            String predicted = "-";
            double[] storeAll = byCase.get(parts[0] + " store-all");
            if (parts[0].equals("rk4") && !parts[1].equals("store-all") && !parts[1].startsWith("online")
                    && storeAll != null) {
                // A schedule adds its advances (recomputed steps) to store-all's cost.
                ScheduleCounts c = ScheduleSpec.parse(parts[1]).forSteps(400).counts();
                predicted = String.format("%.2f", storeAll[1] / storeAll[0] + c.advances() / 400.0);
            }
            double[] t = e.getValue();
            System.out.printf("%-24s %12.2f %12.2f %16.2f %26s%n", e.getKey(), t[0], t[1], t[1] / t[0], predicted);
        }
    }
}
