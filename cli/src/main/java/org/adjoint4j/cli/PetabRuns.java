package org.adjoint4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.HybridResult;
import org.adjoint4j.estimation.ParameterEstimation;
import org.adjoint4j.estimation.PetabFit;
import org.adjoint4j.estimation.PetabObjective;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.PetabProblem;

/**
 * What {@code gradient --petab}, {@code fit --petab} and {@code simulate --petab} do: the PEtab
 * objective and its gradient on the parameters' scales, multistart fits, and the simulated
 * observables beside the data, as tables, JSON, CSV and plots.
 */
final class PetabRuns {

    /** PEtab models are mostly stiff (AMICI's default is BDF): an L-stable method by default. */
    static final String DEFAULT_METHOD = "esdirk4";

    private PetabRuns() {
    }

    /**
     * The point of {@code --at FILE.tsv} (columns parameterId, value, on the parameters' scales; the
     * others nominal), or the nominal point.
     */
    static double[] point(PetabProblem problem, Path at) {
        double[] x = problem.nominalOnScale();
        if (at == null) {
            return x;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(at);
        } catch (IOException e) {
            throw new IllegalArgumentException("--at: " + at + " cannot be read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals("parameterId\tvalue")) {
            throw new IllegalArgumentException("--at: " + at + " must start with the header 'parameterId<TAB>value'");
        }
        List<String> ids = problem.estimatedIds();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split("\t", -1);
            int k = ids.indexOf(cells[0].trim());
            if (cells.length != 2 || k < 0) {
                throw new IllegalArgumentException("--at: " + at + ", line " + (i + 1) + ": '" + lines.get(i)
                        + "' is not an estimated parameter and a value (estimated: " + String.join(", ", ids) + ")");
            }
            try {
                x[k] = Double.parseDouble(cells[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--at: " + at + ", line " + (i + 1) + ": value '" + cells[1]
                        + "' is not a number");
            }
        }
        return x;
    }

    /** {@code gradient --petab}. */
    static int gradient(PetabOptions petab, EngineOptions engine, ProblemOptions problemOptions, Path at,
            String format, Path output,
            PrintWriter out, PrintWriter err) throws IOException {
        PetabProblem problem = petab.problem(problemOptions, err);
        GradientOptions options = problemOptions.options(DEFAULT_METHOD);
        double[] x = point(problem, at);
        PetabObjective.Evaluation e;
        long start = System.nanoTime();
        try (PetabObjective objective = PetabOptions.objective(problem, options, engine)) {
            Progress.phase("gradient: " + problem.conditions().size() + " conditions");
            e = objective.evaluate(x, true);
            Progress.phase(null);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        for (String w : e.warnings()) {
            err.println("warning: " + w);
        }
        List<String> ids = problem.estimatedIds();
        List<String> scales = scales(problem);
        try (Writer w = NonClosingWriter.to(out, output)) {
            switch (format) {
                case "json": {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("problem", problem.name());
                    m.put("J", e.value());
                    m.put("parameters", ids);
                    m.put("scales", scales);
                    m.put("x", x);
                    m.put("dJdx", e.gradient());
                    List<Map<String, Object>> conditions = new ArrayList<>();
                    for (int c = 0; c < problem.conditions().size(); c++) {
                        Map<String, Object> cm = new LinkedHashMap<>();
                        cm.put("id", problem.conditions().get(c).id());
                        cm.put("nllh", e.conditionValues()[c]);
                        cm.put("measurements", problem.conditions().get(c).measurements().size());
                        if (problem.conditions().get(c).hasEvents()) {
                            cm.put("events", GradientCommand.firedEvents(e.events().get(c)));
                        }
                        conditions.add(cm);
                    }
                    m.put("conditions", conditions);
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("method", options.method().name());
                    stats.put("steps", e.steps());
                    stats.put("seconds", seconds);
                    m.put("stats", stats);
                    m.put("warnings", e.warnings());
                    w.write(Json.write(m));
                    w.write(System.lineSeparator());
                    break;
                }
                case "csv":
                    w.write("parameter,scale,x,dJdx\n");
                    for (int k = 0; k < ids.size(); k++) {
                        w.write(ids.get(k) + "," + scales.get(k) + "," + x[k] + "," + e.gradient()[k] + "\n");
                    }
                    break;
                default: {
                    PrintWriter p = new PrintWriter(w);
                    p.printf(Locale.ROOT, "problem %s: %d condition(s), %d measurements, %d estimated parameters%n",
                            problem.name(), problem.conditions().size(), problem.measurementCount(), ids.size());
                    p.printf(Locale.ROOT, "nllh = %.12g   (%s, %d steps, %.3f s)%n", e.value(), options.method()
                            .name(), e.steps(), seconds);
                    for (int c = 0; c < problem.conditions().size(); c++) {
                        List<HybridResult.FiredEvent> fired = e.events().get(c);
                        if (!fired.isEmpty()) {
                            StringBuilder line = new StringBuilder("events in " + problem.conditions().get(c).id()
                                    + ":");
                            for (HybridResult.FiredEvent f : fired) {
                                line.append(String.format(Locale.ROOT, " %s at t=%.10g", f.name(), f.time()));
                            }
                            p.println(line);
                        }
                    }
                    p.println();
                    p.printf(Locale.ROOT, "%-28s %-6s %16s %16s%n", "parameter", "scale", "x", "dJ/dx");
                    for (int k = 0; k < ids.size(); k++) {
                        p.printf(Locale.ROOT, "%-28s %-6s %16.8g %16.8g%n", ids.get(k), scales.get(k), x[k],
                                e.gradient()[k]);
                    }
                    p.flush();
                }
            }
        }
        return 0;
    }

    private static List<String> scales(PetabProblem problem) {
        List<String> s = new ArrayList<>();
        for (PetabProblem.ParameterEntry e : problem.estimatedParameters()) {
            s.add(e.scale().name().toLowerCase(Locale.ROOT));
        }
        return s;
    }

    /**
     * What {@code fit --petab} is asked for.
     *
     * @param starts K
     * @param seed the seed of the starts
     * @param optimizer auto, lbfgs, lm or newton
     * @param sampling lhs or uniform
     * @param plot the fit's plot, or null
     * @param profiles parameters to profile
     * @param profilePoints profile points on each side
     * @param profilePlot the profiles' plot prefix, or null
     */
    record FitRequest(int starts, long seed, String optimizer, String sampling, Path plot, List<String> profiles,
            int profilePoints, Path profilePlot) {
    }

    /** {@code fit --petab}. */
    static int fit(PetabOptions petab, EngineOptions engine, ProblemOptions problemOptions, FitRequest request,
            String format, Path output, PrintWriter out, PrintWriter err) throws IOException {
        int starts = request.starts();
        long seed = request.seed();
        String optimizer = request.optimizer();
        String sampling = request.sampling();
        Path plot = request.plot();
        PetabProblem problem = petab.problem(problemOptions, err);
        GradientOptions options = problemOptions.options(DEFAULT_METHOD);
        PetabFit.Method method;
        switch (optimizer) {
            case "auto":
                // Levenberg-Marquardt runs on forward sensitivities, which do not go through events.
                method = problem.isLeastSquares() && problem.conditions().stream().noneMatch(
                        PetabProblem.Condition::hasEvents) ? PetabFit.Method.LEAST_SQUARES : PetabFit.Method.LBFGS;
                break;
            case "lbfgs":
                method = PetabFit.Method.LBFGS;
                break;
            case "lm":
            case "least-squares":
                method = PetabFit.Method.LEAST_SQUARES;
                break;
            case "newton":
                method = PetabFit.Method.NEWTON;
                break;
            default:
                throw new IllegalArgumentException("--optimizer with --petab must be auto, lbfgs, lm or newton, got '"
                        + optimizer + "'");
        }
        PetabFit.Sampling s;
        switch (sampling) {
            case "lhs":
                s = PetabFit.Sampling.LATIN_HYPERCUBE;
                break;
            case "uniform":
                s = PetabFit.Sampling.UNIFORM;
                break;
            default:
                throw new IllegalArgumentException("--sampling must be lhs or uniform, got '" + sampling + "'");
        }
        if (!request.profiles().isEmpty() && request.profilePoints() < 1) {
            throw new IllegalArgumentException("--profile-points must be >= 1, got " + request.profilePoints());
        }
        for (String id : request.profiles()) {
            if (!problem.estimatedIds().contains(id)) {
                throw new IllegalArgumentException("--profile: '" + id + "' is not an estimated parameter (estimated: "
                        + String.join(", ", problem.estimatedIds()) + ")");
            }
        }
        PetabFit.Result r;
        List<ParameterEstimation.Profile> profiles = new ArrayList<>();
        long start = System.nanoTime();
        // Several starts run as the engine's tasks (each a local fit with its conditions in turn);
        // one start, the standard errors and the profiles solve the conditions on it instead.
        try (PetabObjective objective = PetabObjective.closingEngine(problem, options, engine.open(Math.max(starts,
                problem.conditions().size())))) {
            double[][] points = PetabFit.starts(problem, starts, seed, s);
            if (starts == 1) {
                r = PetabFit.fit(objective, points, method, (i, st) -> {
                    if (System.console() != null) {
                        err.printf(Locale.ROOT, "\rfit: start %d of %d: nllh %.10g (%d iterations), %.1f s   ",
                                i + 1, starts, st.objective(), st.iterations(), (System.nanoTime() - start) * 1e-9);
                        err.flush();
                    }
                });
                Progress.done(err);
            } else {
                Progress.phase("fit: " + starts + " starts on " + objective.engine().description());
                r = PetabFit.fit(objective, points, method, null, objective.engine());
                Progress.phase(null);
            }
            if (plot != null) {
                plot(problem, objective, r.best().x(), plot, "fit of " + problem.name() + " (best of " + starts
                        + " starts, nllh " + String.format(Locale.ROOT, "%.6g", r.best().objective()) + ")");
            }
            for (String id : request.profiles()) {
                Progress.phase("fit: profile of " + id);
                profiles.add(PetabFit.profile(objective, r, id, request.profilePoints()));
                Progress.phase(null);
            }
        }
        for (ParameterEstimation.Profile pr : profiles) {
            if (request.profilePlot() != null) {
                err.println("wrote " + FitCommand.plotProfile(request.profilePlot(), problem.name(), "nllh", pr));
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        for (String w : r.warnings()) {
            err.println("warning: " + w);
        }
        List<String> ids = problem.estimatedIds();
        List<String> scales = scales(problem);
        double[] x = r.best().x();
        try (Writer w = NonClosingWriter.to(out, output)) {
            if (format.equals("json")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("problem", problem.name());
                m.put("objective", r.best().objective());
                m.put("optimizer", method.name().toLowerCase(Locale.ROOT).replace("least_squares", "lm"));
                Map<String, Object> xs = new LinkedHashMap<>();
                Map<String, Object> ps = new LinkedHashMap<>();
                Map<String, Object> se = new LinkedHashMap<>();
                for (int k = 0; k < ids.size(); k++) {
                    xs.put(ids.get(k), x[k]);
                    ps.put(ids.get(k), problem.estimatedParameters().get(k).scale().toLinear(x[k]));
                    se.put(ids.get(k), Double.isNaN(r.standardErrors()[k]) ? null : r.standardErrors()[k]);
                }
                m.put("x", xs);
                m.put("parameters", ps);
                m.put("standardErrors", se);
                List<Map<String, Object>> list = new ArrayList<>();
                for (PetabFit.Start st : r.starts()) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("objective", Double.isNaN(st.objective()) ? null : st.objective());
                    sm.put("iterations", st.iterations());
                    sm.put("evaluations", st.evaluations());
                    sm.put("converged", st.converged());
                    sm.put("reason", st.reason());
                    list.add(sm);
                }
                m.put("starts", list);
                if (!profiles.isEmpty()) {
                    Map<String, Object> all = new LinkedHashMap<>();
                    for (ParameterEstimation.Profile pr : profiles) {
                        all.put(pr.name(), FitCommand.profileJson(pr));
                    }
                    m.put("profiles", all);
                }
                m.put("seconds", seconds);
                m.put("warnings", r.warnings());
                w.write(Json.write(m));
                w.write(System.lineSeparator());
            } else {
                PrintWriter p = new PrintWriter(w);
                int reached = 0;
                for (PetabFit.Start st : r.starts()) {
                    reached += st.objective() <= r.best().objective() + 1e-6 * Math.max(1, Math.abs(r.best()
                            .objective())) ? 1 : 0;
                }
                p.printf(Locale.ROOT, "problem %s: best nllh %.12g; %d of %d starts reached it (%s, %.1f s)%n%n",
                        problem.name(), r.best().objective(), reached, starts, method == PetabFit.Method.LBFGS
                                ? "L-BFGS, adjoint gradients" : method == PetabFit.Method.NEWTON
                                ? "Newton-CG, exact Hessian-vector products"
                                : "Levenberg-Marquardt, forward sensitivities", seconds);
                p.printf(Locale.ROOT, "%-28s %-6s %14s %12s %14s%n", "parameter", "scale", "x", "std. error",
                        "value");
                for (int k = 0; k < ids.size(); k++) {
                    p.printf(Locale.ROOT, "%-28s %-6s %14.8g %12.4g %14.8g%n", ids.get(k), scales.get(k),
                            x[k], r.standardErrors()[k], problem.estimatedParameters().get(k).scale().toLinear(x[k]));
                }
                for (ParameterEstimation.Profile pr : profiles) {
                    FitCommand.profileLine(p, pr);
                }
                p.flush();
            }
        }
        if (plot != null) {
            err.println("wrote " + plot);
        }
        return 0;
    }

    /** {@code simulate --petab}: every measurement beside its simulation. */
    static int simulate(PetabOptions petab, EngineOptions engine, ProblemOptions problemOptions, Path at,
            Path plot, String format,
            Path output, PrintWriter out, PrintWriter err) throws IOException {
        PetabProblem problem = petab.problem(problemOptions, err);
        GradientOptions options = problemOptions.options(DEFAULT_METHOD);
        double[] x = point(problem, at);
        List<String[]> rows = new ArrayList<>();
        try (PetabObjective objective = PetabOptions.objective(problem, options, engine)) {
            double[] p = objective.linear(x);
            for (PetabProblem.Condition c : problem.conditions()) {
                List<PetabProblem.Measurement> ms = c.measurements();
                double[] times = new double[ms.size()];
                for (int i = 0; i < times.length; i++) {
                    times[i] = ms.get(i).time();
                }
                double[][] y = c.trajectory(p, options, times);
                List<StateFunction> h = c.simulatedObservables();
                for (int i = 0; i < ms.size(); i++) {
                    rows.add(new String[] {c.id(), ms.get(i).observable(), Double.toString(times[i]),
                        Double.toString(ms.get(i).value()), Double.toString(h.get(i).value(times[i], y[i], p))});
                }
            }
            if (plot != null) {
                plot(problem, objective, x, plot, problem.name() + " at " + (at == null ? "the nominal parameters"
                        : at.getFileName().toString()));
            }
        }
        String[] header = {"condition", "observable", "time", "measurement", "simulation"};
        try (Writer w = NonClosingWriter.to(out, output)) {
            if (format.equals("json")) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (String[] row : rows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put(header[0], row[0]);
                    m.put(header[1], row[1]);
                    for (int k = 2; k < 5; k++) {
                        m.put(header[k], Double.parseDouble(row[k]));
                    }
                    list.add(m);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("problem", problem.name());
                m.put("measurements", list);
                w.write(Json.write(m));
                w.write(System.lineSeparator());
            } else if (format.equals("csv")) {
                w.write(String.join(",", header) + "\n");
                for (String[] row : rows) {
                    w.write(String.join(",", row) + "\n");
                }
            } else {
                PrintWriter pw = new PrintWriter(w);
                pw.printf(Locale.ROOT, "%-16s %-20s %10s %14s %14s%n", (Object[]) header);
                for (String[] row : rows) {
                    pw.printf(Locale.ROOT, "%-16s %-20s %10.4g %14.6g %14.6g%n", row[0], row[1], Double.parseDouble(
                            row[2]), Double.parseDouble(row[3]), Double.parseDouble(row[4]));
                }
                pw.flush();
            }
        }
        if (plot != null) {
            err.println("wrote " + plot);
        }
        return 0;
    }

    /**
     * Data (markers) and simulated observables (lines on 200 points) per condition, a panel per
     * observable; an observable with placeholders is drawn with those of its condition's first
     * measurement.
     */
    static void plot(PetabProblem problem, PetabObjective objective, double[] x, Path file, String title)
            throws IOException {
        double[] p = objective.linear(x);
        LinkedHashSet<String> observables = new LinkedHashSet<>();
        for (PetabProblem.Condition c : problem.conditions()) {
            for (PetabProblem.Measurement m : c.measurements()) {
                observables.add(m.observable());
            }
        }
        List<String> names = new ArrayList<>(observables);
        List<List<Plots.Curve>> panels = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            panels.add(new ArrayList<>());
        }
        int color = 0;
        for (PetabProblem.Condition c : problem.conditions()) {
            int points = 200;
            double[] t = new double[points];
            for (int i = 0; i < points; i++) {
                t[i] = c.finalTime() * i / (points - 1);
            }
            double[][] y = c.trajectory(p, objective.options(), t);
            List<PetabProblem.Measurement> ms = c.measurements();
            List<StateFunction> h = c.simulatedObservables();
            for (int k = 0; k < names.size(); k++) {
                List<Double> dt = new ArrayList<>();
                List<Double> dv = new ArrayList<>();
                int first = -1;
                for (int i = 0; i < ms.size(); i++) {
                    if (ms.get(i).observable().equals(names.get(k))) {
                        first = first < 0 ? i : first;
                        dt.add(ms.get(i).time());
                        dv.add(ms.get(i).value());
                    }
                }
                if (first < 0) {
                    continue;
                }
                double[] sim = new double[points];
                for (int i = 0; i < points; i++) {
                    sim[i] = h.get(first).value(t[i], y[i], p);
                }
                String label = problem.conditions().size() > 1 ? c.id() + " " : "";
                panels.get(k).add(new Plots.Curve(label + "data", unbox(dt), unbox(dv), Plots.Style.MARKERS, color));
                panels.get(k).add(new Plots.Curve(label + "simulated", t, sim, Plots.Style.LINE, color));
            }
            color++;
        }
        Plots.write(file, title, panels, names);
    }

    private static double[] unbox(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }
}
