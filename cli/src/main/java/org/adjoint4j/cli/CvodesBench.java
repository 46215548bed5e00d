package org.adjoint4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.adjoint4j.validation.peers.CvodesComparison;
import org.adjoint4j.validation.peers.WorkPoint;

/**
 * The output of {@code adjoint4j bench --cvodes}: the matched-error ratios (our time over CVODES's
 * at our error, the median over the repetitions, and their spread, max / min), then every solver's
 * work-precision curve with its steps and evaluations.
 */
final class CvodesBench {

    private CvodesBench() {
    }

    static void print(CvodesComparison.Report report, String format, PrintWriter out) {
        switch (format) {
            case "json" -> out.println(Json.write(json(report)));
            case "csv" -> {
                out.println("problem,n,backward,rtol,error,ratio,spread");
                for (CvodesComparison.MatchedRatio r : report.comparisons()) {
                    out.printf(Locale.ROOT, "%s,%d,%s,%.3g,%.6g,%.6g,%.6g%n", r.problem(), r.n(), r.backward(),
                            r.rtol(), r.error(), r.ratio(), r.spread());
                }
            }
            default -> table(report, out);
        }
        out.flush();
    }

    private static Map<String, Object> json(CvodesComparison.Report report) {
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (CvodesComparison.MatchedRatio r : report.comparisons()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("problem", r.problem());
            m.put("n", r.n());
            m.put("backward", r.backward());
            m.put("rtol", r.rtol());
            m.put("error", r.error());
            m.put("ratio", r.ratio());
            m.put("spread", r.spread());
            m.put("ratios", r.ratios());
            comparisons.add(m);
        }
        List<Map<String, Object>> curves = new ArrayList<>();
        for (CvodesComparison.Curve c : report.curves()) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (WorkPoint p : c.points()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rtol", p.rtol());
                m.put("error", p.error());
                m.put("seconds", p.seconds());
                m.put("gradientsPerUnit", p.gradientsPerUnit());
                m.put("forwardSteps", p.forwardSteps());
                m.put("backwardSteps", p.backwardSteps());
                m.put("evaluations", p.evaluations());
                points.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("problem", c.problem());
            m.put("n", c.n());
            m.put("solver", c.solver());
            m.put("backward", c.backward());
            m.put("points", points);
            curves.add(m);
        }
        CvodesComparison.Settings s = report.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("comparisons", comparisons);
        m.put("curves", curves);
        m.put("repetitions", s.repetitions());
        m.put("units", s.units());
        m.put("warmupUnits", s.warmup());
        m.put("warmupSeconds", s.warmupSeconds());
        m.put("unitSeconds", s.unitSeconds());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    private static void table(CvodesComparison.Report report, PrintWriter out) {
        CvodesComparison.Settings s = report.settings();
        out.printf(Locale.ROOT, "our time / CVODES's at our gradient error (median of %d repetitions; "
                + "spread = max/min)%n", s.repetitions());
        out.printf("%-10s %6s %-8s %8s %10s %7s %7s%n", "problem", "n", "backward", "rtol", "error", "ratio", "spread");
        for (CvodesComparison.MatchedRatio r : report.comparisons()) {
            out.printf(Locale.ROOT, "%-10s %6d %-8s %8.0e %10.2e %7.3f %7.2f%n", r.problem(), r.n(), r.backward(),
                    r.rtol(), r.error(), r.ratio(), r.spread());
        }
        out.println();
        out.printf("%-10s %6s %-16s %-8s %8s %10s %12s %6s %8s %8s %8s%n", "problem", "n", "solver", "backward", "rtol",
                "error", "ms/gradient", "unit", "fwd st.", "bwd st.", "evals");
        for (CvodesComparison.Curve c : report.curves()) {
            for (WorkPoint p : c.points()) {
                out.printf(Locale.ROOT, "%-10s %6d %-16s %-8s %8.0e %10.2e %12.3f %6d %8d %8d %8d%n", c.problem(),
                        c.n(), c.solver(), c.backward().isEmpty() ? "-" : c.backward(), p.rtol(), p.error(), p.seconds() * 1e3,
                        p.gradientsPerUnit(), p.forwardSteps(), p.backwardSteps(), p.evaluations());
            }
        }
    }
}
