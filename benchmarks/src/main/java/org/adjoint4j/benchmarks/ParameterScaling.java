package org.adjoint4j.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ParameterScalingBenchmark} and prints, for m = 10, 100, 1000, the time of each way
 * to the gradient and the ratios forward sensitivities / adjoint and finite differences / adjoint,
 * measured in the same run.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.ParameterScaling}.
 */
public final class ParameterScaling {

    private ParameterScaling() {
    }

    /**
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ParameterScalingBenchmark.class.getSimpleName()).build()).run();
        Map<Integer, double[]> byM = new TreeMap<>();
        for (RunResult r : results) {
            int m = Integer.parseInt(r.getParams().getParam("m"));
            String name = r.getParams().getBenchmark();
            int column = name.endsWith("adjoint") ? 0 : name.endsWith("forwardSensitivities") ? 1 : 2;
            byM.computeIfAbsent(m, k -> new double[3])[column] = r.getPrimaryResult().getScore();
        }
        System.out.printf("%nlorenz96, rk4, %d steps: dJ/dF with m = n parameters%n", ParameterScalingBenchmark.STEPS);
        System.out.printf("%6s %12s %16s %16s %20s %20s%n", "m", "adjoint ms", "forward sens. ms", "fin. diff. ms",
                "forward sens./adjoint", "fin. diff./adjoint");
        for (Map.Entry<Integer, double[]> e : byM.entrySet()) {
            double[] t = e.getValue();
            System.out.printf("%6d %12.3f %16.3f %16.3f %20.1f %20.1f%n", e.getKey(), t[0], t[1], t[2], t[1] / t[0],
                    t[2] / t[0]);
        }
    }
}
