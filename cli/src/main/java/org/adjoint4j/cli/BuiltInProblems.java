package org.adjoint4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.adjoint.problems.NeuralSpiral;
import org.adjoint4j.adjoint.problems.Robertson;

/**
 * The built-in problems of the command line, by name, with their size option (--n) or network
 * shape (--width, --depth) where they have one.
 */
final class BuiltInProblems {

    /** The hidden width and depth of neural-spiral when --width and --depth are not given (the demo's). */
    static final int DEFAULT_WIDTH = 50;
    /** See {@link #DEFAULT_WIDTH}. */
    static final int DEFAULT_DEPTH = 1;

    /** Builds a network problem from its hidden width and depth. */
    private interface Shaped {
        GradientProblem create(int width, int depth);
    }

    /**
     * @param factory builds the problem for a size (ignored by fixed-size problems)
     * @param defaultSize the size when --n is not given, or 0 for fixed-size problems
     * @param method the method when --method is not given: explicit for non-stiff problems,
     *        implicit for stiff ones
     * @param shaped builds it from --width and --depth instead (null: it has no network)
     */
    private record Entry(IntFunction<GradientProblem> factory, int defaultSize, String method, Shaped shaped) {
        Entry(IntFunction<GradientProblem> factory, int defaultSize, String method) {
            this(factory, defaultSize, method, null);
        }
    }

    private static final Map<String, Entry> PROBLEMS = new LinkedHashMap<>();

    static {
        PROBLEMS.put("lotka-volterra", new Entry(n -> LotkaVolterra.problem(), 0, "dopri5"));
        PROBLEMS.put("lorenz96", new Entry(Lorenz96::problem, 40, "dopri5"));
        PROBLEMS.put("robertson", new Entry(n -> Robertson.problem(), 0, "esdirk4"));
        PROBLEMS.put("heat", new Entry(Heat::problem, 100, "esdirk4"));
        PROBLEMS.put("neural-spiral", new Entry(null, 0, "dopri5", (w, d) -> new NeuralSpiral(w, d).problem()));
    }

    private BuiltInProblems() {
    }

    /**
     * @param name a problem name
     * @param size --n, or null
     * @return the problem
     * @throws IllegalArgumentException naming an unknown problem or a size it does not take
     */
    static GradientProblem create(String name, Integer size) {
        return create(name, size, null, null);
    }

    /**
     * @param name a problem name
     * @param size --n, or null
     * @param width --width, or null
     * @param depth --depth, or null
     * @return the problem
     * @throws IllegalArgumentException naming an unknown problem or an option it does not take
     */
    static GradientProblem create(String name, Integer size, Integer width, Integer depth) {
        Entry e = entry(name);
        if (e.shaped() != null) {
            if (size != null) {
                throw new IllegalArgumentException("--n does not apply to " + name + " (give --width and --depth)");
            }
            int w = width == null ? DEFAULT_WIDTH : width;
            int d = depth == null ? DEFAULT_DEPTH : depth;
            if (w < 1 || d < 1) {
                throw new IllegalArgumentException("--width and --depth must be >= 1, got --width " + w + " --depth "
                        + d);
            }
            return e.shaped().create(w, d);
        }
        if (width != null || depth != null) {
            throw new IllegalArgumentException("--width and --depth apply to neural-spiral, not " + name);
        }
        if (e.defaultSize() == 0 && size != null) {
            throw new IllegalArgumentException("--n does not apply to " + name + " (it has a fixed size)");
        }
        int n = size == null ? e.defaultSize() : size;
        if (e.defaultSize() > 0 && n < 4) {
            throw new IllegalArgumentException("--n must be >= 4 for " + name + ", got " + n);
        }
        return e.factory().apply(n);
    }

    /**
     * @param name a problem name
     * @return the method it runs with when none is given
     */
    static String defaultMethod(String name) {
        return entry(name).method();
    }

    private static Entry entry(String name) {
        Entry e = PROBLEMS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown problem '" + name + "'; built-in problems: "
                    + String.join(", ", PROBLEMS.keySet()));
        }
        return e;
    }

    /** @return the names, comma separated */
    static String names() {
        return String.join(", ", PROBLEMS.keySet());
    }
}
