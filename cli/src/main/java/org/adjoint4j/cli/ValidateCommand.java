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
import org.adjoint4j.validation.AccuracyReport;
import org.adjoint4j.validation.ValidationCheck;
import org.adjoint4j.validation.ValidationSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j validate}: the built-in verification suite ({@link ValidationSuite}) across the
 * catalog of analytic problems, every method and the checkpoint schedules. Progress goes to
 * standard error; exit code 0 when every check passes, 1 otherwise.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks the gradients on problems with analytic answers: gradient against the exact one, "
                + "convergence orders of every method, Taylor test, finite differences, forward mode, dot-product "
                + "test, and bit-identical results across checkpoint schedules.",
            "Exit code 0 when every check passes, 1 when one fails."})
public final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "The reduced suite (a few seconds): one objective per problem, the "
            + "classical methods' orders, the gradient checks on three problems.")
    private boolean quick;

    @Option(names = "--report", description = "The accuracy figures the README states, measured now (about ten "
            + "seconds), as a Markdown table (or JSON), each with the bound the tests hold it to.")
    private boolean report;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (report) {
            if (quick) {
                throw new IllegalArgumentException("--report and --quick cannot be combined");
            }
            return report(err);
        }
        // A progress line rewritten in place on a terminal; a failure is reported on its own line anywhere.
        boolean terminal = System.console() != null;
        int[] done = {0};
        List<ValidationCheck> checks = ValidationSuite.run(quick, c -> {
            done[0]++;
            if (!c.passed()) {
                err.printf("%sFAILED %s %s %s: expected %s, observed %s (%s)%n", terminal ? "\r" : "", c.name(),
                        c.problem(), c.method(), c.expected(), c.observed(), c.detail());
            }
            if (terminal) {
                err.printf("\r%-100.100s", done[0] + " checks done: " + c.name() + ", " + c.problem() + ", " + c.method());
            }
            err.flush();
        });
        if (terminal) {
            err.println();
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            if (format.equals("json")) {
                out.write(Json.write(json(checks, failed)));
                out.write(System.lineSeparator());
            } else {
                writeTable(checks, failed, out);
            }
        }
        if (output != null) {
            err.println("wrote " + output);
        }
        return failed == 0 ? 0 : 1;
    }

    private Integer report(PrintWriter err) throws IOException {
        List<AccuracyReport.Figure> figures = AccuracyReport.measure(f -> {
            err.println((f.passed() ? "" : "FAILED ") + f.name() + ": " + AccuracyReport.format(f.measured()));
            err.flush();
        });
        long failed = figures.stream().filter(f -> !f.passed()).count();
        try (Writer out = output == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            if (format.equals("json")) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (AccuracyReport.Figure f : figures) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", f.name());
                    m.put("cases", f.cases());
                    m.put("measured", f.measured());
                    m.put("bound", f.bound());
                    m.put("passed", f.passed());
                    list.add(m);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("figures", list);
                m.put("failed", failed);
                out.write(Json.write(m));
                out.write(System.lineSeparator());
            } else {
                out.write(AccuracyReport.markdown(figures));
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static Map<String, Object> json(List<ValidationCheck> checks, long failed) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ValidationCheck c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("problem", c.problem());
            m.put("method", c.method());
            m.put("expected", finiteOrNull(c.expected()));
            m.put("observed", finiteOrNull(c.observed()));
            m.put("passed", c.passed());
            m.put("detail", c.detail());
            list.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checks", list);
        m.put("passed", checks.size() - failed);
        m.put("failed", failed);
        return m;
    }

    /** JSON has no NaN or infinity. */
    private static Double finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static void writeTable(List<ValidationCheck> checks, long failed, Writer w) throws IOException {
        PrintWriter out = new PrintWriter(w);
        out.printf("%-28s %-34s %-32s %10s %10s  %s%n", "check", "problem", "method", "expected", "observed", "");
        for (ValidationCheck c : checks) {
            out.printf(Locale.ROOT, "%-28s %-34s %-32s %10.3g %10.3g  %s%n", c.name(), c.problem(), c.method(),
                    c.expected(), c.observed(), c.passed() ? "ok" : "FAILED: " + c.detail());
        }
        out.printf("%n%d checks: %d passed, %d failed%n", checks.size(), checks.size() - failed, failed);
        out.flush();
    }
}
