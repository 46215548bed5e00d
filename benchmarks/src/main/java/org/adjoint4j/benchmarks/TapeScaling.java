package org.adjoint4j.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link TapeBenchmark} and prints, for each n, the cost of a whole gradient relative to one
 * evaluation of the function, by forward mode and by the tape, measured in the same run.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.TapeScaling}.
 */
public final class TapeScaling {

    private TapeScaling() {
    }

    /**
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(TapeBenchmark.class.getSimpleName()).build()).run();
        Map<Integer, double[]> byN = new TreeMap<>();
        for (RunResult r : results) {
            int n = Integer.parseInt(r.getParams().getParam("n"));
            String name = r.getParams().getBenchmark();
            int column = name.endsWith("function") ? 0 : name.endsWith("forwardMode") ? 1 : 2;
            byN.computeIfAbsent(n, k -> new double[3])[column] = r.getPrimaryResult().getScore();
        }
        System.out.printf("%n%6s %14s %14s %14s %16s %16s%n", "n", "f (us)", "forward (us)", "tape (us)",
                "forward / f", "tape / f");
        for (Map.Entry<Integer, double[]> e : byN.entrySet()) {
            double[] t = e.getValue();
            System.out.printf("%6d %14.3f %14.3f %14.3f %16.1f %16.1f%n", e.getKey(), t[0], t[1], t[2], t[1] / t[0],
                    t[2] / t[0]);
        }
        Collection<RunResult> vjp = new Runner(new OptionsBuilder()
                .include(VjpBenchmark.class.getSimpleName()).build()).run();
        Map<Integer, double[]> cost = new TreeMap<>();
        for (RunResult r : vjp) {
            int n = Integer.parseInt(r.getParams().getParam("n"));
            String name = r.getParams().getBenchmark();
            int column = name.endsWith("rhs") ? 0 : name.endsWith("vjpHand") ? 1 : name.endsWith("vjpTape") ? 2 : 3;
            cost.computeIfAbsent(n, k -> new double[4])[column] = r.getPrimaryResult().getScore();
        }
        System.out.printf("%nLorenz-96 vector-Jacobian product, cost relative to one rhs%n%6s %12s %14s %14s %16s%n",
                "n", "rhs (us)", "hand / rhs", "tape / rhs", "forward / rhs");
        for (Map.Entry<Integer, double[]> e : cost.entrySet()) {
            double[] t = e.getValue();
            System.out.printf("%6d %12.3f %14.1f %14.1f %16s%n", e.getKey(), t[0], t[1] / t[0], t[2] / t[0],
                    e.getKey() > 100 ? "-" : String.format("%.1f", t[3] / t[0]));
        }
    }
}
