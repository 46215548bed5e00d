package org.adjoint4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.problems.NeuralSpiral;
import org.adjoint4j.estimation.MinibatchTraining;
import org.adjoint4j.estimation.optimize.StochasticOptimizer;
import org.adjoint4j.solvers.RungeKuttaMethods;

/**
 * A timed harness for training end to end: 500 RMSprop steps (lr 1e-3) of the spiral's 2-50-2
 * network, each a fresh seeded batch of 20 windows and its exact adjoint gradient (dopri5, rtol
 * 1e-7, atol 1e-9), the test loss evaluated only at the end; 2 warm-up runs, then the median and
 * range of 5, in one JVM, and the final loss (the same in every run: seeded). Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.SpiralTraining}.
 */
public final class SpiralTraining {

    private SpiralTraining() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        NeuralSpiral spiral = NeuralSpiral.demo();
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.DOPRI5)
                .withTolerances(1e-7, 1e-9);
        double[] seconds = new double[5];
        double loss = Double.NaN;
        for (int r = -2; r < seconds.length; r++) {
            Random random = new Random(0);
            MinibatchTraining.Batches batches = new MinibatchTraining.Batches() {
                @Override
                public GradientProblem batch(double[] parameters, int iteration) {
                    return spiral.batch(parameters, NeuralSpiral.windowStarts(random));
                }

                @Override
                public GradientProblem test(double[] parameters) {
                    return spiral.trajectory(parameters);
                }
            };
            long t0 = System.nanoTime();
            MinibatchTraining.Result result = MinibatchTraining.train(spiral.initialParameters(0), batches, options,
                    StochasticOptimizer.rmsProp(1e-3, 0.99, 1e-8), 500, 500, null);
            double s = (System.nanoTime() - t0) * 1e-9;
            if (r >= 0) {
                seconds[r] = s;
            }
            loss = result.finalTestLoss();
            System.out.printf(Locale.ROOT, "run %d: 500 steps in %.2f s, total loss %.6f%n", r + 1, s, loss);
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "500 training steps: median %.2f s (%.2f to %.2f over %d runs), %.2f ms per "
                + "step, total loss %.6f%n", sorted[2], sorted[0], sorted[4], sorted.length, sorted[2] * 2, loss);
    }
}
