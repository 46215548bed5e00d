package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit stopped by the user (SIGTERM here; Ctrl-C's SIGINT takes the same path through the JVM's
 * shutdown hooks) prints the best iterate it has and writes it where -o points.
 */
class FitInterruptionTest {

    @Test
    void aStoppedFitKeepsItsBestIterate(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("fit.json");
        Path err = dir.resolve("err.txt");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        // 2000 starts take half an hour: the run is certainly stopped in the middle
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "fit", "--model", FitCommandTest.SIR, "--data", FitCommandTest.TOWN_A, "--fit",
                "beta,gamma", "--starts", "2000", "-o", json.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertFalse(p.waitFor(8, TimeUnit.SECONDS), "still fitting");
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
        String message = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(message.contains("fit: interrupted after ") && message.contains("best iterate so far: beta = "),
                message);
        assertTrue(message.contains("wrote " + json), message);
        JsonNode best = Json.MAPPER.readTree(json.toFile());
        assertTrue(best.get("interrupted").asBoolean());
        assertFalse(best.get("converged").asBoolean());
        // within the file's bounds, and near the optimum 0.347 the first start reaches in a second
        double beta = best.get("parameters").get("beta").asDouble();
        assertEquals(0.347, beta, 0.01, best.toString());
        assertTrue(best.get("evaluations").asInt() > 0);
    }
}
