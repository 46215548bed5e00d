package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code adjoint4j hessian} and {@code gradient --hvp} as ../shared/CLI.md's second-order section states them. */
class HessianCommandTest {

    @Test
    void theHessianIsSymmetricAndItsRowsAreTheProducts() throws Exception {
        CommandLineRun run = CommandLineRun.of("hessian", "lotka-volterra", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals("[\"a\",\"b\",\"c\",\"d\",\"y0.x\",\"y0.y\"]", json.get("names").toString());
        JsonNode h = json.get("hessian");
        assertEquals(6, h.size());
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < i; k++) {
                double hik = h.get(i).get(k).asDouble();
                assertEquals(hik, h.get(k).get(i).asDouble(), 1e-12 * (Math.abs(hik) + 1), i + "," + k);
            }
        }
        JsonNode gradient = Json.MAPPER.readTree(CommandLineRun.of("gradient", "lotka-volterra", "--format", "json",
                "--hvp", "b=2,y0.y=-1").out());
        assertEquals(gradient.get("J").asDouble(), json.get("J").asDouble(), 0.0);
        for (int j = 0; j < 4; j++) {
            assertEquals(gradient.get("dJdp").get(j).asDouble(), json.get("gradient").get(j).asDouble(), 0.0);
        }
        // H (2 e_b - e_y0.y) from the rows of the Hessian
        JsonNode product = gradient.get("hessianVectorProduct");
        for (int k = 0; k < 6; k++) {
            double expected = 2 * h.get(1).get(k).asDouble() - h.get(5).get(k).asDouble();
            double actual = k < 4 ? product.get("p").get(k).asDouble() : product.get("y0").get(k - 4).asDouble();
            assertEquals(expected, actual, 1e-12 * Math.abs(expected) + 1e-13, "component " + k);
        }
    }

    @Test
    void aModelFileHasItsHessianToo() throws Exception {
        Path model = Path.of("..", "examples", "models", "lotka-volterra.json");
        CommandLineRun run = CommandLineRun.of("hessian", "--model", model.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode file = Json.MAPPER.readTree(run.out());
        JsonNode builtIn = Json.MAPPER.readTree(CommandLineRun.of("hessian", "lotka-volterra", "--format", "json")
                .out());
        assertEquals(builtIn.get("J").asDouble(), file.get("J").asDouble(), 1e-12 * builtIn.get("J").asDouble());
        double h00 = builtIn.get("hessian").get(0).get(0).asDouble();
        assertEquals(h00, file.get("hessian").get(0).get(0).asDouble(), 1e-9 * Math.abs(h00));
    }

    @Test
    void badRequestsExitTwoNamingThem() {
        CommandLineRun run = CommandLineRun.of("gradient", "lotka-volterra", "--hvp", "q=1");
        assertEquals(2, run.exitCode());
        assertEquals("gradient: --hvp: 'q' is neither a parameter nor an initial state y0.<state> of "
                + "(a, b, c, d, y0.x, y0.y)", run.err().strip());
        run = CommandLineRun.of("gradient", "lotka-volterra", "--hvp", "a");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected NAME=VALUE"), run.err());
        run = CommandLineRun.of("hessian", "lorenz96", "--n", "500");
        assertEquals(2, run.exitCode());
        assertEquals("hessian: lorenz96 has 1000 parameters and initial states, more than 400 products; use "
                + "gradient --hvp for products", run.err().strip());
    }
}
