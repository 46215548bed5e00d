package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.checkpointing.Binomial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code adjoint4j gradient} as the command-line contract specifies it. */
class GradientCommandTest {

    @Test
    void jsonHasTheContractsFields() throws Exception {
        CommandLineRun run = CommandLineRun.of("gradient", "lotka-volterra", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals("lotka-volterra", json.get("problem").asText());
        assertEquals("dopri5", json.get("method").asText());
        GradientResult expected = GradientSolver.solve(LotkaVolterra.problem(), GradientOptions.defaults());
        assertEquals(expected.value(), json.get("J").asDouble(), 0.0);
        assertEquals(4, json.get("dJdp").size());
        for (int j = 0; j < 4; j++) {
            assertEquals(expected.parameterGradient()[j], json.get("dJdp").get(j).asDouble(), 0.0);
        }
        assertEquals(2, json.get("dJdy0").size());
        for (String field : new String[] {"steps", "advances", "tapedSteps", "rhsEvaluations", "vjpEvaluations",
            "linearSolves", "peakCheckpoints", "peakCheckpointBytes", "forwardSeconds", "adjointSeconds"}) {
            assertTrue(json.get("stats").has(field), field);
        }
        assertEquals(json.get("stats").get("steps").asLong(), json.get("stats").get("tapedSteps").asLong());
    }

    /** The finer run of the accuracy check: its change falls at the method's order, and a coarse gradient is flagged. */
    @Test
    void theAccuracyCheckEstimatesTheDiscretizationError() throws Exception {
        JsonNode adaptive = Json.MAPPER.readTree(CommandLineRun.of("gradient", "lotka-volterra", "--format", "json")
                .out());
        JsonNode a = adaptive.get("accuracy");
        assertEquals("rtol 1.0E-10, atol 1.0E-12", a.get("reference").asText());
        assertTrue(a.get("relativeChange").asDouble() > 0 && a.get("relativeChange").asDouble() < 1e-6, a.toString());
        assertEquals(0, adaptive.get("warnings").size());
        double[] change = new double[3];
        for (int k = 0; k < 3; k++) {
            CommandLineRun run = CommandLineRun.of("gradient", "lotka-volterra", "--method", "rk4", "--steps",
                    String.valueOf(40 << k), "--format", "json");
            JsonNode json = Json.MAPPER.readTree(run.out());
            assertEquals((80 << k) + " steps", json.get("accuracy").get("reference").asText());
            change[k] = json.get("accuracy").get("relativeChange").asDouble();
            // 40 steps are flagged (a change of 5e-3), 160 are not
            assertEquals(k == 0, json.get("warnings").toString().contains("the gradient changes by"), run.err());
        }
        for (int k = 0; k < 2; k++) {
            double ratio = change[k] / change[k + 1];
            assertTrue(ratio > 12 && ratio < 20, "rk4 halves its error 16-fold: " + ratio);
        }
        JsonNode off = Json.MAPPER.readTree(CommandLineRun.of("gradient", "lotka-volterra", "--check", "off",
                "--format", "json").out());
        assertTrue(off.get("accuracy").isNull());
    }

    @Test
    void binomialAdvancesAreTheOptimum() throws Exception {
        JsonNode json = Json.MAPPER.readTree(CommandLineRun.of("gradient", "lorenz96", "--n", "40", "--method", "rk4",
                "--steps", "300", "--checkpoints", "binomial:6", "--format", "json").out());
        assertEquals(300, json.get("stats").get("steps").asLong());
        assertEquals(Binomial.optimalAdvances(300, 6), json.get("stats").get("advances").asLong());
        assertEquals(40, json.get("dJdp").size());
        assertEquals("binomial:6", json.get("checkpoints").asText());
        JsonNode storeAll = Json.MAPPER.readTree(CommandLineRun.of("gradient", "lorenz96", "--n", "40", "--method",
                "rk4", "--steps", "300", "--checkpoints", "store-all", "--format", "json").out());
        assertEquals(0, storeAll.get("stats").get("advances").asLong());
        assertEquals(json.get("dJdp"), storeAll.get("dJdp"), "bit-identical across schedules");
    }

    @Test
    void stiffProblemsRunImplicitByDefault() throws Exception {
        JsonNode robertson = Json.MAPPER.readTree(CommandLineRun.of("gradient", "robertson", "--format", "json").out());
        assertEquals("esdirk4", robertson.get("method").asText());
        // CVODES cvsRoberts_ASAi_dns: dG/dp = (7.6842e5, -3.0691, 5.1145e-4), 5 digits from rtol 1e-6.
        double[] cvodes = {7.6842e5, -3.0691, 5.1145e-4};
        for (int j = 0; j < 3; j++) {
            double got = robertson.get("dJdp").get(j).asDouble();
            assertEquals(cvodes[j], got, 2e-4 * Math.abs(cvodes[j]), "dJ/dp" + j);
        }
        assertTrue(robertson.get("stats").get("linearSolves").asLong() > 0);

        CommandLineRun heat = CommandLineRun.of("gradient", "heat", "--n", "1000", "--method", "sdirk2", "--steps",
                "40", "--checkpoints", "binomial:5", "--format", "json");
        assertEquals(0, heat.exitCode(), heat.err());
        JsonNode json = Json.MAPPER.readTree(heat.out());
        assertEquals(1001, json.get("dJdp").size(), "one diffusivity per face");
        assertEquals(1000, json.get("dJdy0").size());
        assertEquals(Binomial.optimalAdvances(40, 5), json.get("stats").get("advances").asLong());
    }

    @Test
    void aMemoryBudgetChoosesTheSnapshotsThatFit() throws Exception {
        CommandLineRun run = CommandLineRun.of("gradient", "lorenz96", "--n", "1000", "--method", "rk4", "--steps",
                "2000", "--memory", "1m", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        // One tape of 4 stages x 1000 doubles (32000 bytes) beside (1 MiB - 32000) / 8000 = 127 snapshots.
        assertEquals("binomial:127", json.get("checkpoints").asText());
        assertTrue(json.get("stats").get("peakCheckpointBytes").asLong() <= 1L << 20);
        assertEquals(Binomial.optimalAdvances(2000, 127), json.get("stats").get("advances").asLong());
        CommandLineRun bad = CommandLineRun.of("gradient", "lorenz96", "--memory", "12x");
        assertEquals(2, bad.exitCode());
        assertEquals("gradient: --memory must be a positive size such as 256m or 2g, got '12x'", bad.err().strip());
        CommandLineRun notAuto = CommandLineRun.of("gradient", "lorenz96", "--memory", "1m", "--checkpoints",
                "binomial:3");
        assertEquals(2, notAuto.exitCode());
        assertEquals("gradient: --memory applies to --checkpoints auto, not binomial:3", notAuto.err().strip());
    }

    @Test
    void tableAndCsv(@TempDir Path dir) throws Exception {
        CommandLineRun table = CommandLineRun.of("gradient", "lorenz96", "--n", "100", "--rtol", "1e-6");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("dJ/dp"), table.out());
        assertTrue(table.out().contains("... 94 more; sum"), table.out());
        Path csv = dir.resolve("g.csv");
        assertEquals(0, CommandLineRun.of("gradient", "lotka-volterra", "--format", "csv", "-o", csv.toString()).exitCode());
        var lines = Files.readAllLines(csv);
        assertEquals("quantity,name,value", lines.get(0));
        assertTrue(lines.get(2).startsWith("dJdp,a,"), lines.get(2));
        assertEquals(1 + 1 + 4 + 2, lines.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown problem|gradient brusselator|gradient: unknown problem 'brusselator'; built-in problems: lotka-volterra, lorenz96, robertson, heat, neural-spiral",
        "unknown method|gradient lotka-volterra --method rk45|gradient: unknown method 'rk45'; known: euler, midpoint, rk4, gill, three-eighths, luther, dopri5, dop853, higham-hall, beuler, cn, sdirk2, esdirk3, esdirk4",
        "fixed-step method without steps|gradient lotka-volterra --method rk4|gradient: --method rk4 has no error estimate: give --steps N, or use dopri5, dop853, higham-hall, cn, sdirk2, esdirk3 or esdirk4",
        "both steps and rtol|gradient lotka-volterra --steps 10 --rtol 1e-6|gradient: give either --steps (fixed steps) or --rtol/--atol (adaptive), not both",
        "negative rtol|gradient lotka-volterra --rtol -1|gradient: --rtol and --atol must be finite and > 0, got --rtol -1.0 --atol 1.0E-10",
        "bad checkpoints|gradient lotka-volterra --checkpoints binomial:0|gradient: invalid checkpoints 'binomial:0': snapshots must be >= 1, got 0",
        "n for a fixed-size problem|gradient lotka-volterra --n 5|gradient: --n does not apply to lotka-volterra (it has a fixed size)",
        "n too small|gradient lorenz96 --n 2|gradient: --n must be >= 4 for lorenz96, got 2",
        "zero steps|gradient lotka-volterra --method rk4 --steps 0|gradient: --steps must be >= 1, got 0",
        "no error estimate|gradient robertson --method beuler|gradient: --method beuler has no error estimate: give --steps N, or use dopri5, dop853, higham-hall, cn, sdirk2, esdirk3 or esdirk4",
    })
    void badInputExitsTwoWithOneLine(String what, String args, String message) {
        CommandLineRun run = CommandLineRun.of(args.split(" "));
        assertEquals(2, run.exitCode(), what);
        assertEquals(message, run.err().strip(), what);
        assertEquals(1, run.err().strip().lines().count());
    }
}
