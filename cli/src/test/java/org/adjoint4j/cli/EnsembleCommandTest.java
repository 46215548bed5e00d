package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradient --ensemble}: 200 Lotka–Volterra samples give the same bits on every engine and thread count. */
class EnsembleCommandTest {

    @Test
    void twoHundredSamplesGiveTheSameBitsEverywhere() throws Exception {
        // The README's 200 samples (a, b, c, d within 5% of the reference values).
        Path samples = Path.of("../examples/data/lotka-volterra-samples.csv");
        String reference = null;
        String[][] engines = {{"--engine", "sequential"}, {"--threads", "1"}, {"--threads", "2"}, {"--threads", "7"}};
        for (String[] engine : engines) {
            CommandLineRun run = CommandLineRun.of("gradient", "lotka-volterra", "--ensemble", samples.toString(),
                    engine[0], engine[1], "--format", "json");
            assertEquals(0, run.exitCode(), run.err());
            JsonNode json = Json.MAPPER.readTree(run.out());
            assertEquals(200, json.get("results").size());
            // everything but the timing and the thread count, as text: the same digits are the same bits
            String bits = json.get("results").toString() + json.get("sumdJdp") + json.get("sumJ");
            if (reference == null) {
                reference = bits;
            }
            assertEquals(reference, bits, String.join(" ", engine));
        }
        JsonNode one = Json.MAPPER.readTree(CommandLineRun.of("gradient", "lotka-volterra", "--format", "json").out());
        assertTrue(one.get("J").isNumber());
    }

    @Test
    void badSamplesAreRefusedByName(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("bad.csv");
        Files.writeString(samples, "a,q\n1,2\n");
        CommandLineRun run = CommandLineRun.of("gradient", "lotka-volterra", "--ensemble", samples.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("column 'q' is not a parameter of the problem (a, b, c, d)"), run.err());
        run = CommandLineRun.of("gradient", "lotka-volterra", "--ensemble", samples.toString(), "--engine", "spark");
        assertEquals(2, run.exitCode());
    }
}
