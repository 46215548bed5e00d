package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code adjoint4j schedule} as the command-line contract specifies it. */
class ScheduleCommandTest {

    @Test
    void textIsTheReferenceGoldenString() {
        CommandLineRun run = CommandLineRun.of("schedule", "--steps", "10", "--snapshots", "2", "--format", "text");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("S0@0 A0->6 S1@6 A6->9 F9 R1@6 A6->8 Y8 R1@6 A6->7 Y7 R1@6 Y6 R0@0 A0->3 S1@3 A3->5 Y5 R1@3 "
                + "A3->4 Y4 R1@3 Y3 R0@0 A0->1 S1@1 A1->2 Y2 R1@1 Y1 R0@0 Y0 T", run.out().strip());
    }

    @Test
    void jsonForABillionStepsComesFromClosedForms() throws Exception {
        CommandLineRun run = CommandLineRun.of("schedule", "--steps", "1000000000", "--snapshots", "30", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals("binomial", json.get("kind").asText());
        assertEquals(1_000_000_000L, json.get("steps").asLong());
        assertEquals(30, json.get("snapshots").asInt());
        assertEquals(9_878_900_592L, json.get("advances").asLong());
        assertEquals(9_878_900_592L, json.get("optimalAdvances").asLong());
        assertEquals(635_745_396L, json.get("takeshots").asLong());
        assertEquals(999_999_999L, json.get("restores").asLong());
        assertEquals(30, json.get("maxLiveSlots").asInt());
        assertEquals("", run.err());
    }

    @Test
    void kindSpecificFields() throws Exception {
        JsonNode online = Json.MAPPER.readTree(CommandLineRun.of("schedule", "--steps", "100", "--snapshots", "4",
                "--kind", "online", "--format", "json").out());
        assertEquals(386, online.get("advances").asLong());
        assertEquals(12, online.get("excessAdvances").asLong());
        JsonNode disk = Json.MAPPER.readTree(CommandLineRun.of("schedule", "--steps", "101", "--snapshots", "2",
                "--kind", "disk", "--format", "json").out());
        assertEquals(394.0, disk.get("cost").asDouble());
        assertEquals(394.0, disk.get("optimalCost").asDouble());
        assertEquals(959.0, disk.get("memoryOnlyCost").asDouble());
        JsonNode limited = Json.MAPPER.readTree(CommandLineRun.of("schedule", "--steps", "21", "--snapshots", "2",
                "--kind", "disk", "--disk-snapshots", "3", "--format", "json").out());
        assertEquals(74.0, limited.get("cost").asDouble());
        assertTrue(limited.get("maxLiveDiskSlots").asInt() <= 3);
        JsonNode storeAll = Json.MAPPER.readTree(CommandLineRun.of("schedule", "--steps", "50", "--kind", "store-all",
                "--format", "json").out());
        assertEquals(0, storeAll.get("advances").asLong());
        assertEquals(50, storeAll.get("maxTapes").asLong());
        JsonNode uniform = Json.MAPPER.readTree(CommandLineRun.of("schedule", "--steps", "100", "--kind", "uniform",
                "--interval", "10", "--format", "json").out());
        assertEquals(90, uniform.get("advances").asLong());
        assertEquals(10, uniform.get("interval").asLong());
    }

    @Test
    void tableIsTheDefault() {
        CommandLineRun run = CommandLineRun.of("schedule", "--steps", "100", "--snapshots", "5");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("advances             316"), run.out());
        assertTrue(run.out().contains("recomputationFactor  4.16"), run.out());
    }

    @Test
    void svgIsAStepTimeDiagram(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("schedule.svg");
        CommandLineRun run = CommandLineRun.of("schedule", "--steps", "20", "--snapshots", "3", "--format", "svg",
                "-o", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        String svg = Files.readString(file);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg.substring(0, 80));
        assertTrue(svg.strip().endsWith("</svg>"));
        assertEquals(10, svg.split("<circle").length - 1, "one dot per takeshot");
        assertEquals(2, CommandLineRun.of("schedule", "--steps", "5000", "--snapshots", "3", "--format", "svg").exitCode());
    }

    /** Bad input: exit code 2 and one line on standard error naming the argument and value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "s < 1|--steps 10 --snapshots 0|schedule: --snapshots must be >= 1, got 0",
        "N < 0|--steps -5 --snapshots 2|schedule: --steps must be >= 0, got -5",
        "s > N|--steps 10 --snapshots 12|schedule: --snapshots 12 exceeds --steps 10: a binomial schedule for N steps needs at most N slots",
        "s > N for disk|--steps 10 --snapshots 12 --kind disk|schedule: --snapshots 12 exceeds --steps 10: a disk schedule for N steps needs at most N slots",
        "unknown kind|--steps 10 --snapshots 2 --kind revolve|schedule: --kind must be one of binomial, online, uniform, store-all, disk, got 'revolve'",
        "missing snapshots|--steps 10|schedule: --snapshots is required for --kind binomial",
        "not a number|--steps ten --snapshots 2|schedule: Invalid value for option '--steps': 'ten' is not a long (see 'adjoint4j schedule --help')",
        "interval for binomial|--steps 10 --snapshots 2 --interval 3|schedule: --interval applies only to --kind uniform",
        "disk too large|--steps 50000 --snapshots 2 --kind disk --disk-snapshots 4|schedule: steps=50000 is beyond the 20000 steps the O(D N^2) multistage program accepts; use binomial or online checkpointing",
        "bad costs|--steps 10 --snapshots 2 --kind disk --costs 1,1,-2,2|schedule: disk write cost wd must be finite and >= 0, got -2.0",
    })
    void badInputExitsTwoWithOneLine(String what, String args, String message) {
        CommandLineRun run = CommandLineRun.of(("schedule " + args).split(" "));
        assertEquals(2, run.exitCode(), what);
        assertEquals(message, run.err().strip(), what);
        assertEquals(1, run.err().strip().lines().count(), "one line");
        assertEquals("", run.out(), "nothing on standard output");
    }

    @Test
    void onlineAcceptsMoreSlotsThanSteps() {
        assertEquals(0, CommandLineRun.of("schedule", "--steps", "3", "--snapshots", "10", "--kind", "online").exitCode());
    }
}
