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
import org.adjoint4j.estimation.Experiment;
import org.adjoint4j.estimation.FitResult;
import org.adjoint4j.estimation.ObservedData;
import org.adjoint4j.estimation.ParameterEstimation;
import org.adjoint4j.estimation.optimize.Lbfgs;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j fit}: maximum-likelihood (or least-squares) estimation of a model's parameters
 * and initial states from one or more data sets (CSV with states or observables, optional sigma
 * columns), jointly; bounds, log scales, Gaussian priors, multistart; standard errors, covariance,
 * correlation and 95% intervals; a table or JSON, the fitted trajectories as CSV, and a plot of data,
 * fits and residuals.
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

    @Option(names = "--data", required = true, paramLabel = "FILE.csv[@NAME=VALUE,...]",
            description = "Measurements (header t,<states or observables>[,<name>_sigma]); repeat for several "
                    + "experiments, each optionally with its own parameter or y0.<state> values after '@'.")
    private List<String> data = new ArrayList<>();

    @Option(names = "--fit", split = ",", paramLabel = "NAME",
            description = "The quantities to estimate: parameters, or y0.<state> (default all parameters).")
    private List<String> fit = new ArrayList<>();

    @Option(names = "--initial", split = ",", paramLabel = "NAME=VALUE",
            description = "Starting values (default: the problem's values).")
    private List<String> initial = new ArrayList<>();

    @Option(names = "--bounds", split = ";", paramLabel = "NAME=LO:HI",
            description = "Bounds of fitted quantities, e.g. --bounds beta=0:0.3 (a uniform prior).")
    private List<String> bounds = new ArrayList<>();

    @Option(names = "--scale", split = ",", paramLabel = "NAME=log|lin",
            description = "Fit on log scale (default for positive starting values) or linear scale.")
    private List<String> scale = new ArrayList<>();

    @Option(names = "--prior", split = ";", paramLabel = "NAME=normal:MEAN,SD",
            description = "Gaussian priors of fitted quantities (on their values).")
    private List<String> prior = new ArrayList<>();

    @Option(names = "--sigma", split = ",", paramLabel = "NAME=VALUE",
            description = "Standard deviation of a data column's values where the data give none; with sigmas for "
                    + "every value the objective is the negative log-likelihood.")
    private List<String> sigma = new ArrayList<>();

    @Option(names = "--noise", split = ",", paramLabel = "NAME=normal|lognormal",
            description = "Noise model of a data column (default normal).")
    private List<String> noise = new ArrayList<>();

    @Option(names = "--starts", paramLabel = "K", defaultValue = "1", description = "Multistart: K starts (default 1).")
    private int starts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the multistart (default 1).")
    private long seed;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "auto",
            description = "lm (Levenberg-Marquardt, forward-sensitivity Jacobians), lbfgs (adjoint gradients), or "
                    + "auto (default: lm continued over growing time spans, robust from poor starts; lbfgs when "
                    + "parameters outnumber 50 or the data).")
    private String optimizer;

    @Option(names = "--plot", paramLabel = "OUT.png",
            description = "Plot the data, the fitted observed quantities and the residuals (PNG).")
    private Path plot;

    @Option(names = "--log-axis", description = "Plot the data and fits on a logarithmic axis.")
    private boolean logAxis;

    @Option(names = "--trajectories", paramLabel = "OUT.csv",
            description = "Write the fitted trajectories (states and observables of every experiment) as CSV.")
    private Path trajectories;

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
        if (starts < 1) {
            throw new IllegalArgumentException("--starts must be >= 1, got " + starts);
        }
        Plots.requireWritable("--plot", plot, ".png");
        Plots.requireWritable("--trajectories", trajectories, ".csv");
        Plots.requireWritable("-o", output, null);
        GradientProblem problem = problemOptions.problem();
        GradientOptions options = problemOptions.options();
        ModelFile file = problemOptions.modelFile();
        Map<String, StateFunction> observables = file == null ? Map.of() : file.observables();
        List<Experiment> experiments = new ArrayList<>();
        for (String d : data) {
            int at = d.indexOf('@');
            Path csv = Path.of(at < 0 ? d : d.substring(0, at));
            Map<String, Double> overrides = at < 0 ? Map.of() : pairs("--data " + d, List.of(d.substring(at + 1)
                    .split(",")));
            experiments.add(new Experiment(csv.toString(), ObservedData.read(csv, problem.model(), observables,
                    problem.initialTime(), problem.finalTime()), overrides));
        }
        ParameterEstimation estimation = new ParameterEstimation(problem, experiments, fit, options);
        if (file != null && file.initialValuesDependOnParameters()) {
            for (String name : estimation.names()) {
                int j = parameterIndex(problem, name);
                for (int i = 0; j >= 0 && i < problem.model().stateDimension(); i++) {
                    if (file.initialStateDerivative(i, j) != 0) {
                        throw new IllegalArgumentException("--fit " + name + ": the initial value of "
                                + problem.model().stateName(i) + " depends on it, which fits do not follow yet; fit "
                                + "y0." + problem.model().stateName(i) + " instead");
                    }
                }
            }
        }
        configure(estimation);
        PrintWriter err = spec.commandLine().getErr();
        Lbfgs.Listener progress = Progress.of(err, "fit");
        FitResult result = starts > 1 ? estimation.multistart(starts, seed, progress)
                : optimizer.equals("lm") ? estimation.levenbergMarquardt(progress)
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
        FittedCurves curves = new FittedCurves(result, experiments, options, observables);
        if (trajectories != null) {
            curves.writeCsv(trajectories);
            err.println("wrote " + trajectories);
        }
        if (plot != null) {
            curves.plot(plot, logAxis);
            err.println("wrote " + plot);
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return 0;
    }

    private static int parameterIndex(GradientProblem problem, String name) {
        for (int j = 0; j < problem.model().parameterDimension(); j++) {
            if (problem.model().parameterName(j).equals(name)) {
                return j;
            }
        }
        return -1;
    }

    private void configure(ParameterEstimation estimation) {
        estimation.withInitial(pairs("--initial", initial));
        for (String b : bounds) {
            String[] kv = keyValue("--bounds", b, "NAME=LO:HI, e.g. --bounds beta=0:0.3");
            String[] range = kv[1].split(":", -1);
            if (range.length != 2) {
                throw new IllegalArgumentException("--bounds " + b + ": expected NAME=LO:HI, e.g. --bounds beta=0:0.3");
            }
            estimation.withBounds(kv[0], bound("--bounds " + b, range[0], Double.NEGATIVE_INFINITY),
                    bound("--bounds " + b, range[1], Double.POSITIVE_INFINITY));
        }
        for (String s : scale) {
            String[] kv = keyValue("--scale", s, "NAME=log or NAME=lin");
            if (!kv[1].equals("log") && !kv[1].equals("lin")) {
                throw new IllegalArgumentException("--scale " + s + ": the scale must be log or lin, got '" + kv[1] + "'");
            }
            estimation.withScale(kv[0], kv[1].equals("log"));
        }
        for (String pr : prior) {
            String[] kv = keyValue("--prior", pr, "NAME=normal:MEAN,SD");
            if (!kv[1].startsWith("normal:") || kv[1].substring(7).split(",").length != 2) {
                throw new IllegalArgumentException("--prior " + pr + ": expected NAME=normal:MEAN,SD, e.g. "
                        + "--prior beta=normal:0.5,0.1");
            }
            String[] ms = kv[1].substring(7).split(",");
            estimation.withPrior(kv[0], number("--prior " + pr, ms[0]), number("--prior " + pr, ms[1]));
        }
        for (Map.Entry<String, Double> e : pairs("--sigma", sigma).entrySet()) {
            estimation.withSigma(e.getKey(), e.getValue());
        }
        for (String n : noise) {
            String[] kv = keyValue("--noise", n, "NAME=normal or NAME=lognormal");
            if (!kv[1].equals("normal") && !kv[1].equals("lognormal")) {
                throw new IllegalArgumentException("--noise " + n + ": the noise must be normal or lognormal, got '"
                        + kv[1] + "'");
            }
            estimation.withNoise(kv[0], kv[1].equals("normal") ? ParameterEstimation.Noise.NORMAL
                    : ParameterEstimation.Noise.LOG_NORMAL);
        }
    }

    private static String[] keyValue(String option, String pair, String expected) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " " + pair + ": expected " + expected);
        }
        return new String[] {pair.substring(0, eq).trim(), pair.substring(eq + 1).trim()};
    }

    private static double bound(String where, String text, double infinite) {
        return text.isBlank() ? infinite : number(where, text);
    }

    private static double number(String where, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text.trim() + "' is not a number");
        }
    }

    private static Map<String, Double> pairs(String option, List<String> list) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String pair : list) {
            String[] kv = keyValue(option, pair, "NAME=VALUE, e.g. " + option + " a=1.2");
            if (values.put(kv[0], number(option + " " + pair, kv[1])) != null) {
                throw new IllegalArgumentException(option + ": " + kv[0] + " is given twice");
            }
        }
        return values;
    }

    private static Map<String, Object> json(FitResult r) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> initial = new LinkedHashMap<>();
        Map<String, Object> intervals = new LinkedHashMap<>();
        for (int j = 0; j < r.names().size(); j++) {
            String name = r.names().get(j);
            parameters.put(name, r.values()[j]);
            errors.put(name, finite(r.standardErrors()[j]));
            initial.put(name, r.initial()[j]);
            intervals.put(name, Double.isFinite(r.lower95()[j]) ? List.of(r.lower95()[j], r.upper95()[j]) : null);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", parameters);
        m.put("standardErrors", errors);
        m.put("confidenceIntervals95", intervals);
        m.put("covariance", matrix(r.covariance()));
        m.put("correlation", matrix(r.correlation()));
        m.put("initial", initial);
        m.put("objective", r.objective());
        m.put("objectiveKind", r.objectiveName());
        m.put("residualRms", r.residualRms());
        m.put("residuals", r.residuals());
        List<Object> residualValues = new ArrayList<>();
        for (double v : r.residualValues()) {
            residualValues.add(finite(v));
        }
        m.put("residualValues", residualValues);
        m.put("iterations", r.iterations());
        m.put("gradientEvaluations", r.gradientEvaluations());
        m.put("converged", r.converged());
        m.put("optimizer", r.method());
        List<Object> startObjectives = new ArrayList<>();
        for (double v : r.startObjectives()) {
            startObjectives.add(finite(v));
        }
        m.put("starts", startObjectives);
        m.put("warnings", r.warnings());
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Object> matrix(double[][] a) {
        List<Object> rows = new ArrayList<>();
        for (double[] row : a) {
            List<Object> cells = new ArrayList<>();
            for (double v : row) {
                cells.add(finite(v));
            }
            rows.add(cells);
        }
        return rows;
    }

    private static void writeTable(FitResult r, Writer w) {
        PrintWriter out = new PrintWriter(w);
        out.printf("%s: %d values, %s%n%n", r.fitted().name(), r.residuals(), r.method());
        out.printf("%-12s %16s %16s %16s   %s%n", "quantity", "initial", "estimate", "std. error", "95% interval");
        for (int j = 0; j < r.names().size(); j++) {
            double se = r.standardErrors()[j];
            out.printf(Locale.ROOT, "%-12s %16.8g %16.8g %16s   %s%n", r.names().get(j), r.initial()[j], r.values()[j],
                    Double.isFinite(se) ? String.format(Locale.ROOT, "%.3g", se) : "unavailable",
                    Double.isFinite(r.lower95()[j]) ? String.format(Locale.ROOT, "[%.6g, %.6g]", r.lower95()[j],
                            r.upper95()[j]) : "unavailable");
        }
        out.printf(Locale.ROOT, "%n%s J = %.6g, residual RMS %.4g, %d iterations, %d gradient evaluations, %s%n",
                r.objectiveName(), r.objective(), r.residualRms(), r.iterations(), r.gradientEvaluations(),
                r.converged() ? "converged" : "NOT converged");
        for (String warning : r.warnings()) {
            out.println("warning: " + warning);
        }
        out.flush();
    }
}
