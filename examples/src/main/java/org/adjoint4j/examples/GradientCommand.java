package org.adjoint4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.adjoint4j.adjoint.AdjointStatistics;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.ParametricOde;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code adjoint4j gradient}: J and its gradient with respect to every parameter and the initial
 * state, by the discrete adjoint, with any checkpointing schedule.
 */
@Command(name = "gradient", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The objective J of a built-in problem and its exact gradient dJ/dp, dJ/dy0 (discrete adjoint)."})
public final class GradientCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROBLEM",
            description = "A built-in problem: lotka-volterra or lorenz96 (or give --model).")
    private String problemName;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file (JSON) instead of a built-in problem.")
    private Path modelFile;

    @Option(names = "--n", paramLabel = "SIZE", description = "Size of lorenz96 (default 40) or heat (interior nodes, default 100).")
    private Integer size;

    @Option(names = "--method", paramLabel = "NAME",
            description = "Explicit euler, midpoint, rk4, gill, three-eighths, luther, dopri5, dop853, higham-hall; "
                    + "implicit beuler, cn, sdirk2, esdirk3, esdirk4. Default: esdirk4 for the stiff robertson and "
                    + "heat, dopri5 otherwise.")
    private String method;

    @Option(names = "--steps", paramLabel = "N", description = "Fixed steps; without it the run is adaptive.")
    private Integer steps;

    @Option(names = "--rtol", paramLabel = "R", description = "Relative tolerance of an adaptive run (default 1e-8).")
    private Double rtol;

    @Option(names = "--atol", paramLabel = "A", description = "Absolute tolerance of an adaptive run (default 1e-10).")
    private Double atol;

    @Option(names = "--checkpoints", paramLabel = "SPEC", defaultValue = "auto",
            description = "auto (default: store-all if it fits a quarter of the heap, else binomial), store-all, "
                    + "binomial:S, online:S, uniform:K or disk:S,D.")
    private String checkpoints;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv.")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format must be table, json or csv, got '" + format + "'");
        }
        GradientProblem problem = problem();
        GradientOptions options = options();
        GradientResult result = GradientSolver.solve(problem, options);
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            switch (format) {
                case "json":
                    out.write(Json.write(json(problem, options, result)));
                    out.write(System.lineSeparator());
                    break;
                case "csv":
                    writeCsv(problem.model(), result, out);
                    break;
                default:
                    writeTable(problem, options, result, out);
            }
        }
        if (output != null) {
            spec.commandLine().getErr().println("wrote " + output);
        }
        return 0;
    }

    private GradientProblem problem() {
        if (modelFile != null) {
            if (problemName != null) {
                throw new IllegalArgumentException("give either a PROBLEM or --model FILE, not both");
            }
            if (size != null) {
                throw new IllegalArgumentException("--n does not apply to a model file");
            }
            return ModelFile.read(modelFile).problem();
        }
        if (problemName == null) {
            throw new IllegalArgumentException("give a PROBLEM (" + BuiltInProblems.names() + ") or --model FILE");
        }
        return BuiltInProblems.create(problemName, size);
    }

    private GradientOptions options() {
        String name = method != null ? method : modelFile != null ? "dopri5" : BuiltInProblems.defaultMethod(problemName);
        RungeKuttaMethod m = RungeKuttaMethod.fromCliName(name);
        GradientOptions options = GradientOptions.defaults().withMethod(m);
        if (steps != null) {
            if (rtol != null || atol != null) {
                throw new IllegalArgumentException("give either --steps (fixed steps) or --rtol/--atol (adaptive), not both");
            }
            if (steps < 1) {
                throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
            }
            options = options.withSteps(steps);
        } else {
            if (!m.isAdaptive()) {
                throw new IllegalArgumentException("--method " + name + " has no error estimate: give --steps N, or "
                        + "use dopri5, dop853, higham-hall, cn, sdirk2, esdirk3 or esdirk4");
            }
            double r = rtol == null ? 1e-8 : rtol;
            double a = atol == null ? 1e-10 : atol;
            if (!(r > 0) || !(a > 0) || !Double.isFinite(r) || !Double.isFinite(a)) {
                throw new IllegalArgumentException("--rtol and --atol must be finite and > 0, got --rtol " + r
                        + " --atol " + a);
            }
            options = options.withTolerances(r, a);
        }
        return options.withCheckpoints(checkpoints.equals("auto") ? null : ScheduleSpec.parse(checkpoints));
    }

    private Map<String, Object> json(GradientProblem problem, GradientOptions options, GradientResult r) {
        AdjointStatistics s = r.statistics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problem", problem.name());
        m.put("n", problem.model().stateDimension());
        m.put("method", options.method().cliName());
        m.put("steps", steps == null ? "adaptive" : steps);
        if (steps == null) {
            m.put("rtol", options.relativeTolerance());
            m.put("atol", options.absoluteTolerance());
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

    private static void writeTable(GradientProblem problem, GradientOptions options, GradientResult r, Writer w) {
        PrintWriter out = new PrintWriter(w);
        AdjointStatistics s = r.statistics();
        ParametricOde model = problem.model();
        out.printf("%s, %s, %s, checkpoints %s%n", problem.name(), options.method().cliName(),
                options.steps() > 0 ? options.steps() + " steps" : "rtol " + options.relativeTolerance() + " atol "
                        + options.absoluteTolerance(), s.schedule());
        out.printf("J = %.15g%n%n", r.value());
        vector(out, "dJ/dp", r.parameterGradient(), model::parameterName);
        vector(out, "dJ/dy0", r.initialStateGradient(), model::stateName);
        out.printf("steps %d, advances %d, taped steps %d, rhs %d, vjp %d, peak checkpoints %d (%d bytes)%n", s.steps(),
                s.advances(), s.tapedSteps(), s.rhsEvaluations(), s.vjpEvaluations(), s.peakCheckpoints(),
                s.peakCheckpointBytes());
        out.printf("forward %.3f s, adjoint %.3f s%n", s.forwardSeconds(), s.adjointSeconds());
        out.flush();
    }

    private static void vector(PrintWriter out, String title, double[] v, java.util.function.IntFunction<String> name) {
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
