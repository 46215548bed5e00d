package org.adjoint4j.cli;

import org.adjoint4j.adjoint.BatchEngine;
import org.adjoint4j.adjoint.GradientBatch;
import picocli.CommandLine.Option;

/**
 * Where independent solves run ({@code --engine}, {@code --threads}, {@code --master}): the
 * conditions of a PEtab problem and the samples of {@code gradient --ensemble}. Results are
 * bit-identical for any engine, thread count and master (sums are taken in index order). The
 * spark engine comes from the optional adjoint4j-spark module, which the {@code adjoint4j} script
 * puts on the class path when it sees {@code --engine spark}; no Spark class is loaded otherwise.
 */
final class EngineOptions {

    @Option(names = "--engine", paramLabel = "sequential|threads|spark",
            description = "How independent solves run: threads (default), sequential, or spark (Apache Spark, "
                    + "local[*] unless --master).")
    String engine;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads of --engine threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master of --engine spark: local[N], spark://HOST:PORT, yarn, k8s://... "
                    + "(default: spark-submit's, else local[*]).")
    String master;

    /**
     * @param tasks the number of independent solves (no more threads than that are started)
     * @return the chosen engine, started (close it)
     */
    BatchEngine open(int tasks) {
        String e = checkedName();
        switch (e) {
            case "sequential":
            case "threads":
                return BatchEngine.open(e, threadCount(tasks), null);
            case "spark":
                if (!BatchEngine.names().contains("spark")) {
                    throw new IllegalArgumentException("--engine spark needs the adjoint4j-spark module on the class "
                            + "path: run through ./adjoint4j, which adds it for --engine spark");
                }
                if (master != null && master.isBlank()) {
                    throw new IllegalArgumentException("--master must be a Spark master URL, got '" + master + "'");
                }
                Progress.phase("spark: starting on " + (master != null ? master : System.getProperty("spark.master",
                        "local[*]")));
                try {
                    return BatchEngine.open("spark", 1, master);
                } finally {
                    Progress.phase(null);
                }
            default:
                throw new IllegalArgumentException("--engine must be sequential, threads or spark, got '" + e + "'");
        }
    }

    /**
     * The engine of solves that cannot travel (they are made of objects of this JVM): sequential
     * or threads.
     *
     * @param tasks the number of independent solves
     * @param what what they are, for the message
     * @return the threads (close them)
     */
    GradientBatch local(int tasks, String what) {
        if (name().equals("spark")) {
            throw new IllegalArgumentException("--engine spark does not run " + what + "; use --engine threads or "
                    + "sequential");
        }
        checkedName();
        return new GradientBatch(threadCount(tasks));
    }

    private int threadCount(int tasks) {
        if (name().equals("sequential")) {
            return 1;
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + n);
        }
        return Math.max(1, Math.min(n, tasks));
    }

    /**
     * @param name an engine's name
     * @return whether that engine was chosen
     */
    boolean named(String name) {
        return name().equals(name);
    }

    /** @return the engine's name, once --master and --threads are checked against it */
    private String checkedName() {
        String e = name();
        if (master != null && !e.equals("spark")) {
            throw new IllegalArgumentException("--master applies to --engine spark, not " + e);
        }
        if (threads != null && !e.equals("threads")) {
            throw new IllegalArgumentException("--threads applies to --engine threads, not " + e);
        }
        return e;
    }

    private String name() {
        return engine == null ? "threads" : engine;
    }

    /**
     * @param what what the command runs instead, for the message
     * @throws IllegalArgumentException if --engine, --threads or --master was given for a single solve
     */
    void requireUnused(String what) {
        if (engine != null || threads != null || master != null) {
            throw new IllegalArgumentException((engine != null ? "--engine" : threads != null ? "--threads" : "--master")
                    + " applies to independent solves (--petab conditions, --ensemble samples), not to " + what);
        }
    }
}
