package org.adjoint4j.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link HessianVectorBenchmark} and prints one product's time over one gradient's, per
 * problem, method family and schedule, from the same run. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.HessianVectorRatios}.
 */
public final class HessianVectorRatios {

    private HessianVectorRatios() {
    }

    /**
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(HessianVectorBenchmark.class.getSimpleName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> t = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            t.put(name.substring(name.lastIndexOf('.') + 1) + " " + r.getParams().getParam("problem") + " "
                    + r.getParams().getParam("schedule"), r.getPrimaryResult().getScore());
        }
        System.out.printf("%n%-26s %-12s %12s %12s %8s%n", "problem", "schedule", "gradient ms", "product ms", "ratio");
        for (String problem : new String[] {"lotka-volterra-rk4", "lotka-volterra-esdirk4", "heat-50-esdirk4",
            "lorenz96-1000-rk4"}) {
            for (String schedule : new String[] {"store-all", "binomial:10"}) {
                double g = t.get("gradient " + problem + " " + schedule);
                double h = t.get("product " + problem + " " + schedule);
                System.out.printf("%-26s %-12s %12.3f %12.3f %8.2f%n", problem, schedule, g, h, h / g);
            }
        }
    }
}
