package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.adjoint4j.validation.peers.CvodesComparison;
import org.adjoint4j.validation.peers.WorkPoint;
import org.junit.jupiter.api.Test;

/**
 * {@code adjoint4j bench --cvodes}: its input errors (exit 2, one line naming the option and
 * value), and the JSON, CSV and table it prints from a comparison's report.
 */
class CvodesBenchTest {

    private static CvodesComparison.Report report() {
        CvodesComparison.MatchedRatio ratio = new CvodesComparison.MatchedRatio("heat", 1000, "scaled", 1e-6, 4.8e-6,
                0.4, 1.25, new double[] {0.36, 0.4, 0.45});
        CvodesComparison.Curve curve = new CvodesComparison.Curve("heat", 1000, "cvodes bdf", "scaled",
                List.of(new WorkPoint(1e-6, 1.4e-5, 0.055, 1, 100, 157, 298)));
        return new CvodesComparison.Report(List.of(ratio), List.of(curve),
                new CvodesComparison.Settings(3, 5, 1, 0.25, 0.05));
    }

    private static String print(String format) {
        StringWriter out = new StringWriter();
        CvodesBench.print(report(), format, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void jsonHasTheComparisonsTheIssueNamesAndTheCurves() throws Exception {
        JsonNode json = Json.MAPPER.readTree(print("json"));
        JsonNode c = json.get("comparisons").get(0);
        assertEquals("heat", c.get("problem").asText());
        assertEquals(1000, c.get("n").asInt());
        assertEquals(4.8e-6, c.get("error").asDouble(), 0.0);
        assertEquals(0.4, c.get("ratio").asDouble(), 0.0);
        assertEquals(1.25, c.get("spread").asDouble(), 0.0);
        assertEquals(3, c.get("ratios").size());
        JsonNode p = json.get("curves").get(0).get("points").get(0);
        assertEquals(157, p.get("backwardSteps").asInt());
        assertEquals(298, p.get("evaluations").asInt());
        assertEquals(3, json.get("repetitions").asInt());
        assertEquals(0.05, json.get("unitSeconds").asDouble(), 0.0);
    }

    @Test
    void csvAndTableCarryTheSameRatio() {
        String csv = print("csv");
        assertEquals("problem,n,backward,rtol,error,ratio,spread", csv.lines().findFirst().orElseThrow());
        assertEquals("heat,1000,scaled,1.00e-06,4.80000e-06,0.400000,1.25000", csv.lines().skip(1).findFirst()
                .orElseThrow());
        String table = print("table");
        assertTrue(table.contains("median of 3 repetitions"), table);
        assertTrue(table.lines().anyMatch(
                l -> l.matches("heat\\s+1000\\s+scaled\\s+1e-06\\s+4.80e-06\\s+0.400\\s+1.25")), table);
    }

    @Test
    void badInputExitsWithTwoAndOneLine() {
        String[][] cases = {
            {"--cvodes", "--peers", "/nowhere/bin"},
            {"--cvodes", "--format", "svg"},
            {"--cvodes", "--repetitions", "0"},
            {"--repetitions", "3"},
        };
        String[] expected = {"'/nowhere/bin'", "got 'svg'", "at least 1, got 0", "--repetitions needs --cvodes"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "bench";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            CommandLineRun run = CommandLineRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains(expected[i]), run.err());
        }
    }
}
