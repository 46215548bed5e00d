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
 * Runs {@link ModelFileBenchmark} and prints, from the same run: whole-gradient time of the model
 * file over the Java model (compiled and interpreted) for Lotka–Volterra and heat, the reaction
 * network's vector-Jacobian product over its right-hand side, and the compile time of a
 * 1000-equation model (warm, and the first one in a fresh JVM). Usage (from the repository root):
 * {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.ModelFileRatios}.
 */
public final class ModelFileRatios {

    private ModelFileRatios() {
    }

    /**
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        // The first compilation in a fresh JVM, before JMH warms anything: what a user waits for.
        long start = System.nanoTime();
        new ModelFileBenchmark().compileThousandEquations(HeatModelFileBenchmark.heatFile(1000));
        double cold = (System.nanoTime() - start) * 1e-6;
        Options options = new OptionsBuilder().include(ModelFileBenchmark.class.getSimpleName())
                .include(HeatModelFileBenchmark.class.getSimpleName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> t = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1) + " " + r.getParams().getParam("model");
            t.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        System.out.printf("%n%-44s %12s %12s%n", "", "ms", "ratio");
        for (String problem : new String[] {"lotkaVolterraGradient", "heatGradient"}) {
            double[] java = t.get(problem + " java");
            System.out.printf("%-44s %12.2f ± %.2f%n", problem + ", Java model", java[0], java[1]);
            for (String m : new String[] {"compiled", "interpreted"}) {
                double[] x = t.get(problem + " " + m);
                if (x != null) {
                    System.out.printf("%-44s %12.2f ± %.2f %8.2f%n", problem + ", model file " + m, x[0], x[1],
                            x[0] / java[0]);
                }
            }
        }
        for (String m : new String[] {"compiled", "interpreted"}) {
            double rhs = t.get("networkRhs " + m)[0];
            double vjp = t.get("networkVjp " + m)[0];
            System.out.printf("%-44s %12.4f %12.2f%n", "reaction network 500, vjp / rhs, " + m + " (us)", vjp, vjp / rhs);
        }
        System.out.printf("%-44s %12.2f%n", "compile 1000 equations (heat n = 1000), ms", t.get(
                "compileThousandEquations compiled")[0]);
        System.out.printf("%-44s %12.2f%n", "  the same, first in a fresh JVM, ms", cold);
    }
}
