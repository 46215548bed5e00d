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
import org.adjoint4j.estimation.control.ControlParameterization;
import org.adjoint4j.estimation.control.ControlResult;
import org.adjoint4j.estimation.control.ControlSystem;
import org.adjoint4j.estimation.control.LinearQuadraticRegulator;
import org.adjoint4j.estimation.control.ModelControlSystem;
import org.adjoint4j.estimation.control.OptimalControl;
import org.adjoint4j.estimation.control.VanDerPol;
import org.adjoint4j.modelfile.ModelFile;
import org.adjoint4j.solvers.RungeKuttaMethods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code adjoint4j control}: optimal control by direct single shooting, controls piecewise
 * constant or linear over K intervals, L-BFGS on adjoint gradients; table, JSON or CSV, and a plot
 * of states and controls.
 */
@Command(name = "control", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Optimal control of a built-in system (lqr: a double integrator, checked against its "
                + "Riccati optimum; van-der-pol: an oscillator steered to rest) or of a model file with \"controls\".",
            "Example: adjoint4j control lqr --intervals 200 --plot lqr.png"})
public final class ControlCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROBLEM", description = "lqr or van-der-pol (or give --model).")
    private String problemName;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file with \"controls\" instead.")
    private Path modelFile;

    @Option(names = "--intervals", paramLabel = "K", defaultValue = "100", description = "Control intervals (default 100).")
    private int intervals;

    @Option(names = "--parameterization", paramLabel = "KIND", defaultValue = "constant",
            description = "constant (default) or linear (continuous, piecewise linear).")
    private String parameterization;

    @Option(names = "--steps-per-interval", paramLabel = "S", defaultValue = "4",
            description = "RK4 steps per interval (default 4).")
    private int stepsPerInterval;

    @Option(names = "--bound", paramLabel = "B", description = "Bound |u| <= B (default: 2 for van-der-pol, none otherwise).")
    private Double bound;

    @Option(names = "--bounds", paramLabel = "LO:HI",
            description = "Bounds LO <= u <= HI of every control, either side may be empty (e.g. --bounds 0: for u >= 0).")
    private String bounds;

    @Option(names = "--plot", paramLabel = "OUT.png|svg|pdf",
            description = "Plot the states and the controls (PNG, SVG or PDF, by the ending).")
    private Path plot;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default), json or csv.")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new IllegalArgumentException("--format must be table, json or csv, got '" + format + "'");
        }
        Plots.requirePlot("--plot", plot);
        Plots.requireWritable("-o", output, null);
        if (intervals < 1) {
            throw new IllegalArgumentException("--intervals must be >= 1, got " + intervals);
        }
        if (!parameterization.equals("constant") && !parameterization.equals("linear")) {
            throw new IllegalArgumentException("--parameterization must be constant or linear, got '" + parameterization
                    + "'");
        }
        ControlParameterization kind = ControlParameterization.fromCliName(parameterization);
        ControlSystem system = system();
        double lower = system.lowerControlBound();
        double upper = system.upperControlBound();
        if (bound != null && bounds != null) {
            throw new IllegalArgumentException("give --bound B or --bounds LO:HI, not both");
        }
        if (bound != null) {
            if (!(bound > 0)) {
                throw new IllegalArgumentException("--bound must be > 0, got " + bound);
            }
            lower = -bound;
            upper = bound;
        }
        if (bounds != null) {
            double[] range = OptionValues.range("--bounds " + bounds, bounds, "LO:HI, e.g. --bounds 0:1 or --bounds 0:");
            lower = range[0];
            upper = range[1];
        }
        OptimalControl problem = new OptimalControl(system, kind, intervals, stepsPerInterval,
                org.adjoint4j.solvers.RungeKuttaMethods.RK4);
        PrintWriter err = spec.commandLine().getErr();
        double[] start = new double[kind.coefficients(intervals, system.controlDimension())];
        // zero controls where zero is allowed, else the bound nearest to it
        java.util.Arrays.fill(start, Math.min(upper, Math.max(lower, 0.0)));
        ControlResult r = problem.solve(start, lower, upper, Progress.of(err, "control"));
        Progress.done(err);
        Double optimum = Double.isNaN(system.exactOptimum()) ? null : system.exactOptimum();
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            switch (format) {
                case "json":
                    out.write(Json.write(json(system, r, optimum)));
                    out.write(System.lineSeparator());
                    break;
                case "csv":
                    writeCsv(system, r, out);
                    break;
                default:
                    writeTable(r, optimum, out);
            }
        }
        if (plot != null) {
            plot(system, r);
            err.println("wrote " + plot);
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return 0;
    }

    private ControlSystem system() {
        if (modelFile != null) {
            if (problemName != null) {
                throw new IllegalArgumentException("give either a PROBLEM or --model FILE, not both");
            }
            return ModelControlSystem.of(ModelFile.read(modelFile));
        }
        if (problemName == null) {
            throw new IllegalArgumentException("give a PROBLEM (lqr, van-der-pol) or --model FILE");
        }
        switch (problemName) {
            case "lqr":
                return new LinearQuadraticRegulator();
            case "van-der-pol":
                return new VanDerPol();
            default:
                throw new IllegalArgumentException("unknown control problem '" + problemName
                        + "'; built-in: lqr, van-der-pol");
        }
    }

    private static Map<String, Object> json(ControlSystem system, ControlResult r, Double optimum) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problem", r.system());
        m.put("parameterization", r.kind() == ControlParameterization.PIECEWISE_CONSTANT ? "constant" : "linear");
        m.put("intervals", r.intervals());
        m.put("objective", r.objective());
        if (optimum != null) {
            m.put("riccatiOptimum", optimum);
            m.put("relativeGap", (r.objective() - optimum) / optimum);
        }
        m.put("iterations", r.iterations());
        m.put("gradientEvaluations", r.gradientEvaluations());
        m.put("converged", r.converged());
        m.put("gradientSeconds", r.gradientSeconds());
        m.put("coefficients", r.coefficients());
        List<String> states = new ArrayList<>();
        for (int i = 0; i < system.stateDimension(); i++) {
            states.add(system.stateName(i));
        }
        m.put("stateNames", states);
        m.put("times", r.times());
        m.put("states", r.states());
        m.put("controls", r.controls());
        return m;
    }

    private static void writeCsv(ControlSystem system, ControlResult r, Writer w) {
        PrintWriter out = new PrintWriter(w);
        StringBuilder header = new StringBuilder("t");
        for (int i = 0; i < system.stateDimension(); i++) {
            header.append(',').append(system.stateName(i));
        }
        for (int j = 0; j < system.controlDimension(); j++) {
            header.append(',').append(system.controlName(j));
        }
        out.println(header);
        for (int k = 0; k < r.times().length; k++) {
            StringBuilder row = new StringBuilder(Double.toString(r.times()[k]));
            for (double x : r.states()[k]) {
                row.append(',').append(x);
            }
            for (double u : r.controls()[k]) {
                row.append(',').append(u);
            }
            out.println(row);
        }
        out.flush();
    }

    private static void writeTable(ControlResult r, Double optimum, Writer w) {
        PrintWriter out = new PrintWriter(w);
        out.printf(Locale.ROOT, "%s, %s controls on %d intervals%n", r.system(),
                r.kind() == ControlParameterization.PIECEWISE_CONSTANT ? "piecewise-constant" : "piecewise-linear",
                r.intervals());
        out.printf(Locale.ROOT, "J = %.10g%n", r.objective());
        if (optimum != null) {
            out.printf(Locale.ROOT, "Riccati optimum %.10g, relative gap %.3e%n", optimum,
                    (r.objective() - optimum) / optimum);
        }
        double[] last = r.states()[r.states().length - 1];
        out.printf(Locale.ROOT, "x(T) = %s%n", java.util.Arrays.toString(last));
        out.printf(Locale.ROOT, "%d iterations, %d gradient evaluations (%.3f ms each), %s%n", r.iterations(),
                r.gradientEvaluations(), r.gradientSeconds() * 1e3, r.converged() ? "converged" : "NOT converged");
        out.flush();
    }

    private void plot(ControlSystem system, ControlResult r) throws IOException {
        List<Plots.Curve> states = new ArrayList<>();
        for (int i = 0; i < system.stateDimension(); i++) {
            double[] values = new double[r.times().length];
            for (int k = 0; k < values.length; k++) {
                values[k] = r.states()[k][i];
            }
            states.add(new Plots.Curve(system.stateName(i), r.times(), values, Plots.Style.LINE, i));
        }
        List<Plots.Curve> controls = new ArrayList<>();
        for (int j = 0; j < system.controlDimension(); j++) {
            double[] values = new double[r.times().length];
            for (int k = 0; k < values.length; k++) {
                values[k] = r.controls()[k][j];
            }
            Plots.Style style = r.kind() == ControlParameterization.PIECEWISE_CONSTANT ? Plots.Style.STEPS
                    : Plots.Style.LINE;
            controls.add(new Plots.Curve(system.controlName(j), r.times(), values, style,
                    system.stateDimension() + j));
        }
        Plots.write(plot, r.system() + ": optimal control, K = " + r.intervals() + ", J = "
                + String.format(Locale.ROOT, "%.6g", r.objective()), List.of(states, controls),
                List.of("state", "control"));
    }
}
