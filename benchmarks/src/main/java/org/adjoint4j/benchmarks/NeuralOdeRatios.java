package org.adjoint4j.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link NeuralOdeBenchmark} and prints, per network and schedule, the forward and gradient
 * times and their ratio, measured in the same run. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.NeuralOdeRatios} (about
 * 8 minutes; the 10^6-weight network takes seconds per gradient).
 */
public final class NeuralOdeRatios {

    private NeuralOdeRatios() {
    }

    /**
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(NeuralOdeBenchmark.class.getSimpleName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> byCase = new TreeMap<>();
        for (RunResult r : results) {
            String key = r.getParams().getParam("network") + " " + r.getParams().getParam("checkpoints");
            double[] t = byCase.computeIfAbsent(key, k -> new double[4]);
            boolean forward = r.getParams().getBenchmark().endsWith("forward");
            t[forward ? 0 : 1] = r.getPrimaryResult().getScore();
            t[forward ? 2 : 3] = r.getPrimaryResult().getScoreError();
        }
        System.out.printf("%n%-22s %10s %16s %18s %18s%n", "network checkpoints", "weights", "forward ms",
                "gradient ms", "gradient/forward");
        for (Map.Entry<String, double[]> e : byCase.entrySet()) {
            String[] wd = e.getKey().split(" ")[0].split("x");
            int w = Integer.parseInt(wd[0]);
            int d = Integer.parseInt(wd[1]);
            long weights = 2L * w + w + (long) (d - 1) * (w * (long) w + w) + 2L * w + 2;
            double[] t = e.getValue();
            System.out.printf("%-22s %10d %9.2f ± %-5.2f %10.2f ± %-6.2f %10.2f%n", e.getKey(), weights, t[0], t[2],
                    t[1], t[3], t[1] / t[0]);
        }
    }
}
