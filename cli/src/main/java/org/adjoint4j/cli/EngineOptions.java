package org.adjoint4j.cli;

import org.adjoint4j.adjoint.GradientBatch;
import picocli.CommandLine.Option;

/**
 * Where independent solves run ({@code --engine}, {@code --threads}): the conditions of a PEtab
 * problem and the samples of {@code gradient --ensemble}. Results are bit-identical for any
 * engine and thread count (sums are taken in index order).
 */
final class EngineOptions {

    @Option(names = "--engine", paramLabel = "sequential|threads",
            description = "How independent solves run: threads (default) or sequential.")
    String engine;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads of --engine threads (default: the number of cores).")
    Integer threads;

    /**
     * @param tasks the number of independent solves (no more threads than that are started)
     * @return a batch on the chosen engine
     */
    GradientBatch batch(int tasks) {
        return new GradientBatch(threads(tasks));
    }

    /**
     * @param tasks the number of independent solves
     * @return the number of threads the engine runs them on
     */
    int threads(int tasks) {
        String e = engine == null ? "threads" : engine;
        switch (e) {
            case "sequential":
                if (threads != null) {
                    throw new IllegalArgumentException("--threads applies to --engine threads, not sequential");
                }
                return 1;
            case "threads": {
                int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
                if (n < 1) {
                    throw new IllegalArgumentException("--threads must be >= 1, got " + n);
                }
                return Math.max(1, Math.min(n, tasks));
            }
            case "spark":
                throw new IllegalArgumentException("--engine spark is not available in this build (use sequential or "
                        + "threads)");
            default:
                throw new IllegalArgumentException("--engine must be sequential or threads, got '" + e + "'");
        }
    }

    /**
     * @param what what the command runs instead, for the message
     * @throws IllegalArgumentException if --engine or --threads was given for a single solve
     */
    void requireUnused(String what) {
        if (engine != null || threads != null) {
            throw new IllegalArgumentException((engine != null ? "--engine" : "--threads") + " applies to independent "
                    + "solves (--petab conditions, --ensemble samples), not to " + what);
        }
    }
}
