package org.adjoint4j.cli;

import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.modelfile.ModelFile;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options that choose a problem (built-in PROBLEM with --n, or --model FILE) and how it is
 * integrated (--method, --steps or --rtol/--atol), shared by the commands that solve one.
 */
final class ProblemOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROBLEM",
            description = "A built-in problem: lotka-volterra, lorenz96, robertson, heat, neural-spiral (or give "
                    + "--model).")
    String problemName;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file (JSON) instead of a built-in problem.")
    Path modelFile;

    @Option(names = "--compile", paramLabel = "on|off", defaultValue = "on",
            description = "For a model file: compile it to bytecode with symbolic derivatives (on, the default), or "
                    + "interpret it on the reverse-mode tape (off, the reference).")
    String compile;

    private ModelFile loaded;

    /** The model file's text where this command was rebuilt elsewhere (the file is not there), else null. */
    String modelText;

    @Option(names = "--n", paramLabel = "SIZE", description = "Size of lorenz96 (default 40) or heat (interior nodes, default 100).")
    Integer size;

    @Option(names = "--width", paramLabel = "W",
            description = "Hidden width of neural-spiral's network (default 50: 252 weights).")
    Integer width;

    @Option(names = "--depth", paramLabel = "D",
            description = "Hidden layers of neural-spiral's network (default 1).")
    Integer depth;

    @Option(names = "--method", paramLabel = "NAME",
            description = "Explicit euler, midpoint, rk4, gill, three-eighths, luther, dopri5, dop853, higham-hall; "
                    + "implicit beuler, cn, sdirk2, esdirk3, esdirk4. Default: esdirk4 for the stiff robertson and "
                    + "heat, dopri5 otherwise.")
    String method;

    @Option(names = "--steps", paramLabel = "N", description = "Fixed steps; without it the run is adaptive.")
    Integer steps;

    @Option(names = "--rtol", paramLabel = "R", description = "Relative tolerance of an adaptive run (default 1e-8).")
    Double rtol;

    @Option(names = "--atol", paramLabel = "A", description = "Absolute tolerance of an adaptive run (default 1e-10).")
    Double atol;

    /** @return the built-in problem or the model file's */
    GradientProblem problem() {
        if (modelFile != null) {
            if (problemName != null) {
                throw new IllegalArgumentException("give either a PROBLEM or --model FILE, not both");
            }
            if (size != null || width != null || depth != null) {
                throw new IllegalArgumentException((size != null ? "--n" : width != null ? "--width" : "--depth")
                        + " does not apply to a model file");
            }
            return modelFile().problem();
        }
        if (problemName == null) {
            throw new IllegalArgumentException("give a PROBLEM (" + BuiltInProblems.names() + ") or --model FILE");
        }
        return BuiltInProblems.create(problemName, size, width, depth);
    }

    /**
     * @return the model file given with --model, read once, or null for a built-in problem
     */
    ModelFile modelFile() {
        if (modelFile == null) {
            return null;
        }
        if (!compile.equals("on") && !compile.equals("off")) {
            throw new IllegalArgumentException("--compile must be on or off, got '" + compile + "'");
        }
        if (loaded == null) {
            // A model of thousands of equations takes a second or more to differentiate and compile.
            Progress.phase("model: reading, differentiating and compiling " + modelFile);
            ModelFile.Compilation how = compile.equals("on") ? ModelFile.Compilation.COMPILED
                    : ModelFile.Compilation.INTERPRETED;
            loaded = modelText != null ? ModelFile.parse(modelText, modelFile.toString(), how)
                    : ModelFile.read(modelFile, how);
            Progress.phase(null);
        }
        return loaded;
    }

    /** @return whether the user chose the method (else a default one runs) */
    boolean methodGiven() {
        return method != null;
    }

    /** @return the method and steps or tolerances (default checkpoints) */
    GradientOptions options() {
        return options(modelFile != null ? "dopri5" : BuiltInProblems.defaultMethod(problemName));
    }

    /**
     * @param defaultMethod the method unless --method names one
     * @return the method and steps or tolerances (default checkpoints)
     */
    GradientOptions options(String defaultMethod) {
        String name = method != null ? method : defaultMethod;
        RungeKuttaMethod m = RungeKuttaMethods.byName(name);
        GradientOptions options = GradientOptions.defaults().withMethod(m);
        if (steps != null) {
            if (rtol != null || atol != null) {
                throw new IllegalArgumentException("give either --steps (fixed steps) or --rtol/--atol (adaptive), not both");
            }
            if (steps < 1) {
                throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
            }
            return options.withSteps(steps);
        }
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
        return options.withTolerances(r, a);
    }
}
