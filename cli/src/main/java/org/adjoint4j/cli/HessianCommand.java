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
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.HessianVectorProduct;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j hessian}: the whole Hessian of J with respect to (p, y0) of the discrete scheme,
 * by one exact Hessian-vector product per quantity on the gradient run's grid.
 */
@Command(name = "hessian", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The exact Hessian of J with respect to the parameters and the initial state (small problems: "
                + "one Hessian-vector product per quantity)."})
public final class HessianCommand implements Callable<Integer> {

    /** More quantities than this take too many products for a whole Hessian; --hvp gives products. */
    static final int MOST = 400;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ProblemOptions problemOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        Plots.requireWritable("-o", output, null);
        GradientProblem problem = problemOptions.problem();
        GradientOptions options = problemOptions.options();
        int m = problem.model().parameterDimension();
        int n = problem.model().stateDimension();
        if (m + n > MOST) {
            throw new IllegalArgumentException(problem.name() + " has " + (m + n) + " parameters and "
                    + "initial states, more than " + MOST + " products; use gradient --hvp for products");
        }
        org.adjoint4j.modelfile.ModelFile file = problemOptions.modelFile();
        if (file != null && file.initialValuesDependOnParameters()) {
            throw new IllegalArgumentException("the model file's initial values depend on its parameters, "
                    + "whose second derivatives the Hessian does not follow yet");
        }
        PrintWriter err = spec.commandLine().getErr();
        GradientResult gradient = GradientSolver.solve(problem, options, Progress.ofGradient(err));
        Progress.done(err);
        Progress.phase("hessian: " + (m + n) + " Hessian-vector products");
        double[][] h = HessianVectorProduct.hessian(problem, options, gradient.grid());
        Progress.phase(null);
        for (String w : gradient.warnings()) {
            err.println("warning: " + w);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            names.add(problem.model().parameterName(j));
        }
        for (int i = 0; i < n; i++) {
            names.add("y0." + problem.model().stateName(i));
        }
        double[] g = new double[m + n];
        System.arraycopy(gradient.parameterGradient(), 0, g, 0, m);
        System.arraycopy(gradient.initialStateGradient(), 0, g, m, n);
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            if (format.equals("json")) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("problem", problem.name());
                json.put("method", options.method().name());
                json.put("names", names);
                json.put("hessian", h);
                json.put("J", gradient.value());
                json.put("gradient", g);
                json.put("warnings", gradient.warnings());
                out.write(Json.write(json));
                out.write(System.lineSeparator());
            } else {
                PrintWriter w = new PrintWriter(out);
                w.printf(Locale.ROOT, "%s, %s: J = %.15g, %d steps%n%n", problem.name(), options.method().name(),
                        gradient.value(), gradient.grid().steps());
                w.printf("%-10s", "");
                for (String name : names) {
                    w.printf(" %14s", name);
                }
                w.println();
                for (int k = 0; k < h.length; k++) {
                    w.printf("%-10s", names.get(k));
                    for (double x : h[k]) {
                        w.printf(Locale.ROOT, " % 14.6e", x);
                    }
                    w.println();
                }
                w.flush();
            }
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return 0;
    }
}
