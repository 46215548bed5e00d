package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code adjoint4j validate} as the command-line contract specifies it. */
class ValidateCommandTest {

    @Test
    void quickJsonReportsEveryCheckPassedWithObservedOrders() throws Exception {
        CommandLineRun run = CommandLineRun.of("validate", "--quick", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        JsonNode checks = json.get("checks");
        assertEquals(checks.size(), json.get("passed").asInt());
        assertEquals(0, json.get("failed").asInt());
        int orders = 0;
        for (JsonNode c : checks) {
            for (String field : new String[] {"name", "problem", "method", "expected", "observed", "passed"}) {
                assertTrue(c.has(field), field + " in " + c);
            }
            assertTrue(c.get("passed").asBoolean(), c.toString());
            if (c.get("name").asText().equals("gradient order")) {
                orders++;
                assertEquals(c.get("expected").asDouble(), c.get("observed").asDouble(), 0.2, c.toString());
            }
        }
        assertTrue(orders >= 5, "observed orders reported: " + orders);
    }

    @Test
    void tableEndsWithTheCount() {
        CommandLineRun run = CommandLineRun.of("validate", "--quick");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().strip().matches("(?s).*\\n\\d+ checks: \\d+ passed, 0 failed$"), run.out());
    }

    @Test
    void badFormatExitsTwo() {
        CommandLineRun run = CommandLineRun.of("validate", "--format", "csv");
        assertEquals(2, run.exitCode());
        assertEquals("validate: --format must be table or json, got 'csv'", run.err().strip());
    }
}
