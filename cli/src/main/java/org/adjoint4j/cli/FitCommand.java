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
import org.adjoint4j.estimation.FitResult;
import org.adjoint4j.estimation.ObservedData;
import org.adjoint4j.estimation.ParameterEstimation;
import org.adjoint4j.estimation.optimize.Lbfgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j fit}: least-squares estimation of a model's parameters from measured states
 * (CSV), with standard errors, a table or JSON, and a plot of data and fitted trajectories.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates parameters from data: least squares of the model's states against a CSV with "
                + "header t,<state names> (empty cells: not measured).",
            "Example: adjoint4j fit lotka-volterra --data examples/data/lotka-volterra.csv --plot fit.png"})
public final class FitCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ProblemOptions problemOptions;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The measurements.")
    private Path data;

    @Option(names = "--fit", split = ",", paramLabel = "NAME", description = "The parameters to estimate (default all).")
    private List<String> fit = new ArrayList<>();

    @Option(names = "--initial", split = ",", paramLabel = "NAME=VALUE",
            description = "Starting values (default: the problem's parameters).")
    private List<String> initial = new ArrayList<>();

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "auto",
            description = "lm (Levenberg-Marquardt, forward-sensitivity Jacobians), lbfgs (adjoint gradients), or "
                    + "auto (default: lm continued over growing time spans, robust from poor starts; lbfgs when "
                    + "parameters outnumber 50 or the data).")
    private String optimizer;

    @Option(names = "--plot", paramLabel = "OUT.png", description = "Plot the data and the fitted trajectories.")
    private Path plot;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        if (!List.of("auto", "lm", "lbfgs").contains(optimizer)) {
            throw new IllegalArgumentException("--optimizer must be auto, lm or lbfgs, got '" + optimizer + "'");
        }
        GradientProblem problem = problemOptions.problem();
        GradientOptions options = problemOptions.options();
        ObservedData observed = ObservedData.read(data, problem.model(), problem.initialTime(), problem.finalTime());
        ParameterEstimation estimation = new ParameterEstimation(problem, observed, fit, options)
                .withInitial(initialValues());
        PrintWriter err = spec.commandLine().getErr();
        Lbfgs.Listener progress = Progress.of(err, "fit");
        FitResult result = optimizer.equals("lm") ? estimation.levenbergMarquardt(progress)
                : optimizer.equals("lbfgs") ? estimation.quasiNewton(progress) : estimation.fit(progress);
        Progress.done(err);
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            if (format.equals("json")) {
                out.write(Json.write(json(result)));
                out.write(System.lineSeparator());
            } else {
                writeTable(result, out);
            }
        }
        if (plot != null) {
            plot(result, observed, options);
            err.println("wrote " + plot);
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return 0;
    }

    private Map<String, Double> initialValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String pair : initial) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--initial " + pair + ": expected NAME=VALUE, e.g. --initial a=1.2");
            }
            String value = pair.substring(eq + 1).trim();
            try {
                values.put(pair.substring(0, eq).trim(), Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--initial " + pair + ": '" + value + "' is not a number");
            }
        }
        return values;
    }

    private static Map<String, Object> json(FitResult r) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> initial = new LinkedHashMap<>();
        for (int j = 0; j < r.names().size(); j++) {
            parameters.put(r.names().get(j), r.values()[j]);
            errors.put(r.names().get(j), Double.isFinite(r.standardErrors()[j]) ? r.standardErrors()[j] : null);
            initial.put(r.names().get(j), r.initial()[j]);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", parameters);
        m.put("standardErrors", errors);
        m.put("initial", initial);
        m.put("objective", r.objective());
        m.put("residualRms", r.residualRms());
        m.put("residuals", r.residuals());
        m.put("iterations", r.iterations());
        m.put("gradientEvaluations", r.gradientEvaluations());
        m.put("converged", r.converged());
        m.put("optimizer", r.method());
        m.put("warnings", r.warnings());
        return m;
    }

    private static void writeTable(FitResult r, Writer w) {
        PrintWriter out = new PrintWriter(w);
        out.printf("%s: %d values, %s%n%n", r.fitted().name(), r.residuals(), r.method());
        out.printf("%-12s %16s %16s %16s%n", "parameter", "initial", "estimate", "std. error");
        for (int j = 0; j < r.names().size(); j++) {
            double se = r.standardErrors()[j];
            out.printf(Locale.ROOT, "%-12s %16.8g %16.8g %16s%n", r.names().get(j), r.initial()[j], r.values()[j],
                    Double.isFinite(se) ? String.format(Locale.ROOT, "%.3g", se) : "unavailable");
        }
        out.printf(Locale.ROOT, "%nJ = 1/2 |r|^2 = %.6g, residual RMS %.4g, %d iterations, %d gradient evaluations, %s%n",
                r.objective(), r.residualRms(), r.iterations(), r.gradientEvaluations(),
                r.converged() ? "converged" : "NOT converged");
        for (String warning : r.warnings()) {
            out.println("warning: " + warning);
        }
        out.flush();
    }

    private void plot(FitResult r, ObservedData observed, GradientOptions options) throws IOException {
        GradientProblem fitted = r.fitted();
        int samples = 400;
        double[] t = new double[samples + 1];
        for (int k = 0; k <= samples; k++) {
            t[k] = fitted.initialTime() + (fitted.finalTime() - fitted.initialTime()) * k / samples;
        }
        t[samples] = fitted.finalTime();
        double[][] states = GradientSolver.trajectory(fitted, options, t);
        int[] columns = observed.states();
        List<Plots.Curve> curves = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            int s = columns[c];
            String name = fitted.model().stateName(s);
            double[] values = new double[observed.times().length];
            for (int k = 0; k < values.length; k++) {
                values[k] = observed.value(k, c);
            }
            curves.add(new Plots.Curve(name + " (data)", observed.times(), values, Plots.Style.MARKERS, c));
            double[] fittedValues = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                fittedValues[k] = states[k][s];
            }
            curves.add(new Plots.Curve(name + " (fit)", t, fittedValues, Plots.Style.LINE, c));
        }
        Plots.png(plot, fitted.name() + ": data and fitted trajectories", List.of(curves), List.of("state"));
    }
}
