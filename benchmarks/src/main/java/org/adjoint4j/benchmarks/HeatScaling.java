package org.adjoint4j.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link HeatBenchmark} and prints, for each n, the forward time per step, the adjoint time
 * per step (gradient minus forward, over the steps), both per node, and gradient/forward, all
 * measured in the same run: linear cost in n shows as a flat time per step and node.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.HeatScaling}.
 */
public final class HeatScaling {

    private HeatScaling() {
    }

    /**
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(HeatBenchmark.class.getSimpleName()).build()).run();
        Map<Integer, double[]> byN = new TreeMap<>();
        for (RunResult r : results) {
            int n = Integer.parseInt(r.getParams().getParam("n"));
            boolean forward = r.getParams().getBenchmark().endsWith("forward");
            byN.computeIfAbsent(n, k -> new double[2])[forward ? 0 : 1] = r.getPrimaryResult().getScore();
        }
        int steps = HeatBenchmark.STEPS;
        double recomputation = ScheduleSpec.binomial(8).forSteps(steps).counts().recomputationFactor();
        System.out.printf("%nheat, esdirk4, %d steps, binomial:8 (predicted forward steps per step %.2f)%n", steps,
                recomputation);
        System.out.printf("%8s %16s %16s %20s %20s %18s%n", "n", "forward ms/step", "adjoint ms/step",
                "forward ns/step/node", "adjoint ns/step/node", "gradient/forward");
        for (Map.Entry<Integer, double[]> e : byN.entrySet()) {
            double[] t = e.getValue();
            double forward = t[0] / steps;
            double adjoint = (t[1] - t[0]) / steps;
            int n = e.getKey();
            System.out.printf("%8d %16.3f %16.3f %20.1f %20.1f %18.2f%n", n, forward, adjoint, forward * 1e6 / n,
                    adjoint * 1e6 / n, t[1] / t[0]);
        }
    }
}
