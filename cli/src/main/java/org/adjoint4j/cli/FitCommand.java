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
import java.util.concurrent.atomic.AtomicBoolean;
import org.adjoint4j.adjoint.BatchEngine;
import org.adjoint4j.adjoint.BatchTask;
import org.adjoint4j.adjoint.GradientBatch;
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

import static org.adjoint4j.cli.OptionValues.keyValue;
import static org.adjoint4j.cli.OptionValues.number;
import static org.adjoint4j.cli.OptionValues.pairs;

/**
 * {@code adjoint4j fit}: maximum-likelihood (or least-squares) estimation of a model's parameters
 * and initial states from one or more data sets (CSV with states or observables, optional sigma
 * columns), jointly; bounds, log scales, Gaussian priors, multistart; standard errors, covariance,
 * correlation and 95% intervals; a table or JSON, the fitted trajectories as CSV, and a plot of data,
 * fits and residuals.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates parameters and initial states from data (CSV with header t,<states or "
                + "observables>[,<name>_sigma]; empty cells: not measured): maximum likelihood where sigmas are given, "
                + "else least squares; several data sets jointly.",
            "Example: adjoint4j fit lotka-volterra --data examples/data/lotka-volterra.csv --plot fit.png"})
public final class FitCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ProblemOptions problemOptions;

    @CommandLine.Mixin
    private PetabOptions petab;

    @CommandLine.Mixin
    private EngineOptions engine;

    @Option(names = "--sampling", paramLabel = "lhs|uniform", defaultValue = "lhs",
            description = "With --petab: how starts are drawn within the bounds on the parameters' scales (Latin "
                    + "hypercube, the default, or uniform).")
    private String sampling;

    @Option(names = "--data", paramLabel = "FILE.csv[@CONDITION|NAME=VALUE,...]",
            description = "Measurements (header t,<states or observables>[,<name>_sigma]); repeat for several "
                    + "experiments, each optionally with its own parameter or y0.<state> values after '@', or a "
                    + "condition of the model file's \"conditions\".")
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

    @Option(names = "--prior", split = ";", paramLabel = "NAME=normal:MEAN,SD|uniform:LO,HI",
            description = "Priors of fitted quantities (on their values): Gaussian, or uniform (the same as bounds).")
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
            description = "lm (Levenberg-Marquardt, forward-sensitivity Jacobians), lbfgs (adjoint gradients), newton "
                    + "(trust-region Newton-CG on exact Hessian-vector products), or "
                    + "auto (default: lm continued over growing time spans, robust from poor starts; lbfgs when "
                    + "parameters outnumber 50 or the data).")
    private String optimizer;

    @Option(names = "--plot", paramLabel = "OUT.png|svg|pdf",
            description = "Plot the data, the fitted observed quantities and the residuals (PNG, SVG or PDF).")
    private Path plot;

    @Option(names = "--log-axis", description = "Plot the data and fits on a logarithmic axis.")
    private boolean logAxis;

    @Option(names = "--plot-states", description = "Plot the fitted states that no data measure as well.")
    private boolean plotStates;

    @Option(names = "--hessian", description = "Also standard errors and intervals from the exact Hessian of the "
            + "objective (Hessian-vector products of the discrete scheme).")
    private boolean hessian;

    @Option(names = "--profile", split = ",", paramLabel = "NAME",
            description = "Profile likelihoods of these fitted quantities (re-fitting the others), with their 95% "
                    + "intervals.")
    private List<String> profile = new ArrayList<>();

    @Option(names = "--profile-points", paramLabel = "K", defaultValue = "8",
            description = "Profile points on each side of the estimate (default 8), over 4 standard errors.")
    private int profilePoints;

    @Option(names = "--profile-plot", paramLabel = "PREFIX.png|svg|pdf",
            description = "Plot each profile with its 95% threshold, to PREFIX-<name>.png (or .svg, .pdf).")
    private Path profilePlot;

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
        if (!List.of("auto", "lm", "lbfgs", "newton").contains(optimizer) && !petab.given()) {
            throw new IllegalArgumentException("--optimizer must be auto, lm, lbfgs or newton, got '" + optimizer + "'");
        }
        if (starts < 1) {
            throw new IllegalArgumentException("--starts must be >= 1, got " + starts);
        }
        if (petab.given()) {
            if (!data.isEmpty()) {
                throw new IllegalArgumentException("--data does not apply to --petab (its measurement table is the data)");
            }
            // The PEtab tables say what is estimated, within which bounds, on which scale and with
            // which noise: options that would say it again are refused rather than ignored.
            String[] names = {"--fit", "--initial", "--bounds", "--scale", "--prior", "--sigma", "--noise",
                "--hessian", "--trajectories", "--log-axis", "--plot-states"};
            boolean[] given = {!fit.isEmpty(), !initial.isEmpty(), !bounds.isEmpty(), !scale.isEmpty(),
                !prior.isEmpty(), !sigma.isEmpty(), !noise.isEmpty(), hessian, trajectories != null, logAxis,
                plotStates};
            for (int k = 0; k < names.length; k++) {
                if (given[k]) {
                    throw new IllegalArgumentException(names[k] + " does not apply to --petab (the PEtab tables "
                            + "define the estimation problem)");
                }
            }
            Plots.requirePlot("--plot", plot);
            Plots.requirePlot("--profile-plot", profilePlot);
            if (profilePlot != null && profile.isEmpty()) {
                throw new IllegalArgumentException("--profile-plot needs --profile NAME[,NAME...]");
            }
            return PetabRuns.fit(petab, engine, problemOptions, new PetabRuns.FitRequest(starts, seed, optimizer, sampling,
                    plot, profile, profilePoints, profilePlot), format, output, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("give --data FILE.csv (or --petab PROBLEM.yaml)");
        }
        if (starts == 1) {
            engine.requireUnused("a fit from one start");
        }
        if (!sampling.equals("lhs")) {
            throw new IllegalArgumentException("--sampling applies to --petab problems");
        }
        Plots.requirePlot("--plot", plot);
        Plots.requirePlot("--profile-plot", profilePlot);
        if (profilePlot != null && profile.isEmpty()) {
            throw new IllegalArgumentException("--profile-plot needs --profile NAME,...");
        }
        if (profilePoints < 2) {
            throw new IllegalArgumentException("--profile-points must be >= 2, got " + profilePoints);
        }
        Plots.requireWritable("--trajectories", trajectories, ".csv");
        Plots.requireWritable("-o", output, null);
        ParameterEstimation estimation = estimation();
        ModelFile file = problemOptions.modelFile();
        GradientProblem problem = problemOptions.problem();
        GradientOptions options = problemOptions.options();
        if (file != null && file.initialValuesDependOnParameters() && (hessian || optimizer.equals("newton"))) {
            throw new IllegalArgumentException((hessian ? "--hessian" : "--optimizer newton") + ": the model "
                    + "file's initial values depend on its parameters, whose second derivatives are not followed "
                    + "yet; use --optimizer lm or lbfgs and the Gauss-Newton standard errors");
        }
        for (String name : profile) {
            if (!estimation.names().contains(name)) {
                // refused before any work, with the message the estimation gives
                throw new IllegalArgumentException("profile " + name + ": not a fitted quantity (" + String.join(", ",
                        estimation.names()) + ")");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress.Fit progress = Progress.ofFit(err);
        estimation.withSolveProgress(progress);
        // Ctrl-C (or a kill) during the fit: the best iterate so far is printed, and written where -o points.
        AtomicBoolean finished = new AtomicBoolean();
        Thread interrupted = new Thread(() -> {
            if (!finished.get()) {
                reportInterrupted(estimation.bestSoFar(), err);
            }
        }, "fit-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        FitResult result;
        try {
            result = starts > 1 ? multistart(estimation, progress, err)
                    : optimizer.equals("lm") ? estimation.levenbergMarquardt(progress)
                    : optimizer.equals("lbfgs") ? estimation.quasiNewton(progress)
                    : optimizer.equals("newton") ? estimation.newton(progress) : estimation.fit(progress);
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook reports
            }
        }
        Progress.done(err);
        ParameterEstimation.HessianUncertainty exact = null;
        if (hessian) {
            Progress.phase("fit: exact Hessian at the estimate");
            exact = estimation.hessianUncertainty(result);
            Progress.phase(null);
        }
        List<ParameterEstimation.Profile> profiles = new ArrayList<>();
        for (String name : profile) {
            Progress.phase("fit: profile of " + name);
            profiles.add(estimation.profile(result, name, profilePoints));
            Progress.phase(null);
        }
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            if (format.equals("json")) {
                Map<String, Object> m = json(result);
                if (exact != null) {
                    Map<String, Object> errors = new LinkedHashMap<>();
                    Map<String, Object> intervals = new LinkedHashMap<>();
                    for (int j = 0; j < result.names().size(); j++) {
                        errors.put(result.names().get(j), finite(exact.standardErrors()[j]));
                        intervals.put(result.names().get(j), Double.isFinite(exact.lower95()[j])
                                ? List.of(exact.lower95()[j], exact.upper95()[j]) : null);
                    }
                    m.put("hessianStandardErrors", errors);
                    m.put("hessianConfidenceIntervals95", intervals);
                    m.put("hessian", matrix(exact.hessian()));
                }
                if (!profiles.isEmpty()) {
                    Map<String, Object> all = new LinkedHashMap<>();
                    for (ParameterEstimation.Profile pr : profiles) {
                        all.put(pr.name(), profileJson(pr));
                    }
                    m.put("profiles", all);
                }
                out.write(Json.write(m));
                out.write(System.lineSeparator());
            } else {
                writeTable(result, out);
                PrintWriter table = new PrintWriter(out);
                for (int j = 0; exact != null && j < result.names().size(); j++) {
                    table.printf(Locale.ROOT, "exact Hessian: %-10s std. error %s, 95%% interval %s%n",
                            result.names().get(j), Double.isFinite(exact.standardErrors()[j])
                                    ? String.format(Locale.ROOT, "%.3g", exact.standardErrors()[j]) : "unavailable",
                            Double.isFinite(exact.lower95()[j]) ? String.format(Locale.ROOT, "[%.6g, %.6g]",
                                    exact.lower95()[j], exact.upper95()[j]) : "unavailable");
                }
                for (ParameterEstimation.Profile pr : profiles) {
                    profileLine(table, pr);
                }
                table.flush();
            }
        }
        for (ParameterEstimation.Profile pr : profiles) {
            if (profilePlot != null) {
                err.println("wrote " + plotProfile(profilePlot, result.fitted().name(), result.objectiveName(), pr));
            }
        }
        FittedCurves curves = new FittedCurves(result, estimation.experiments(), options, file == null ? Map.of()
                : file.observables());
        if (trajectories != null) {
            curves.writeCsv(trajectories);
            err.println("wrote " + trajectories);
        }
        if (plot != null) {
            curves.plot(plot, logAxis, plotStates);
            err.println("wrote " + plot);
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return 0;
    }

    /** PREFIX.png and beta: PREFIX-beta.png. */
    /** A profile as JSON: values, objectives (null where a point failed), threshold, 95% interval. */
    static Map<String, Object> profileJson(ParameterEstimation.Profile pr) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("values", pr.values());
        List<Object> objectives = new ArrayList<>();
        for (double v : pr.objectives()) {
            objectives.add(finite(v));
        }
        one.put("objectives", objectives);
        one.put("threshold", pr.threshold());
        List<Object> interval = new ArrayList<>();
        interval.add(finite(pr.lower95()));
        interval.add(finite(pr.upper95()));
        one.put("interval95", interval);
        return one;
    }

    /** A profile's line of the table. */
    static void profileLine(PrintWriter table, ParameterEstimation.Profile pr) {
        table.printf(Locale.ROOT, "profile %-10s 95%% interval [%s, %s] (threshold %.6g)%n", pr.name(),
                Double.isFinite(pr.lower95()) ? String.format(Locale.ROOT, "%.6g", pr.lower95())
                        : "not reached", Double.isFinite(pr.upper95())
                        ? String.format(Locale.ROOT, "%.6g", pr.upper95()) : "not reached", pr.threshold());
    }

    /**
     * Plots a profile with its points and 95% threshold to PREFIX-NAME.ext.
     *
     * @return the file written
     */
    static Path plotProfile(Path prefix, String model, String objectiveName, ParameterEstimation.Profile pr)
            throws IOException {
        Path profileImage = profileFile(prefix, pr.name());
        List<Plots.Curve> curves = List.of(
                new Plots.Curve("profile of " + pr.name(), pr.values(), pr.objectives(), Plots.Style.LINE, 0),
                new Plots.Curve("profile points", pr.values(), pr.objectives(), Plots.Style.MARKERS, 0),
                new Plots.Curve("95% threshold", new double[] {pr.values()[0],
                    pr.values()[pr.values().length - 1]}, new double[] {pr.threshold(), pr.threshold()},
                    Plots.Style.LINE, 1));
        Plots.write(profileImage, model + ": profile likelihood of " + pr.name(), List.of(curves),
                List.of(objectiveName), new boolean[1], pr.name());
        return profileImage;
    }

    private static Path profileFile(Path prefix, String name) {
        String file = prefix.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return prefix.resolveSibling(file.substring(0, dot) + "-" + safe + file.substring(dot));
    }

    private void reportInterrupted(ParameterEstimation.Iterate best, PrintWriter err) {
        err.println();
        if (best == null) {
            err.println("fit: interrupted before the first evaluation on all the data; nothing to report");
            err.flush();
            return;
        }
        StringBuilder values = new StringBuilder();
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int j = 0; j < best.names().size(); j++) {
            values.append(j == 0 ? "" : ", ").append(best.names().get(j)).append(" = ")
                    .append(String.format(Locale.ROOT, "%.8g", best.values()[j]));
            parameters.put(best.names().get(j), best.values()[j]);
        }
        err.printf(Locale.ROOT, "fit: interrupted after %d evaluations; best iterate so far: %s (objective %.8g, not "
                + "converged)%n", best.evaluations(), values, best.objective());
        if (output != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("interrupted", true);
            m.put("parameters", parameters);
            m.put("objective", best.objective());
            m.put("evaluations", best.evaluations());
            m.put("converged", false);
            try {
                Files.writeString(output, Json.write(m) + System.lineSeparator(), StandardCharsets.UTF_8);
                err.println("wrote " + output);
            } catch (IOException e) {
                err.println("fit: could not write " + output + ": " + e.getMessage());
            }
        }
        err.flush();
    }

    /** "town-b" (a condition of the model file), "y0.I=40", or several of them separated by commas. */
    private static Map<String, Double> overrides(String option, String list, ModelFile file) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String item : list.split(",")) {
            Map<String, Double> more;
            if (item.contains("=")) {
                more = pairs(option, List.of(item));
            } else if (file == null) {
                throw new IllegalArgumentException(option + ": '" + item + "' is not NAME=VALUE (named conditions "
                        + "come from a model file's \"conditions\")");
            } else {
                try {
                    more = file.condition(item.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + ": " + e.getMessage());
                }
            }
            for (Map.Entry<String, Double> e : more.entrySet()) {
                if (values.put(e.getKey(), e.getValue()) != null) {
                    throw new IllegalArgumentException(option + ": " + e.getKey() + " is given twice");
                }
            }
        }
        return values;
    }

    /**
     * The estimation these options describe: the problem, the experiments of --data, what is
     * fitted and how. Files come from disk, or from {@link #files} where a copy travelled.
     */
    ParameterEstimation estimation() {
        GradientProblem problem = problemOptions.problem();
        GradientOptions options = problemOptions.options();
        ModelFile file = problemOptions.modelFile();
        Map<String, StateFunction> observables = file == null ? Map.of() : file.observables();
        List<Experiment> experiments = new ArrayList<>();
        for (String d : data) {
            int at = d.indexOf('@');
            Path csv = Path.of(at < 0 ? d : d.substring(0, at));
            Map<String, Double> overrides = at < 0 ? Map.of() : overrides("--data " + d, d.substring(at + 1), file);
            List<String> lines = files == null ? null : files.get(csv.toString());
            ObservedData observed = lines == null ? ObservedData.read(csv, problem.model(), observables,
                    problem.initialTime(), problem.finalTime()) : ObservedData.parse(csv.toString(), lines,
                    problem.model(), observables, problem.initialTime(), problem.finalTime());
            experiments.add(new Experiment(csv.toString(), observed, overrides));
        }
        ParameterEstimation estimation = new ParameterEstimation(problem, experiments, fit, options);
        if (file != null) {
            estimation.withSpecifications(file);
        }
        configure(estimation);
        return estimation;
    }

    /** The data files' lines by their --data path, where this command was rebuilt elsewhere (else null). */
    private Map<String, List<String>> files;

    /**
     * The starts of a model-file fit as the tasks of a batch that can travel: the command line and
     * the files it names (model and data) go with it, and a worker rebuilds the estimation from
     * them once; each task is one start's local fit, and only its summary comes back. The driver
     * then fits the best start again, here, for its whole result (the same bits).
     */
    static final class ModelFitStarts implements BatchTask<ParameterEstimation, ParameterEstimation.StartSummary> {
        private static final long serialVersionUID = 1L;
        private final String[] args;
        private final String modelText;
        private final Map<String, List<String>> data;
        private final double[][] points;
        private final transient ParameterEstimation local;

        ModelFitStarts(String[] args, String modelText, Map<String, List<String>> data, double[][] points,
                ParameterEstimation local) {
            this.args = args.clone();
            this.modelText = modelText;
            this.data = data;
            this.points = points;
            this.local = local;
        }

        @Override
        public int size() {
            return points.length;
        }

        @Override
        public ParameterEstimation prepare() {
            if (local != null) {
                return local;
            }
            CommandLine cli = new CommandLine(new Main());
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            FitCommand fit = (FitCommand) parsed.subcommand().commandSpec().userObject();
            fit.problemOptions.modelText = modelText;
            fit.files = data;
            return fit.estimation();
        }

        @Override
        public ParameterEstimation.StartSummary solve(ParameterEstimation estimation, int k) {
            return estimation.summarizeStart(points[k]);
        }
    }

    /**
     * Several starts: in turn with live progress on one thread, else as independent fits on the
     * engine's threads (the same bits; progress only as a phase).
     */
    private FitResult multistart(ParameterEstimation estimation, Progress.Fit progress, PrintWriter err)
            throws IOException {
        if (engine.named("spark")) {
            Map<String, List<String>> lines = new LinkedHashMap<>();
            for (String d : data) {
                int at = d.indexOf('@');
                String csv = at < 0 ? d : d.substring(0, at);
                lines.put(csv, Files.readAllLines(Path.of(csv)));
            }
            String text = problemOptions.modelFile == null ? null : problemOptions.modelFile().text();
            String[] whole = spec.commandLine().getParent().getParseResult().originalArgs().toArray(new String[0]);
            try (BatchEngine e = engine.open(starts)) {
                Progress.phase("fit: " + starts + " starts on " + e.description());
                try {
                    return estimation.multistart(starts, seed, points -> e.run(new ModelFitStarts(whole, text, lines,
                            points, null)));
                } finally {
                    Progress.phase(null);
                }
            }
        }
        try (GradientBatch batch = engine.local(starts, "a --model fit's starts")) {
            if (batch.threads() == 1) {
                return estimation.multistart(starts, seed, progress);
            }
            Progress.phase("fit: " + starts + " starts on " + batch.description());
            try {
                return estimation.multistart(starts, seed, batch);
            } finally {
                Progress.phase(null);
            }
        }
    }

    private void configure(ParameterEstimation estimation) {
        estimation.withInitial(pairs("--initial", initial));
        for (String b : bounds) {
            String[] kv = keyValue("--bounds", b, "NAME=LO:HI, e.g. --bounds beta=0:0.3");
            double[] range = OptionValues.range("--bounds " + b, kv[1], "NAME=LO:HI, e.g. --bounds beta=0:0.3");
            estimation.withBounds(kv[0], range[0], range[1]);
        }
        for (String s : scale) {
            String[] kv = keyValue("--scale", s, "NAME=log or NAME=lin");
            if (!kv[1].equals("log") && !kv[1].equals("lin")) {
                throw new IllegalArgumentException("--scale " + s + ": the scale must be log or lin, got '" + kv[1] + "'");
            }
            estimation.withScale(kv[0], kv[1].equals("log"));
        }
        for (String pr : prior) {
            String[] kv = keyValue("--prior", pr, "NAME=normal:MEAN,SD or NAME=uniform:LO,HI");
            boolean normal = kv[1].startsWith("normal:");
            boolean uniform = kv[1].startsWith("uniform:");
            String[] ab = kv[1].substring(kv[1].indexOf(':') + 1).split(",", -1);
            if (!normal && !uniform || ab.length != 2) {
                throw new IllegalArgumentException("--prior " + pr + ": expected NAME=normal:MEAN,SD or "
                        + "NAME=uniform:LO,HI, e.g. --prior beta=normal:0.5,0.1");
            }
            if (normal) {
                estimation.withPrior(kv[0], number("--prior " + pr, ab[0]), number("--prior " + pr, ab[1]));
            } else {
                estimation.withBounds(kv[0], number("--prior " + pr, ab[0]), number("--prior " + pr, ab[1]));
            }
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
