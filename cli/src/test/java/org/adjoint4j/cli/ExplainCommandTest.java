package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code adjoint4j explain}: the tape as a worked example. */
class ExplainCommandTest {

    @Test
    void jsonListsTheTapeAndTheGradient() throws Exception {
        CommandLineRun run = CommandLineRun.of("explain", "x*sin(y) + y*exp(x)", "--at", "x=2,y=0.5", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals(2 * Math.sin(0.5) + 0.5 * Math.exp(2), json.get("value").asDouble(), 1e-15);
        assertEquals(Math.sin(0.5) + 0.5 * Math.exp(2), json.get("gradient").get("x").asDouble(), 1e-15);
        assertEquals(2 * Math.cos(0.5) + Math.exp(2), json.get("gradient").get("y").asDouble(), 1e-14);
        JsonNode tape = json.get("tape");
        assertEquals(7, tape.size());
        assertEquals("sin", tape.get(2).get("op").asText());
        assertEquals("[1]", tape.get(2).get("inputs").toString());
        assertEquals(2.0, tape.get(2).get("adjoint").asDouble(), 0.0, "sin(y) is multiplied by x = 2");
        assertEquals("v0 * v2", tape.get(3).get("expression").asText());
        assertEquals(1.0, tape.get(6).get("adjoint").asDouble(), "the output's seed");
    }

    @Test
    void tableShowsEveryIntermediate() {
        CommandLineRun run = CommandLineRun.of("explain", "(w*x + b)*(w*x)", "--at", "w=2,x=3,b=1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("df/dw = 39.0000000000000"), run.out());
        assertTrue(run.out().contains("df/db = 6.00000000000000"), run.out());
        assertTrue(run.out().contains("v0 * v1"), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown name|x*sin(z)|x=2|explain: unknown name 'z' (known: x) at position 7 in 'x*sin(z)'",
        "syntax error|x*(2+|x=2|explain: unexpected end of expression at position 6 in 'x*(2+'",
        "not a number|x+1|x=two|explain: --at x=two: not a number",
        "not key=value|x+1|x2|explain: --at x2: expected NAME=VALUE, e.g. --at x=2,y=0.5",
        "twice|x+1|x=1,x=2|explain: --at gives x twice",
    })
    void badInputExitsTwo(String what, String expression, String at, String message) {
        CommandLineRun run = CommandLineRun.of("explain", expression, "--at", at);
        assertEquals(2, run.exitCode(), what);
        assertEquals(message, run.err().strip(), what);
    }
}
