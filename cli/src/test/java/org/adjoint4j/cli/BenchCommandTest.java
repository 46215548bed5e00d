package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code adjoint4j bench --quick --format json} reports every ratio with its problem and
 * repetitions (the values are timings: this test checks their presence and consistency, not their
 * size, which the JMH benchmarks measure).
 */
class BenchCommandTest {

    @Test
    void quickJsonHasEveryRatio() throws Exception {
        CommandLineRun run = CommandLineRun.of("bench", "--quick", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        JsonNode ratios = json.get("ratios");
        assertEquals(8, ratios.size(), "4 schedules + 2 comparisons for m = 10 and 100");
        for (JsonNode r : ratios) {
            for (String field : new String[] {"name", "problem", "repetitions", "numeratorMillis", "denominatorMillis",
                "ratio"}) {
                assertTrue(r.has(field), field + " in " + r);
            }
            assertEquals(r.get("numeratorMillis").asDouble() / r.get("denominatorMillis").asDouble(),
                    r.get("ratio").asDouble(), 1e-9 * r.get("ratio").asDouble());
        }
        assertTrue(json.get("cores").asInt() >= 1);
    }
}
