package org.adjoint4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.NeuralSpiral;
import org.adjoint4j.estimation.MinibatchTraining;
import org.adjoint4j.estimation.optimize.StochasticOptimizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adjoint4j train neural-spiral}: trains the network of the torchdiffeq spiral by
 * minibatches (20 seeded windows of 10 points each iteration, L1 loss, RMSprop or Adam), each
 * gradient the exact discrete adjoint of the batch's dopri5 solve, and reports the demo's loss
 * curve: the batch loss of every iteration and the whole trajectory's L1 loss every
 * {@code --test-every} iterations.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a neural ODE by minibatches on exact adjoint gradients (the built-in neural-spiral: "
                + "torchdiffeq's spiral demo). Solves by dopri5 at rtol 1e-7, atol 1e-9 (torchdiffeq's defaults) "
                + "unless --method, --rtol, --atol or --steps say otherwise."})
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ProblemOptions problemOptions;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "2000",
            description = "Updates (default 2000, as the demo).")
    private int iterations;

    @Option(names = "--optimizer", paramLabel = "rmsprop|adam", defaultValue = "rmsprop",
            description = "RMSprop (default, as the demo; alpha 0.99) or Adam (0.9, 0.999); eps 1e-8.")
    private String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Learning rate (default 1e-3).")
    private double learningRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the initial weights and of the batches (default 0).")
    private long seed;

    @Option(names = "--test-every", paramLabel = "K", defaultValue = "20",
            description = "Evaluate the whole trajectory's loss every K iterations (default 20, as the demo).")
    private int testEvery;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "Plot the learned trajectory against the data (.png, .svg or .pdf), and its phase "
                    + "portrait beside it (FILE-phase.png).")
    private Path plot;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default: the curve at the test iterations), json, or csv (every iteration).")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new IllegalArgumentException("--format must be table, json or csv, got '" + format + "'");
        }
        if (problemOptions.modelFile != null || !"neural-spiral".equals(problemOptions.problemName)) {
            throw new IllegalArgumentException("train runs neural-spiral (a network as the right-hand side), got '"
                    + (problemOptions.modelFile != null ? problemOptions.modelFile : problemOptions.problemName)
                    + "'; fit estimates the parameters of other problems");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
        }
        if (testEvery < 1) {
            throw new IllegalArgumentException("--test-every must be >= 1, got " + testEvery);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + learningRate);
        }
        StochasticOptimizer rule;
        switch (optimizer) {
            case "rmsprop":
                rule = StochasticOptimizer.rmsProp(learningRate, 0.99, 1e-8);
                break;
            case "adam":
                rule = StochasticOptimizer.adam(learningRate, 0.9, 0.999, 1e-8);
                break;
            default:
                throw new IllegalArgumentException("--optimizer must be rmsprop or adam, got '" + optimizer + "'");
        }
        Plots.requirePlot("--plot", plot);
        Plots.requireWritable("-o", output, null);
        int width = problemOptions.width == null ? BuiltInProblems.DEFAULT_WIDTH : problemOptions.width;
        int depth = problemOptions.depth == null ? BuiltInProblems.DEFAULT_DEPTH : problemOptions.depth;
        problemOptions.problem(); // checks --n, --width and --depth
        NeuralSpiral spiral = new NeuralSpiral(width, depth);
        // torchdiffeq's odeint defaults unless told: dopri5, rtol 1e-7, atol 1e-9.
        if (problemOptions.rtol == null && problemOptions.atol == null && problemOptions.steps == null) {
            problemOptions.rtol = 1e-7;
            problemOptions.atol = 1e-9;
        }
        GradientOptions options = problemOptions.options("dopri5");
        Random batches = new Random(seed);
        MinibatchTraining.Batches source = MinibatchTraining.Batches.of(
                (parameters, iteration) -> spiral.batch(parameters, NeuralSpiral.windowStarts(batches)),
                spiral::trajectory);
        long start = System.nanoTime();
        MinibatchTraining.Result r = MinibatchTraining.train(spiral.initialParameters(seed), source, options, rule,
                iterations, testEvery, point -> {
                    if (!Double.isNaN(point.testLoss())) {
                        Progress.phase(String.format(Locale.ROOT, "train: iteration %d of %d, total loss %.6f",
                                point.iteration(), iterations, point.testLoss()));
                    }
                });
        Progress.phase(null);
        double seconds = (System.nanoTime() - start) * 1e-9;
        PrintWriter err = spec.commandLine().getErr();
        if (plot != null) {
            plot(spiral, r.parameters(), options, plot);
            err.println("wrote " + plot + " and " + phaseFile(plot));
        }
        int m = spiral.network().parameterCount();
        try (Writer w = NonClosingWriter.to(spec.commandLine().getOut(), output)) {
            if (format.equals("json")) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("problem", "neural-spiral");
                json.put("width", width);
                json.put("depth", depth);
                json.put("parameters", m);
                json.put("method", options.method().name());
                json.put("optimizer", optimizer);
                json.put("learningRate", learningRate);
                json.put("iterations", iterations);
                json.put("seed", seed);
                List<Map<String, Object>> curve = new ArrayList<>();
                for (MinibatchTraining.Point p : r.curve()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("iteration", p.iteration());
                    row.put("batchLoss", Double.isNaN(p.batchLoss()) ? null : p.batchLoss());
                    row.put("totalLoss", Double.isNaN(p.testLoss()) ? null : p.testLoss());
                    curve.add(row);
                }
                json.put("curve", curve);
                json.put("finalTotalLoss", r.finalTestLoss());
                json.put("seconds", seconds);
                w.write(Json.write(json));
                w.write(System.lineSeparator());
            } else if (format.equals("csv")) {
                w.write("iteration,batch_loss,total_loss\n");
                for (MinibatchTraining.Point p : r.curve()) {
                    w.write(p.iteration() + "," + (Double.isNaN(p.batchLoss()) ? "" : p.batchLoss()) + ","
                            + (Double.isNaN(p.testLoss()) ? "" : p.testLoss()) + "\n");
                }
            } else {
                PrintWriter out = new PrintWriter(w);
                out.printf(Locale.ROOT, "neural-spiral: %d weights (2-%s-2, tanh on y^3), %s, %s lr %g, seed %d%n", m,
                        hidden(width, depth), options.method().name(), optimizer, learningRate, seed);
                out.println("iteration  batch loss  total loss");
                for (MinibatchTraining.Point p : r.curve()) {
                    if (!Double.isNaN(p.testLoss())) {
                        out.printf(Locale.ROOT, "%9d  %10s  %10.6f%n", p.iteration(), Double.isNaN(p.batchLoss()) ? ""
                                : String.format(Locale.ROOT, "%.6f", p.batchLoss()), p.testLoss());
                    }
                }
                out.printf(Locale.ROOT, "total loss %.6f after %d iterations, %.1f s (%.2f ms per iteration)%n",
                        r.finalTestLoss(), iterations, seconds, 1e3 * seconds / iterations);
                out.flush();
            }
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return 0;
    }

    private static String hidden(int width, int depth) {
        List<String> w = new ArrayList<>();
        for (int d = 0; d < depth; d++) {
            w.add(Integer.toString(width));
        }
        return String.join("-", w);
    }

    static Path phaseFile(Path plot) {
        String name = plot.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return plot.resolveSibling(name.substring(0, dot) + "-phase" + name.substring(dot));
    }

    /** The data (markers) and the learned trajectory from y(0) (line): y1, y2 over t, and y2 over y1. */
    private static void plot(NeuralSpiral spiral, double[] parameters, GradientOptions options, Path file)
            throws IOException {
        double[] t = spiral.times();
        double[][] learned = GradientSolver.trajectory(spiral.trajectory(parameters), options, t);
        int count = t.length;
        double[][] data = new double[2][count];
        double[][] model = new double[2][count];
        for (int k = 0; k < count; k++) {
            double[] d = spiral.data(k);
            data[0][k] = d[0];
            data[1][k] = d[1];
            model[0][k] = learned[k][0];
            model[1][k] = learned[k][1];
        }
        List<List<Plots.Curve>> panels = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            panels.add(List.of(new Plots.Curve("data y" + (i + 1), t, data[i], Plots.Style.MARKERS, 0),
                    new Plots.Curve("learned y" + (i + 1), t, model[i], Plots.Style.LINE, 1)));
        }
        Plots.write(file, "neural-spiral: learned trajectory against the data", panels, List.of("y1", "y2"));
        Plots.write(phaseFile(file), "neural-spiral: phase portrait", List.of(List.of(
                new Plots.Curve("data", data[0], data[1], Plots.Style.MARKERS, 0),
                new Plots.Curve("learned", model[0], model[1], Plots.Style.LINE, 1))), List.of("y2"),
                new boolean[1], "y1");
    }
}
