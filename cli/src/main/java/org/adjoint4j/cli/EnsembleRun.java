package org.adjoint4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.adjoint4j.adjoint.BatchEngine;
import org.adjoint4j.adjoint.BatchTask;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.PortableOptions;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.modelfile.ModelFile;

/**
 * {@code gradient --ensemble SAMPLES.csv}: one gradient per row of parameter values (header:
 * parameter names; parameters not in it keep the problem's values), on the chosen engine, the
 * results in row order and their sums over the rows added in row order: the same bits whatever
 * the engine and the thread count. The samples travel as one {@link BatchTask} holding the
 * problem's recipe (a built-in's name and size, or a model file's text), the portable options and
 * the rows; a worker in another JVM rebuilds and compiles the problem once.
 */
final class EnsembleRun {

    private EnsembleRun() {
    }

    /** The samples of a CSV: the columns' parameter indices and one row of values per sample. */
    static double[][] samples(Path file, ParametricOde model, double[] base) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--ensemble: " + file + " cannot be read (" + e.getMessage() + ")");
        }
        if (lines.size() < 2) {
            throw new IllegalArgumentException("--ensemble: " + file + " needs a header of parameter names and at least "
                    + "one row");
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < model.parameterDimension(); j++) {
            names.add(model.parameterName(j));
        }
        String[] header = lines.get(0).split(",", -1);
        int[] columns = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            columns[c] = names.indexOf(header[c].trim());
            if (columns[c] < 0) {
                throw new IllegalArgumentException("--ensemble: " + file + ": column '" + header[c].trim()
                        + "' is not a parameter of the problem (" + String.join(", ", names) + ")");
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException("--ensemble: " + file + ", line " + (i + 1) + " has " + cells.length
                        + " cells; the header has " + header.length);
            }
            double[] p = base.clone();
            for (int c = 0; c < cells.length; c++) {
                try {
                    p[columns[c]] = Double.parseDouble(cells[c].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--ensemble: " + file + ", line " + (i + 1) + ", column "
                            + header[c].trim() + ": '" + cells[c] + "' is not a number");
                }
            }
            rows.add(p);
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * How a worker rebuilds the problem: a built-in problem by name and size, or a model file from
     * its text.
     */
    record ProblemSource(String builtIn, Integer size, Integer width, Integer depth, String modelText,
            String modelSource, boolean compiled) implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        static ProblemSource of(ProblemOptions options) {
            if (options.modelFile == null) {
                return new ProblemSource(options.problemName, options.size, options.width, options.depth, null, null,
                        true);
            }
            ModelFile file = options.modelFile();
            return new ProblemSource(null, null, null, null, file.text(), options.modelFile.toString(),
                    file.compilation() == ModelFile.Compilation.COMPILED);
        }

        Built build() {
            if (modelText == null) {
                return new Built(BuiltInProblems.create(builtIn, size, width, depth), null);
            }
            ModelFile file = ModelFile.parse(modelText, modelSource, compiled ? ModelFile.Compilation.COMPILED
                    : ModelFile.Compilation.INTERPRETED);
            return new Built(file.problem(), file);
        }
    }

    /** A rebuilt problem, and its model file (null for a built-in one). */
    record Built(GradientProblem problem, ModelFile file) {
    }

    /** One sample's results: what comes back from a worker. */
    record SampleGradient(double value, double[] parameterGradient, double[] initialStateGradient,
            List<String> warnings) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The gradients of the samples, one index each. */
    static final class Samples implements BatchTask<Built, SampleGradient> {
        private static final long serialVersionUID = 1L;
        private final ProblemSource source;
        private final PortableOptions options;
        private final double[][] parameters;
        private final transient Built local;
        private final transient GradientOptions localOptions;

        Samples(ProblemSource source, Built local, GradientOptions options, double[][] parameters) {
            this.source = source;
            this.local = local;
            this.localOptions = options;
            this.options = PortableOptions.of(options);
            this.parameters = parameters;
        }

        @Override
        public int size() {
            return parameters.length;
        }

        @Override
        public Built prepare() {
            return local != null ? local : source.build();
        }

        @Override
        public SampleGradient solve(Built built, int i) {
            GradientOptions o = localOptions != null ? localOptions : options.options();
            GradientProblem sample = built.problem().withParameters(parameters[i]);
            ModelFile file = built.file();
            boolean dependent = file != null && file.initialValuesDependOnParameters();
            if (dependent) {
                double[] y0 = new double[sample.initialState().length];
                file.initialValues().value(parameters[i], y0);
                sample = sample.withInitialState(y0);
            }
            GradientResult r = GradientSolver.solve(sample, o);
            double[] g = r.parameterGradient();
            if (dependent) {
                file.initialValues().addVectorJacobianProduct(parameters[i], r.initialStateGradient(), g);
            }
            return new SampleGradient(r.value(), g, r.initialStateGradient(), new ArrayList<>(r.warnings()));
        }
    }

    static int run(ProblemOptions problemOptions, GradientOptions options, Path samples, EngineOptions engine,
            String format, Path output, PrintWriter out, PrintWriter err) throws IOException {
        Built built = new Built(problemOptions.problem(), problemOptions.modelFile());
        GradientProblem problem = built.problem();
        double[][] p = samples(samples, problem.model(), problem.parameters());
        Samples task = new Samples(ProblemSource.of(problemOptions), built, options, p);
        List<SampleGradient> results;
        long start = System.nanoTime();
        int threads;
        String where;
        try (BatchEngine batch = engine.open(p.length)) {
            threads = batch.parallelism();
            where = batch.description();
            Progress.phase("gradient: " + p.length + " samples on " + where);
            results = batch.run(task);
            Progress.phase(null);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        List<double[]> dp = new ArrayList<>();
        List<double[]> dy = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (SampleGradient r : results) {
            dp.add(r.parameterGradient());
            dy.add(r.initialStateGradient());
            values.add(new double[] {r.value()});
            for (String w : r.warnings()) {
                err.println("warning: sample " + (dp.size()) + ": " + w);
            }
        }
        ParametricOde model = problem.model();
        try (Writer w = NonClosingWriter.to(out, output)) {
            switch (format) {
                case "json": {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("problem", problem.name());
                    m.put("samples", p.length);
                    List<String> names = new ArrayList<>();
                    for (int j = 0; j < model.parameterDimension(); j++) {
                        names.add(model.parameterName(j));
                    }
                    m.put("parameters", names);
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (SampleGradient r : results) {
                        Map<String, Object> one = new LinkedHashMap<>();
                        one.put("J", r.value());
                        one.put("dJdp", r.parameterGradient());
                        one.put("dJdy0", r.initialStateGradient());
                        list.add(one);
                    }
                    m.put("results", list);
                    m.put("sumJ", GradientBatch.sum(values)[0]);
                    m.put("sumdJdp", GradientBatch.sum(dp));
                    m.put("sumdJdy0", GradientBatch.sum(dy));
                    m.put("engine", where);
                    m.put("threads", threads);
                    m.put("seconds", seconds);
                    w.write(Json.write(m));
                    w.write(System.lineSeparator());
                    break;
                }
                case "csv": {
                    StringBuilder h = new StringBuilder("sample,J");
                    for (int j = 0; j < model.parameterDimension(); j++) {
                        h.append(",dJ/d").append(model.parameterName(j));
                    }
                    for (int i = 0; i < model.stateDimension(); i++) {
                        h.append(",dJ/dy0.").append(model.stateName(i));
                    }
                    w.write(h.append('\n').toString());
                    for (int s = 0; s < results.size(); s++) {
                        StringBuilder row = new StringBuilder().append(s + 1).append(',').append(results.get(s).value());
                        for (double g : dp.get(s)) {
                            row.append(',').append(g);
                        }
                        for (double g : dy.get(s)) {
                            row.append(',').append(g);
                        }
                        w.write(row.append('\n').toString());
                    }
                    break;
                }
                default: {
                    PrintWriter pw = new PrintWriter(w);
                    pw.printf(Locale.ROOT, "%s: %d gradients on %s, %.3f s%n", problem.name(), p.length, where,
                            seconds);
                    pw.printf(Locale.ROOT, "sum of J over the samples: %.12g%n", GradientBatch.sum(values)[0]);
                    double[] sum = GradientBatch.sum(dp);
                    for (int j = 0; j < sum.length; j++) {
                        pw.printf(Locale.ROOT, "  sum dJ/d%-10s %.12g%n", model.parameterName(j), sum[j]);
                    }
                    pw.flush();
                }
            }
        }
        return 0;
    }
}
