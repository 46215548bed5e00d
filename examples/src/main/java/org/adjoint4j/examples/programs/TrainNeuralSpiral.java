package org.adjoint4j.examples.programs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.NeuralSpiral;
import org.adjoint4j.cli.Plots;
import org.adjoint4j.estimation.MinibatchTraining;
import org.adjoint4j.estimation.optimize.StochasticOptimizer;
import org.adjoint4j.solvers.RungeKuttaMethods;

/**
 * Trains torchdiffeq's spiral demo with Adam (lr 1e-3, seeded): 20 windows of 10 points per
 * iteration, the L1 loss, exact adjoint gradients of dopri5 solves; prints the loss curve (the
 * whole trajectory's L1 loss every 50 iterations) and plots the learned trajectory against the data.
 * Usage: {@code TrainNeuralSpiral [ITERATIONS [SEED [PLOT.png]]]} (defaults 1000, 1,
 * neural-spiral.png).
 */
public final class TrainNeuralSpiral {

    private TrainNeuralSpiral() {
    }

    /**
     * @param args iterations, seed, plot file
     * @throws IOException if the plot cannot be written
     */
    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path plot = Path.of(args.length > 2 ? args[2] : "neural-spiral.png");
        NeuralSpiral spiral = NeuralSpiral.demo();
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.DOPRI5)
                .withTolerances(1e-7, 1e-9);
        Random random = new Random(seed);
        MinibatchTraining.Batches batches = MinibatchTraining.Batches.of(
                (parameters, iteration) -> spiral.batch(parameters, NeuralSpiral.windowStarts(random)),
                spiral::trajectory);
        MinibatchTraining.Result r = MinibatchTraining.train(spiral.initialParameters(seed), batches, options,
                StochasticOptimizer.adam(1e-3, 0.9, 0.999, 1e-8), iterations, 50, point -> {
                    if (!Double.isNaN(point.testLoss())) {
                        System.out.printf(Locale.ROOT, "Iter %04d | Total Loss %.6f%n", point.iteration(),
                                point.testLoss());
                    }
                });
        double[] t = spiral.times();
        double[][] learned = GradientSolver.trajectory(spiral.trajectory(r.parameters()), options, t);
        List<List<Plots.Curve>> panels = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            double[] data = new double[t.length];
            double[] model = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                data[k] = spiral.data(k)[i];
                model[k] = learned[k][i];
            }
            panels.add(List.of(new Plots.Curve("data y" + (i + 1), t, data, Plots.Style.MARKERS, 0),
                    new Plots.Curve("learned y" + (i + 1), t, model, Plots.Style.LINE, 1)));
        }
        Plots.write(plot, String.format(Locale.ROOT, "spiral after %d Adam steps: total L1 loss %.4f", iterations,
                r.finalTestLoss()), panels, List.of("y1", "y2"));
        System.out.println("wrote " + plot);
    }
}
