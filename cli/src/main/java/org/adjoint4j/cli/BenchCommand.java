package org.adjoint4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.adjoint4j.validation.peers.CvodesComparison;
import org.adjoint4j.validation.peers.CvodesPrograms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j bench}: the key cost ratios in one run (gradient / forward per schedule,
 * forward sensitivities and finite differences against the adjoint as parameters grow), or with
 * {@code --cvodes} the work-precision comparison with SUNDIALS CVODES
 * ({@link org.adjoint4j.validation.peers.CvodesComparison}). The JMH benchmarks in
 * {@code benchmarks/} are the careful version of the first.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the key ratios in one run: gradient/forward per checkpointing schedule, forward "
                + "sensitivities/adjoint and finite differences/adjoint for m = 10, 100 (and 1000 without --quick).",
            "With --cvodes: our gradient's time over SUNDIALS CVODES's at matched error on robertson, heat "
                + "n = 1000 and 10000, lorenz96 n = 1000 and 10000 (about 20 minutes; --quick: the three smaller, "
                + "3 repetitions). Needs the programs built by peers/cvodes/build.sh."})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "The short set (well under two minutes; with --cvodes about three).")
    private boolean quick;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json; with --cvodes also csv.")
    private String format;

    @Option(names = "--cvodes", description = "The work-precision comparison with SUNDIALS CVODES instead.")
    private boolean cvodes;

    @Option(names = "--peers", paramLabel = "DIR", description = "Where the CVODES programs are (default: "
            + "peers/cvodes/bin of this checkout).")
    private Path peers;

    @Option(names = "--repetitions", paramLabel = "R", description = "Repetitions of the whole CVODES comparison "
            + "(default 5; 3 with --quick).")
    private Integer repetitions;

    @Override
    public Integer call() {
        if (cvodes) {
            return cvodes();
        }
        if (peers != null || repetitions != null) {
            throw new IllegalArgumentException((peers != null ? "--peers" : "--repetitions") + " needs --cvodes");
        }
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<QuickBench.Ratio> ratios = QuickBench.run(quick, r -> {
            err.printf("measured %s (%s)%n", r.name(), r.problem());
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (QuickBench.Ratio r : ratios) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("problem", r.problem());
                m.put("repetitions", r.repetitions());
                m.put("numeratorMillis", r.numeratorMillis());
                m.put("denominatorMillis", r.denominatorMillis());
                m.put("ratio", r.ratio());
                m.put("predicted", Double.isNaN(r.predicted()) ? null : r.predicted());
                list.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("java", System.getProperty("java.version"));
            m.put("ratios", list);
            out.println(Json.write(m));
        } else {
            out.printf("%-40s %-32s %8s %12s %12s %9s%n", "ratio", "problem", "reps", "num. ms", "den. ms", "ratio");
            for (QuickBench.Ratio r : ratios) {
                out.printf(Locale.ROOT, "%-40s %-32s %8d %12.3f %12.3f %9.2f%s%n", r.name(), r.problem(), r.repetitions(),
                        r.numeratorMillis(), r.denominatorMillis(), r.ratio(),
                        Double.isNaN(r.predicted()) ? "" : String.format(Locale.ROOT, " (predicted %.2f)",
                                r.predicted()));
            }
        }
        out.flush();
        return 0;
    }

    private int cvodes() {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new IllegalArgumentException("--format must be table, json or csv, got '" + format + "'");
        }
        int r = repetitions != null ? repetitions : quick ? 3 : 5;
        if (r < 1) {
            throw new IllegalArgumentException("--repetitions must be at least 1, got " + r);
        }
        Path dir = peers != null ? peers : defaultPeers();
        CvodesPrograms programs = CvodesPrograms.in(dir);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        CvodesComparison.Settings d = CvodesComparison.Settings.DEFAULT;
        CvodesComparison.Settings settings = new CvodesComparison.Settings(r, d.units(), d.warmup(), d.warmupSeconds(),
                d.unitSeconds());
        CvodesComparison.Report report = CvodesComparison.run(programs, CvodesComparison.cases(quick), settings,
                line -> {
                    err.printf(Locale.ROOT, "[%4.0f s] %s%n", (System.nanoTime() - start) * 1e-9, line);
                    err.flush();
                });
        CvodesBench.print(report, format, spec.commandLine().getOut());
        return 0;
    }

    /** peers/cvodes/bin of the checkout the {@code adjoint4j} script runs from, else of the working directory. */
    private static Path defaultPeers() {
        String home = System.getenv("ADJOINT4J_HOME");
        Path relative = Path.of("peers", "cvodes", "bin");
        return home != null && !home.isEmpty() ? Path.of(home).resolve(relative) : relative;
    }
}
