package org.adjoint4j.examples.programs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.LotkaVolterra;

/**
 * Writes noisy measurements of Lotka–Volterra (parameters (1.5, 1, 3, 1)) as CSV: x and y at
 * t = 0.5, 1, ..., 10 with Gaussian relative noise, one y missing to show empty cells.
 * Usage: {@code SyntheticLotkaVolterraData OUT.csv [noise=0.01] [seed=2026]}.
 */
public final class SyntheticLotkaVolterraData {

    private SyntheticLotkaVolterraData() {
    }

    /**
     * @param args output file, relative noise, seed
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "lotka-volterra.csv");
        double noise = args.length > 1 ? Double.parseDouble(args[1]) : 0.01;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
        GradientProblem truth = LotkaVolterra.problem();
        double[] times = new double[20];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.5 * (k + 1);
        }
        double[][] states = GradientSolver.trajectory(truth, GradientOptions.defaults().withTolerances(1e-12, 1e-14),
                times);
        Random random = new Random(seed);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("t,x,y");
            for (int k = 0; k < times.length; k++) {
                double x = states[k][0] * (1 + noise * random.nextGaussian());
                double y = states[k][1] * (1 + noise * random.nextGaussian());
                w.printf(Locale.ROOT, "%s,%.6f,%s%n", times[k], x, k == 7 ? "" : String.format(Locale.ROOT, "%.6f", y));
            }
        }
        System.out.println("wrote " + out + " (" + times.length + " times, noise " + noise + ", seed " + seed + ")");
    }
}
