package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradient --ensemble}: 200 Lotka–Volterra samples give the same bits on every engine and thread count. */
class EnsembleCommandTest {

    @Test
    void twoHundredSamplesGiveTheSameBitsEverywhere(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("samples.csv");
        StringBuilder csv = new StringBuilder("a,b,c,d\n");
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            csv.append(1.5 * (1 + 0.1 * (random.nextDouble() - 0.5))).append(',')
                    .append(1.0 * (1 + 0.1 * (random.nextDouble() - 0.5))).append(',')
                    .append(3.0 * (1 + 0.1 * (random.nextDouble() - 0.5))).append(',')
                    .append(1.0 * (1 + 0.1 * (random.nextDouble() - 0.5))).append('\n');
        }
        Files.writeString(samples, csv);
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
