package org.adjoint4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j bench}: the key cost ratios in one run (gradient / forward per schedule,
 * forward sensitivities and finite differences against the adjoint as parameters grow). The JMH
 * benchmarks in {@code benchmarks/} are the careful version.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the key ratios in one run: gradient/forward per checkpointing schedule, forward "
                + "sensitivities/adjoint and finite differences/adjoint for m = 10, 100 (and 1000 without --quick)."})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "The short set (well under two minutes).")
    private boolean quick;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private String format;

    @Override
    public Integer call() {
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
}
