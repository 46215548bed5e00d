package org.adjoint4j.examples.programs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.ModelFile;

/**
 * Writes reported daily cases of the SIR model file ({@code examples/models/sir.json}) for the
 * fitting tutorial: the truth is beta = 0.35, gamma = 0.12 and I(0) = I0 (10 for the first town, 40
 * for the second), cases = gamma I every second day from day 2 to 60, with Gaussian noise of
 * standard deviation {@code sigma = 1 + 0.05 cases}, written beside each value as {@code cases_sigma}.
 * Usage: {@code SyntheticEpidemicData MODEL.json OUT.csv I0 [seed]}.
 */
public final class SyntheticEpidemicData {

    /** The true parameters behind the data. */
    public static final Map<String, Double> TRUTH = Map.of("beta", 0.35, "gamma", 0.12);

    private SyntheticEpidemicData() {
    }

    /**
     * @param args model file, output file, I(0), seed (default 11)
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        ModelFile file = ModelFile.read(Path.of(args[0]));
        Path out = Path.of(args[1]);
        double infected = Double.parseDouble(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 11;
        double[] p = file.parameters();
        p[0] = TRUTH.get("beta");
        p[1] = TRUTH.get("gamma");
        double[] y0 = file.initialState();
        y0[1] = infected;
        GradientProblem truth = new GradientProblem("sir", file.model(), p, y0, file.initialTime(), file.finalTime(),
                file.objective());
        double[] times = new double[30];
        for (int k = 0; k < times.length; k++) {
            times[k] = 2.0 * (k + 1);
        }
        double[][] states = GradientSolver.trajectory(truth, GradientOptions.defaults().withTolerances(1e-12, 1e-14),
                times);
        StateFunction cases = file.observables().get("cases");
        Random random = new Random(seed);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("t,cases,cases_sigma");
            for (int k = 0; k < times.length; k++) {
                double h = cases.value(times[k], states[k], p);
                double sigma = 1 + 0.05 * h;
                w.printf(Locale.ROOT, "%s,%.4f,%.4f%n", times[k], h + sigma * random.nextGaussian(), sigma);
            }
        }
        System.out.println("wrote " + out + " (" + times.length + " days, I0 = " + infected + ", seed " + seed + ")");
    }
}
