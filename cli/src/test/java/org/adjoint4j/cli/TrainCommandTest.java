package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train neural-spiral}: seeded training is the same bits twice and lowers the whole
 * trajectory's loss; the outputs and the plots; bad input refused by name.
 */
class TrainCommandTest {

    @Test
    void seededTrainingRepeatsAndLowersTheLoss(@TempDir Path dir) throws Exception {
        String[] args = {"train", "neural-spiral", "--iterations", "60", "--test-every", "20", "--format", "json"};
        CommandLineRun first = CommandLineRun.of(args);
        assertEquals(0, first.exitCode(), first.err());
        JsonNode a = Json.MAPPER.readTree(first.out());
        JsonNode b = Json.MAPPER.readTree(CommandLineRun.of(args).out());
        assertEquals(a.get("curve").toString(), b.get("curve").toString());
        assertEquals(252, a.get("parameters").asInt());
        assertEquals(61, a.get("curve").size());
        double initial = a.get("curve").get(0).get("totalLoss").asDouble();
        double last = a.get("finalTotalLoss").asDouble();
        // At the demo's initialization the L1 loss of the whole trajectory is 1.3588; 60 RMSprop steps halve it.
        assertEquals(1.358786, initial, 1e-6);
        assertTrue(last < 0.7 * initial, "loss " + initial + " -> " + last);
        Path plot = dir.resolve("spiral.png");
        CommandLineRun csv = CommandLineRun.of("train", "neural-spiral", "--width", "8", "--iterations", "5",
                "--optimizer", "adam", "--format", "csv", "--plot", plot.toString());
        assertEquals(0, csv.exitCode(), csv.err());
        assertEquals(7, csv.out().split("\n").length, csv.out());
        assertTrue(csv.out().startsWith("iteration,batch_loss,total_loss\n0,,"), csv.out());
        assertTrue(Files.size(plot) > 10_000 && Files.size(dir.resolve("spiral-phase.png")) > 10_000);
    }

    @Test
    void aWeightNamedWithBracketsTakesAHessianVectorProduct() throws Exception {
        // --hvp splits on commas outside brackets: W1[0,0] is one name.
        JsonNode h = Json.MAPPER.readTree(CommandLineRun.of("hessian", "neural-spiral", "--width", "3", "--format",
                "json").out());
        CommandLineRun run = CommandLineRun.of("gradient", "neural-spiral", "--width", "3", "--hvp", "W1[0,0]=1",
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode hv = Json.MAPPER.readTree(run.out()).get("hessianVectorProduct").get("p");
        for (int j = 0; j < hv.size(); j++) {
            double row = h.get("hessian").get(0).get(j).asDouble();
            assertEquals(row, hv.get(j).asDouble(), 1e-12 * Math.max(1e-3, Math.abs(row)), "H[W1[0,0], " + j + "]");
        }
    }

    @Test
    void badInputIsRefusedByName() {
        CommandLineRun r = CommandLineRun.of("train", "lotka-volterra");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("train runs neural-spiral"), r.err());
        r = CommandLineRun.of("train", "neural-spiral", "--optimizer", "sgd");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--optimizer must be rmsprop or adam, got 'sgd'"), r.err());
        r = CommandLineRun.of("train", "neural-spiral", "--lr", "-1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--lr"), r.err());
        r = CommandLineRun.of("gradient", "neural-spiral", "--n", "4");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--n does not apply to neural-spiral"), r.err());
    }
}
