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
import java.util.Map;
import java.util.concurrent.Callable;
import org.adjoint4j.adjoint.AccuracyEstimate;
import org.adjoint4j.adjoint.AdjointStatistics;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.HybridGradientSolver;
import org.adjoint4j.adjoint.HybridProblem;
import org.adjoint4j.adjoint.HybridResult;
import org.adjoint4j.adjoint.HessianVectorProduct;
import org.adjoint4j.adjoint.Stepping;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.solvers.StiffnessException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j gradient}: J and its gradient with respect to every parameter and the initial
 * state, by the discrete adjoint, with any checkpointing schedule.
 */
@Command(name = "gradient", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The objective J of a built-in problem and its exact gradient dJ/dp, dJ/dy0 (discrete adjoint)."})
public final class GradientCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ProblemOptions problemOptions;

    @CommandLine.Mixin
    private PetabOptions petab;

    @CommandLine.Mixin
    private EngineOptions engine;

    @Option(names = "--ensemble", paramLabel = "SAMPLES.csv",
            description = "One gradient per row of parameter values (header: parameter names), on --engine; "
                    + "bit-identical for any engine and thread count.")
    private Path ensemble;

    @CommandLine.Mixin
    private PetabPoint point;


    @Option(names = "--checkpoints", paramLabel = "SPEC", defaultValue = "auto",
            description = "auto (default: store-all if it fits a quarter of the heap, else binomial), store-all, "
                    + "binomial:S, online:S, uniform:K or disk:S,D.")
    private String checkpoints;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Memory for checkpoints with --checkpoints auto, e.g. 256m or 2g (default: a quarter of "
                    + "the heap): store-all if every tape fits, else binomial with as many snapshots as fit.")
    private String memory;

    @Option(names = "--check", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Estimate the gradient's accuracy by a finer run (tolerances / 100, or twice the steps); "
                    + "auto (default): when the run is small (steps x states <= 2e6).")
    private String check;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv.")
    private String format;

    @Option(names = "--hvp", split = ",(?![^\\[]*\\])", paramLabel = "NAME=VALUE",
            description = "Also the Hessian-vector product along this direction (parameters and y0.<state>; the "
                    + "others 0), e.g. --hvp a=1,y0.x=0.5.")
    private List<String> hvp = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format must be table, json or csv, got '" + format + "'");
        }
        if (!List.of("auto", "on", "off").contains(check)) {
            throw new IllegalArgumentException("--check must be auto, on or off, got '" + check + "'");
        }
        if (petab.given()) {
            if (!hvp.isEmpty()) {
                throw new IllegalArgumentException("--hvp does not apply to a PEtab problem yet");
            }
            return PetabRuns.gradient(petab, engine, problemOptions, point.at, format, output, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        point.requirePetab(petab);
        if (ensemble != null) {
            if (!hvp.isEmpty()) {
                throw new IllegalArgumentException("--hvp does not apply to --ensemble");
            }
            return EnsembleRun.run(problemOptions, options(), ensemble, engine, format, output,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        engine.requireUnused("one gradient");
        org.adjoint4j.modelfile.ModelFile withEvents = problemOptions.modelFile();
        if (withEvents != null && !withEvents.events().isEmpty()) {
            return hybrid(withEvents);
        }
        GradientProblem problem = problem();
        GradientOptions options = options();
        double[][] direction = hvp.isEmpty() ? null : Direction.parse("--hvp", hvp, problem.model());
        org.adjoint4j.modelfile.ModelFile modelFile = problemOptions.modelFile();
        if (direction != null && modelFile != null && modelFile.initialValuesDependOnParameters()) {
            throw new IllegalArgumentException("--hvp: the model file's initial values depend on its parameters, "
                    + "whose second derivatives Hessian-vector products do not follow yet");
        }
        PrintWriter err = spec.commandLine().getErr();
        // A default explicit method stops as soon as its steps are found pinned by stability, and
        // the gradient is computed by an implicit one instead; a method the user chose runs to the
        // end and its result carries the warning.
        boolean defaultExplicit = !problemOptions.methodGiven() && options.stepping().isAdaptive()
                && !options.method().isImplicit();
        List<String> warnings = new ArrayList<>();
        GradientResult result;
        try {
            result = GradientSolver.solve(problem, options.withStopWhenStiff(defaultExplicit), Progress.ofGradient(err));
        } catch (StiffnessException e) {
            Progress.done(err);
            warnings.add(e.getMessage() + "; switched from the default " + options.method().name() + " to esdirk4");
            options = options.withMethod(RungeKuttaMethods.ESDIRK4);
            result = GradientSolver.solve(problem, options, Progress.ofGradient(err));
        }
        Progress.done(err);
        warnings.addAll(result.warnings());
        AccuracyEstimate accuracy = accuracy(problem, options, result, warnings);
        HessianVectorProduct.Result product = null;
        if (direction != null) {
            Progress.phase("gradient: Hessian-vector product");
            product = HessianVectorProduct.of(problem, options, result.grid(), direction[0], direction[1]);
            Progress.phase(null);
        }
        org.adjoint4j.modelfile.ModelFile file = problemOptions.modelFile();
        if (file != null && file.initialValuesDependOnParameters()) {
            // Initial values that are expressions of parameters: dJ/dp is the total derivative.
            result = new GradientResult(result.value(), file.totalParameterGradient(result),
                    result.initialStateGradient(), result.finalState(), result.grid(), result.statistics(),
                    result.warnings());
        }
        for (String warning : warnings) {
            err.println("warning: " + warning);
        }
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            switch (format) {
                case "json":
                    Map<String, Object> m = json(problem, options, result, accuracy, warnings);
                    if (product != null) {
                        Map<String, Object> h = new LinkedHashMap<>();
                        h.put("p", product.parameterProduct());
                        h.put("y0", product.initialStateProduct());
                        m.put("hessianVectorProduct", h);
                    }
                    out.write(Json.write(m));
                    out.write(System.lineSeparator());
                    break;
                case "csv":
                    writeCsv(problem.model(), result, out);
                    if (product != null) {
                        for (int j = 0; j < product.parameterProduct().length; j++) {
                            out.write("Hv_p," + problem.model().parameterName(j) + "," + product.parameterProduct()[j]
                                    + "\n");
                        }
                        for (int i = 0; i < product.initialStateProduct().length; i++) {
                            out.write("Hv_y0," + problem.model().stateName(i) + "," + product.initialStateProduct()[i]
                                    + "\n");
                        }
                    }
                    break;
                default:
                    writeTable(problem, options, result, accuracy, out);
                    if (product != null) {
                        PrintWriter pw = new PrintWriter(out);
                        pw.println();
                        vector(pw, "H v, parameters", product.parameterProduct(), problem.model()::parameterName);
                        vector(pw, "H v, y0", product.initialStateProduct(), problem.model()::stateName);
                        pw.flush();
                    }
            }
        }
        if (output != null) {
            spec.commandLine().getErr().println("wrote " + output);
        }
        return 0;
    }

    /**
     * @param events events that fired
     * @return their JSON entries: time, event, direction (rising, falling, or time for a time event)
     */
    static List<Map<String, Object>> firedEvents(List<HybridResult.FiredEvent> events) {
        List<Map<String, Object>> fired = new ArrayList<>();
        for (HybridResult.FiredEvent e : events) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("time", e.time());
            f.put("event", e.name());
            f.put("direction", e.direction() > 0 ? "rising" : e.direction() < 0 ? "falling" : "time");
            fired.add(f);
        }
        return fired;
    }

    /**
     * A model file with events: the hybrid adjoint, and the events that fired beside the gradient.
     */
    private Integer hybrid(org.adjoint4j.modelfile.ModelFile file) throws IOException {
        if (!hvp.isEmpty()) {
            throw new IllegalArgumentException("--hvp does not apply to a model with events yet");
        }
        if (check.equals("on")) {
            throw new IllegalArgumentException("--check does not apply to a model with events yet");
        }
        GradientOptions options = options();
        HybridProblem problem = file.hybridProblem();
        HybridResult r = HybridGradientSolver.solve(problem, options);
        double[] dJdp = file.initialValuesDependOnParameters()
                ? file.totalParameterGradient(r.parameterGradient(), r.initialStateGradient()) : r.parameterGradient();
        ParametricOde model = problem.problem().model();
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : r.warnings()) {
            err.println("warning: " + warning);
        }
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            switch (format) {
                case "json":
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("problem", problem.problem().name());
                    m.put("n", model.stateDimension());
                    m.put("method", options.method().name());
                    Stepping stepping = options.stepping();
                    m.put("steps", stepping.isAdaptive() ? "adaptive" : stepping.steps());
                    if (stepping.isAdaptive()) {
                        m.put("rtol", stepping.relativeTolerance());
                        m.put("atol", stepping.absoluteTolerance());
                    }
                    m.put("J", r.value());
                    m.put("dJdp", dJdp);
                    m.put("dJdy0", r.initialStateGradient());
                    m.put("finalTime", r.finalTime());
                    m.put("events", firedEvents(r.events()));
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("steps", r.steps());
                    stats.put("events", r.events().size());
                    m.put("stats", stats);
                    m.put("warnings", r.warnings());
                    out.write(Json.write(m));
                    out.write(System.lineSeparator());
                    break;
                case "csv":
                    out.write("quantity,name,value\n");
                    out.write("J,J," + r.value() + "\n");
                    for (int j = 0; j < dJdp.length; j++) {
                        out.write("dJdp," + model.parameterName(j) + "," + dJdp[j] + "\n");
                    }
                    double[] gy = r.initialStateGradient();
                    for (int i = 0; i < gy.length; i++) {
                        out.write("dJdy0," + model.stateName(i) + "," + gy[i] + "\n");
                    }
                    for (HybridResult.FiredEvent e : r.events()) {
                        out.write("event," + e.name() + "," + e.time() + "\n");
                    }
                    break;
                default:
                    PrintWriter pw = new PrintWriter(out);
                    pw.printf("%s, %s, %s%n", problem.problem().name(), options.method().name(),
                            options.stepping().isAdaptive() ? "rtol " + options.stepping().relativeTolerance()
                                    + " atol " + options.stepping().absoluteTolerance()
                                    : options.stepping().steps() + " steps");
                    pw.printf("J = %.15g%n%n", r.value());
                    vector(pw, "dJ/dp", dJdp, model::parameterName);
                    vector(pw, "dJ/dy0", r.initialStateGradient(), model::stateName);
                    pw.printf("steps %d, %d events, ended at t = %.15g%n", r.steps(), r.events().size(), r.finalTime());
                    for (HybridResult.FiredEvent e : r.events()) {
                        pw.printf("  %-24s t = %.15g %s%n", e.name(), e.time(),
                                e.direction() > 0 ? "(rising)" : e.direction() < 0 ? "(falling)" : "");
                    }
                    pw.flush();
            }
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return 0;
    }

    /** The finer run of --check, with a warning where the gradient moves more than 1e-3. */
    private AccuracyEstimate accuracy(GradientProblem problem, GradientOptions options, GradientResult result,
            List<String> warnings) {
        long work = (long) result.grid().steps() * problem.model().stateDimension();
        if (check.equals("off") || check.equals("auto") && work > 2_000_000L) {
            return null;
        }
        try {
            Progress.phase("gradient: checking accuracy by a finer run");
            AccuracyEstimate a = AccuracyEstimate.of(problem, options, result);
            if (a.inaccurate()) {
                warnings.add(String.format(java.util.Locale.ROOT, "the gradient changes by %.2g (relative to its "
                        + "largest component) in a run at %s: it is not accurate to better than that; tighten "
                        + "--rtol/--atol or raise --steps", a.relativeChange(), a.reference()));
            }
            return a;
        } catch (org.adjoint4j.solvers.IntegrationException e) {
            warnings.add("accuracy check: the finer run failed (" + e.getMessage() + ")");
            return null;
        } finally {
            Progress.phase(null);
        }
    }

    private GradientProblem problem() {
        return problemOptions.problem();
    }

    private GradientOptions options() {
        GradientOptions options = problemOptions.options().withCheckpoints(checkpoints.equals("auto") ? null
                : ScheduleSpec.parse(checkpoints));
        if (memory != null) {
            if (!checkpoints.equals("auto")) {
                throw new IllegalArgumentException("--memory applies to --checkpoints auto, not " + checkpoints);
            }
            options = options.withMemoryBudget(bytes(memory));
        }
        return options;
    }

    /** "256m", "2g", "512k" or plain bytes. */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n < 1 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--memory must be a positive size such as 256m or 2g, got '" + text
                    + "'");
        }
    }

    private Map<String, Object> json(GradientProblem problem, GradientOptions options, GradientResult r,
            AccuracyEstimate accuracy, List<String> warnings) {
        AdjointStatistics s = r.statistics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problem", problem.name());
        m.put("n", problem.model().stateDimension());
        m.put("method", options.method().name());
        Stepping stepping = options.stepping();
        m.put("steps", stepping.isAdaptive() ? "adaptive" : stepping.steps());
        if (stepping.isAdaptive()) {
            m.put("rtol", stepping.relativeTolerance());
            m.put("atol", stepping.absoluteTolerance());
        }
        m.put("checkpoints", s.schedule());
        m.put("J", r.value());
        m.put("dJdp", r.parameterGradient());
        m.put("dJdy0", r.initialStateGradient());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("steps", s.steps());
        stats.put("advances", s.advances());
        stats.put("tapedSteps", s.tapedSteps());
        stats.put("rhsEvaluations", s.rhsEvaluations());
        stats.put("vjpEvaluations", s.vjpEvaluations());
        stats.put("linearSolves", s.linearSolves());
        stats.put("peakCheckpoints", s.peakCheckpoints());
        stats.put("peakCheckpointBytes", s.peakCheckpointBytes());
        stats.put("forwardSeconds", s.forwardSeconds());
        stats.put("adjointSeconds", s.adjointSeconds());
        m.put("stats", stats);
        if (accuracy != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("reference", accuracy.reference());
            a.put("relativeChange", accuracy.relativeChange());
            a.put("valueChange", accuracy.valueChange());
            m.put("accuracy", a);
        } else {
            m.put("accuracy", null);
        }
        m.put("warnings", warnings);
        return m;
    }

    private static void writeCsv(ParametricOde model, GradientResult r, Writer out) throws IOException {
        out.write("quantity,name,value\n");
        out.write("J,J," + r.value() + "\n");
        double[] gp = r.parameterGradient();
        for (int j = 0; j < gp.length; j++) {
            out.write("dJdp," + model.parameterName(j) + "," + gp[j] + "\n");
        }
        double[] gy = r.initialStateGradient();
        for (int i = 0; i < gy.length; i++) {
            out.write("dJdy0," + model.stateName(i) + "," + gy[i] + "\n");
        }
    }

    private static void writeTable(GradientProblem problem, GradientOptions options, GradientResult r,
            AccuracyEstimate accuracy, Writer w) {
        PrintWriter out = new PrintWriter(w);
        AdjointStatistics s = r.statistics();
        ParametricOde model = problem.model();
        out.printf("%s, %s, %s, checkpoints %s%n", problem.name(), options.method().name(),
                options.stepping().isAdaptive() ? "rtol " + options.stepping().relativeTolerance() + " atol "
                        + options.stepping().absoluteTolerance() : options.stepping().steps() + " steps", s.schedule());
        out.printf("J = %.15g%n%n", r.value());
        vector(out, "dJ/dp", r.parameterGradient(), model::parameterName);
        vector(out, "dJ/dy0", r.initialStateGradient(), model::stateName);
        out.printf("steps %d, advances %d, taped steps %d, rhs %d, vjp %d, peak checkpoints %d (%d bytes)%n", s.steps(),
                s.advances(), s.tapedSteps(), s.rhsEvaluations(), s.vjpEvaluations(), s.peakCheckpoints(),
                s.peakCheckpointBytes());
        out.printf("forward %.3f s, adjoint %.3f s%n", s.forwardSeconds(), s.adjointSeconds());
        if (accuracy != null) {
            out.printf(java.util.Locale.ROOT, "accuracy: the gradient changes by %.2g (relative to its largest "
                    + "component), J by %.2g, in a run at %s%n", accuracy.relativeChange(), accuracy.valueChange(),
                    accuracy.reference());
        }
        out.flush();
    }

    static void vector(PrintWriter out, String title, double[] v, java.util.function.IntFunction<String> name) {
        out.println(title);
        int shown = v.length <= 12 ? v.length : 6;
        for (int i = 0; i < shown; i++) {
            out.printf("  %-8s % .15e%n", name.apply(i), v[i]);
        }
        if (shown < v.length) {
            double sum = 0;
            double sumSquares = 0;
            for (double x : v) {
                sum += x;
                sumSquares += x * x;
            }
            out.printf("  ... %d more; sum % .15e, norm %.15e (all with --format json or csv)%n", v.length - shown, sum,
                    Math.sqrt(sumSquares));
        }
        out.println();
    }
}
