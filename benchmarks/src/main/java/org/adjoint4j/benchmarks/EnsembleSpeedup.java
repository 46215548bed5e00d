package org.adjoint4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.problems.LotkaVolterra;

/**
 * A timed harness for {@link GradientBatch}: batches of 200 Lotka–Volterra gradients (parameters
 * perturbed by up to 5%), sequential and on 2 threads, alternated in one JVM (which goes first
 * alternates too) after 30 warm-up rounds of each; a repetition times 5 batches of each (one batch
 * is only about 50 ms); prints each repetition's speed-up (sequential time over threads time) and
 * the median and spread (max / min) over 21 repetitions, and checks that both give the same bits.
 * Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.EnsembleSpeedup [THREADS]}.
 */
public final class EnsembleSpeedup {

    private EnsembleSpeedup() {
    }

    /**
     * @param args optionally the thread count (default 2)
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        GradientProblem base = LotkaVolterra.problem();
        List<GradientProblem> problems = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double[] p = base.parameters();
            for (int k = 0; k < p.length; k++) {
                p[k] *= 1 + 0.05 * Math.sin(7.0 * i + k);
            }
            problems.add(base.withParameters(p));
        }
        GradientOptions options = GradientOptions.defaults();
        double[] speedups = new double[21];
        int batches = 5;
        try (GradientBatch sequential = new GradientBatch(1); GradientBatch parallel = new GradientBatch(threads)) {
            for (int r = -30; r < speedups.length; r++) {
                long one = 0;
                long many = 0;
                for (int b = 0; b < (r < 0 ? 1 : batches); b++) {
                    boolean sequentialFirst = ((r + 30 + b) & 1) == 0;
                    long t0 = System.nanoTime();
                    List<GradientResult> x = (sequentialFirst ? sequential : parallel).gradients(problems, options);
                    long t1 = System.nanoTime();
                    List<GradientResult> y = (sequentialFirst ? parallel : sequential).gradients(problems, options);
                    long t2 = System.nanoTime();
                    one += sequentialFirst ? t1 - t0 : t2 - t1;
                    many += sequentialFirst ? t2 - t1 : t1 - t0;
                    for (int i = 0; i < x.size(); i++) {
                        if (Double.doubleToLongBits(x.get(i).value()) != Double.doubleToLongBits(y.get(i).value())
                                || !Arrays.equals(x.get(i).parameterGradient(), y.get(i).parameterGradient())) {
                            throw new IllegalStateException("sample " + i + " differs between 1 and " + threads
                                    + " threads");
                        }
                    }
                }
                if (r >= 0) {
                    speedups[r] = (double) one / many;
                    System.out.printf(Locale.ROOT, "repetition %d: sequential %.1f ms, %d threads %.1f ms (%d batches),"
                            + " speed-up %.2f%n", r + 1, one * 1e-6, threads, many * 1e-6, batches, speedups[r]);
                }
            }
        }
        double[] sorted = speedups.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "speed-up of %d threads over sequential, 200 gradients: median %.2f, spread "
                + "%.2f (max / min over %d repetitions); the same bits on both%n", threads, sorted[sorted.length / 2],
                sorted[sorted.length - 1] / sorted[0], sorted.length);
    }
}
