package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Model files with events on the command line: the bundled bouncing ball and bolus dose. */
class EventsCommandTest {

    private static final String BALL = Path.of("..", "examples", "models", "bouncing-ball.json").toString();
    private static final String BOLUS = Path.of("..", "examples", "models", "bolus.json").toString();

    @Test
    void bouncingBallGradientIsItsClosedForm() throws Exception {
        CommandLineRun run = CommandLineRun.of("gradient", "--model", BALL, "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        double tau = (-0.1 + Math.sqrt(0.01 + 100)) / 10;
        double vPlus = 0.8 * (0.1 + 10 * tau);
        double rest = 1.9 - tau;
        assertEquals(vPlus * rest - 5 * rest * rest, json.get("J").asDouble(), 1e-10);
        // dJ/dz0 = 0.83783: 1 if the bounce time's derivative were left out.
        assertEquals(0.8378281128914254, json.get("dJdy0").get(0).asDouble(), 1e-9);
        assertEquals(1, json.get("events").size());
        assertEquals(tau, json.get("events").get(0).get("time").asDouble(), 1e-12);
        assertEquals("falling", json.get("events").get(0).get("direction").asText());
    }

    @Test
    void bolusTimeDerivativeIsKDExpOfTheRemainingTime() throws Exception {
        CommandLineRun run = CommandLineRun.of("gradient", "--model", BOLUS, "--method", "dop853", "--rtol", "1e-10",
                "--atol", "1e-12", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        double expected = 0.7 * 2.0 * Math.exp(-0.7 * (3.0 - 1.3));
        assertEquals(expected, json.get("dJdp").get(2).asDouble(), 1e-7 * expected);
    }

    @Test
    void simulationShowsTheJumpAsTwoRowsAtTheBounce() {
        CommandLineRun run = CommandLineRun.of("simulate", "--model", BALL, "--method", "rk4", "--steps", "20",
                "--format", "csv");
        assertEquals(0, run.exitCode(), run.err());
        double tau = (-0.1 + Math.sqrt(0.01 + 100)) / 10;
        java.util.List<String[]> atBounce = run.out().lines().skip(1).map(l -> l.split(","))
                .filter(r -> Math.abs(Double.parseDouble(r[0]) - tau) < 1e-12).toList();
        assertEquals(2, atBounce.size(), run.out());
        double before = Double.parseDouble(atBounce.get(0)[2]);
        double after = Double.parseDouble(atBounce.get(1)[2]);
        assertEquals(-0.1 - 10 * tau, before, 1e-12);
        assertEquals(-0.8 * before, after, 1e-12);
        assertEquals(0.0, Double.parseDouble(atBounce.get(0)[1]), 1e-12);
    }

    @Test
    void secondOrderIsRefusedForEventsInOneLine() {
        CommandLineRun run = CommandLineRun.of("gradient", "--model", BALL, "--hvp", "g=1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--hvp does not apply to a model with events"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
