package org.adjoint4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j simulate}: the trajectory of a problem's states and (for model files) its
 * observables, on the solver's own grid (the points a gradient computation with the same options
 * differentiates, replayed to the last bit) or at chosen times (made grid points of the run), as a
 * table, CSV or JSON, with an optional plot.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trajectories of the states and observables, on the solver's grid or at chosen times.",
            "Example: adjoint4j simulate --model examples/models/seir.json --every 1 --format csv"})
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ProblemOptions problemOptions;

    @CommandLine.Mixin
    private PetabOptions petab;

    @CommandLine.Mixin
    private EngineOptions engine;

    @CommandLine.Mixin
    private PetabPoint point;


    @Option(names = "--times", split = ",", paramLabel = "T",
            description = "Output at these times (in the time span, increasing).")
    private List<Double> times = new ArrayList<>();

    @Option(names = "--every", paramLabel = "DT", description = "Output every DT from t0 (and at t1).")
    private Double every;

    @Option(names = "--plot", paramLabel = "OUT.png|svg|pdf",
            description = "Plot the states and observables (PNG, SVG or PDF, by the ending).")
    private Path plot;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), csv or json.")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new IllegalArgumentException("--format must be table, csv or json, got '" + format + "'");
        }
        if (!times.isEmpty() && every != null) {
            throw new IllegalArgumentException("give either --times or --every, not both");
        }
        Plots.requirePlot("--plot", plot);
        Plots.requireWritable("-o", output, null);
        if (petab.given()) {
            if (!times.isEmpty() || every != null) {
                throw new IllegalArgumentException("--times and --every do not apply to --petab (the measurement times "
                        + "are simulated)");
            }
            return PetabRuns.simulate(petab, engine, problemOptions, point.at, plot, format, output,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        point.requirePetab(petab);
        engine.requireUnused("one simulation");
        ModelFile withEvents = problemOptions.modelFile();
        boolean hybrid = withEvents != null && !withEvents.events().isEmpty();
        if (hybrid && (!times.isEmpty() || every != null)) {
            throw new IllegalArgumentException("--times and --every do not apply to a model with events yet");
        }
        GradientProblem problem = hybrid ? withEvents.hybridProblem().problem() : problemOptions.problem();
        GradientOptions options = problemOptions.options();
        double t0 = problem.initialTime();
        double t1 = problem.finalTime();
        double[] at;
        double[][] states;
        if (hybrid) {
            // Every step, and each event twice: before and after its jumps.
            GradientSolver.Trajectory run = org.adjoint4j.adjoint.HybridGradientSolver.trajectory(
                    withEvents.hybridProblem(), options);
            at = run.times();
            states = run.states();
        } else if (times.isEmpty() && every == null) {
            GradientSolver.Trajectory run = GradientSolver.trajectory(problem, options);
            at = run.times();
            states = run.states();
        } else {
            at = every != null ? every(t0, t1, every) : times.stream().mapToDouble(Double::doubleValue).toArray();
            for (int k = 0; k < at.length; k++) {
                if (!(at[k] >= t0 && at[k] <= t1) || (k > 0 && !(at[k] > at[k - 1]))) {
                    throw new IllegalArgumentException("--times " + at[k] + ": times must increase within [" + t0
                            + ", " + t1 + "]");
                }
            }
            states = GradientSolver.trajectory(problem, options, at);
        }
        ModelFile file = problemOptions.modelFile();
        Map<String, StateFunction> observables = file == null ? Map.of() : file.observables();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < problem.model().stateDimension(); i++) {
            columns.add(problem.model().stateName(i));
        }
        columns.addAll(observables.keySet());
        double[][] rows = new double[at.length][];
        double[] p = problem.parameters();
        for (int k = 0; k < at.length; k++) {
            rows[k] = new double[columns.size()];
            System.arraycopy(states[k], 0, rows[k], 0, states[k].length);
            int c = states[k].length;
            for (StateFunction h : observables.values()) {
                rows[k][c++] = h.value(at[k], states[k], p);
            }
        }
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            write(problem, options, columns, at, rows, new PrintWriter(out));
        }
        PrintWriter err = spec.commandLine().getErr();
        if (plot != null) {
            List<Plots.Curve> curves = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                double[] v = new double[at.length];
                for (int k = 0; k < at.length; k++) {
                    v[k] = rows[k][c];
                }
                curves.add(new Plots.Curve(columns.get(c), at, v, Plots.Style.LINE, c));
            }
            Plots.write(plot, problem.name() + ": " + options.method().name(), List.of(curves), List.of("value"));
            err.println("wrote " + plot);
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return 0;
    }

    private static double[] every(double t0, double t1, double dt) {
        if (!(dt > 0) || !Double.isFinite(dt) || (t1 - t0) / dt > 10_000_000) {
            throw new IllegalArgumentException("--every must be > 0 and give at most 10^7 points, got " + dt);
        }
        List<Double> list = new ArrayList<>();
        for (long k = 0; t0 + k * dt < t1; k++) {
            list.add(t0 + k * dt);
        }
        list.add(t1);
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void write(GradientProblem problem, GradientOptions options, List<String> columns, double[] at,
            double[][] rows, PrintWriter out) {
        switch (format) {
            case "json": {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("problem", problem.name());
                m.put("method", options.method().name());
                m.put("columns", columns);
                m.put("t", at);
                m.put("values", rows);
                out.println(Json.write(m));
                break;
            }
            case "csv":
                out.println("t," + String.join(",", columns));
                for (int k = 0; k < at.length; k++) {
                    StringBuilder row = new StringBuilder().append(at[k]);
                    for (double v : rows[k]) {
                        row.append(',').append(v);
                    }
                    out.println(row);
                }
                break;
            default:
                out.printf("%s, %s, %d points%n", problem.name(), options.method().name(), at.length);
                out.printf("%14s", "t");
                for (String c : columns) {
                    out.printf(" %14s", c);
                }
                out.println();
                for (int k = 0; k < at.length; k++) {
                    out.printf(Locale.ROOT, "%14.6g", at[k]);
                    for (double v : rows[k]) {
                        out.printf(Locale.ROOT, " %14.6g", v);
                    }
                    out.println();
                }
        }
        out.flush();
    }
}
