package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files on the command line: the gradient of one, a bad one refused with exit code 2, and a
 * stiff one on the default method switched to an implicit one with a warning.
 */
class ModelFileCommandTest {

    static final Path LOTKA_VOLTERRA = Path.of("..", "examples", "models", "lotka-volterra.json");

    @Test
    void commandLineRunsAModelFile() {
        CommandLineRun run = CommandLineRun.of("gradient", "--model", LOTKA_VOLTERRA.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"problem\" : \"lotka-volterra\""), run.out());
    }

    @Test
    void badFileExitsTwoAndSaysWhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "{\"states\":{\"x\":1},\"rhs\":{\"x\":\"-k*x\"},\"time\":[0,1]}");
        CommandLineRun run = CommandLineRun.of("gradient", "--model", file.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("gradient: model file " + file + ": rhs of x: unknown name 'k' (known: t, x) at position 2 in '-k*x'",
                run.err().strip());
    }

    @Test
    void stiffModelOnTheDefaultMethodGetsTheRightGradient() throws Exception {
        String oregonator = Path.of("..", "examples", "models", "oregonator.json").toString();
        CommandLineRun run = CommandLineRun.of("gradient", "--model", oregonator, "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: the problem is stiff") && run.err().contains(
                "switched from the default dopri5 to esdirk4"), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals("esdirk4", json.get("method").asText());
        assertTrue(json.get("warnings").get(0).asText().startsWith("the problem is stiff"), run.out());
        JsonNode tight = Json.MAPPER.readTree(CommandLineRun.of("gradient", "--model", oregonator, "--method", "esdirk4",
                "--rtol", "1e-11", "--atol", "1e-13", "--format", "json").out());
        for (int j = 0; j < 4; j++) {
            double expected = tight.get("dJdp").get(j).asDouble();
            assertEquals(expected, json.get("dJdp").get(j).asDouble(), 1e-5 * Math.abs(expected), "dJ/dp_" + j);
        }
        assertEquals(0, tight.get("warnings").size());
    }
}
