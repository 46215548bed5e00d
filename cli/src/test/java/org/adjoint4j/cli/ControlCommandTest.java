package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adjoint4j control} as the command-line contract specifies it. */
class ControlCommandTest {

    @Test
    void lqrJsonIsWithinOneThousandthOfRiccatiAndPlots(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("lqr.png");
        CommandLineRun run = CommandLineRun.of("control", "lqr", "--intervals", "200", "--plot", png.toString(),
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals(200, json.get("intervals").asInt());
        double gap = json.get("relativeGap").asDouble();
        assertTrue(gap >= 0 && gap < 1e-3, "gap " + gap);
        assertEquals(json.get("times").size(), json.get("controls").size());
        assertEquals(200, json.get("coefficients").size());
        assertTrue(json.get("converged").asBoolean());
        assertTrue(Files.size(png) > 10_000);
    }

    @Test
    void aModelFileWithControlsGivesTheBuiltInOptimum() throws Exception {
        Path model = Files.exists(Path.of("models/van-der-pol-control.json"))
                ? Path.of("models/van-der-pol-control.json") : Path.of("../examples/models/van-der-pol-control.json");
        // the file's control bounds [-2, 2] are the built-in's |u| <= 2
        JsonNode file = Json.MAPPER.readTree(CommandLineRun.of("control", "--model", model.toString(), "--intervals",
                "30", "--format", "json").out());
        JsonNode builtIn = Json.MAPPER.readTree(CommandLineRun.of("control", "van-der-pol", "--intervals", "30",
                "--format", "json").out());
        assertEquals(builtIn.get("objective").asDouble(), file.get("objective").asDouble(),
                1e-6 * builtIn.get("objective").asDouble());
    }

    /** One-sided bounds: u >= 0 pushes only one way, so the optimum costs more and no control is negative. */
    @Test
    void asymmetricBounds() throws Exception {
        JsonNode free = Json.MAPPER.readTree(CommandLineRun.of("control", "van-der-pol", "--intervals", "30",
                "--format", "json").out());
        CommandLineRun run = CommandLineRun.of("control", "van-der-pol", "--intervals", "30", "--bounds", "0:",
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode oneSided = Json.MAPPER.readTree(run.out());
        double lowest = Double.POSITIVE_INFINITY;
        for (JsonNode u : oneSided.get("coefficients")) {
            lowest = Math.min(lowest, u.asDouble());
        }
        assertEquals(0.0, lowest, 0.0, "some control sits on its bound u = 0");
        assertTrue(oneSided.get("objective").asDouble() > free.get("objective").asDouble() * 1.01);
        CommandLineRun bad = CommandLineRun.of("control", "lqr", "--bounds", "1:0");
        assertEquals(2, bad.exitCode());
        assertEquals("control: --bounds 1:0: 1.0 is not below 0.0", bad.err().strip());
        bad = CommandLineRun.of("control", "lqr", "--bounds", "0:1", "--bound", "1");
        assertEquals("control: give --bound B or --bounds LO:HI, not both", bad.err().strip());
    }

    @Test
    void csvHasStatesAndControls() {
        CommandLineRun run = CommandLineRun.of("control", "lqr", "--intervals", "10", "--format", "csv");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\\R");
        assertEquals("t,position,velocity,force", lines[0]);
        assertEquals(1 + 41, lines.length, "4 steps per interval, 10 intervals, both ends");
    }

    @Test
    void badInputExitsTwo() {
        CommandLineRun run = CommandLineRun.of("control", "lqr", "--parameterization", "cubic");
        assertEquals(2, run.exitCode());
        assertEquals("control: --parameterization must be constant or linear, got 'cubic'", run.err().strip());
        run = CommandLineRun.of("control", "pendulum");
        assertEquals(2, run.exitCode());
        assertEquals("control: unknown control problem 'pendulum'; built-in: lqr, van-der-pol", run.err().strip());
        run = CommandLineRun.of("control", "lqr", "--intervals", "0");
        assertEquals(2, run.exitCode());
        assertEquals("control: --intervals must be >= 1, got 0", run.err().strip());
    }
}
