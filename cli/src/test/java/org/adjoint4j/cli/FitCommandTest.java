package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code adjoint4j fit} as the command-line contract specifies it. */
class FitCommandTest {

    private static final String DATA = "../examples/data/lotka-volterra.csv";

    private static Path data() {
        Path p = Path.of("data/lotka-volterra.csv");
        return Files.exists(p) ? p : Path.of(DATA);
    }

    @Test
    void jsonRecoversTheParametersAndWritesAPlot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("fit.png");
        CommandLineRun run = CommandLineRun.of("fit", "lotka-volterra", "--data", data().toString(), "--initial",
                "a=1.2,b=0.85,c=2.5,d=0.85", "--plot", png.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        double[] truth = {1.5, 1.0, 3.0, 1.0};
        String[] names = {"a", "b", "c", "d"};
        for (int j = 0; j < 4; j++) {
            double estimate = json.get("parameters").get(names[j]).asDouble();
            double error = json.get("standardErrors").get(names[j]).asDouble();
            assertEquals(truth[j], estimate, 0.02 * truth[j], names[j]);
            assertTrue(Math.abs(estimate - truth[j]) < 3 * error, names[j] + " within 3 standard errors");
        }
        assertTrue(json.get("converged").asBoolean());
        assertTrue(json.get("iterations").asInt() > 0);
        assertTrue(json.get("gradientEvaluations").asInt() > 0);
        assertTrue(json.has("objective"));
        byte[] header = Files.readAllBytes(png);
        assertTrue(header.length > 10_000 && header[1] == 'P' && header[2] == 'N' && header[3] == 'G', "a PNG");
    }

    /**
     * The first wave called this run converged with standard errors null: L-BFGS from
     * (1, 0.7, 2, 0.7) drives c to 1.6e-15 and stalls at J = 65.7.
     */
    @Test
    void aFitThatDrivesAParameterToZeroIsNotConverged() throws Exception {
        CommandLineRun run = CommandLineRun.of("fit", "lotka-volterra", "--data", data().toString(), "--optimizer",
                "lbfgs", "--initial", "a=1,b=0.7,c=2,d=0.7", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals(65.7, json.get("objective").asDouble(), 0.1);
        assertFalse(json.get("converged").asBoolean(), run.out());
        assertTrue(json.get("standardErrors").get("c").isNull());
        String warnings = json.get("warnings").toString();
        assertTrue(warnings.contains("c = ") && warnings.contains("went to 0"), warnings);
        assertTrue(warnings.contains("not identifiable from these data: c"), warnings);
    }

    @Test
    void aModelFileAndASubsetOfParameters() throws Exception {
        Path model = Files.exists(Path.of("models/lotka-volterra.json")) ? Path.of("models/lotka-volterra.json")
                : Path.of("../examples/models/lotka-volterra.json");
        CommandLineRun run = CommandLineRun.of("fit", "--model", model.toString(), "--data", data().toString(), "--fit",
                "b,d", "--initial", "b=0.8,d=1.2", "--optimizer", "lbfgs", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals(2, json.get("parameters").size());
        assertEquals(1.0, json.get("parameters").get("b").asDouble(), 0.02);
        assertEquals(1.0, json.get("parameters").get("d").asDouble(), 0.02);
        assertEquals("l-bfgs, adjoint gradients", json.get("optimizer").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown column|t,x,z;0.5,1,2|:1, column 3: 'z' is not a state of the model (x, y)",
        "missing cell|t,x,y;0.5,1,2;1.0,3|:3: 2 cells, the header has 3 (t,x,y)",
        "not a number|t,x,y;0.5,1,2;1.0,3,abc|:3, column y: 'abc' is not a number",
        "unsorted times|t,x,y;0.5,1,2;1.5,1,2;1.0,3,4|:4: t=1.0 is not after t=1.5 on line 3 (times must increase strictly)",
        "no time column|x,y;1,2|:1: the first column must be t, got 'x'",
        "outside the span|t,x,y;11,1,2|:2: t=11 is outside the model's time span [0.0, 10.0]",
    })
    void aBadCsvExitsTwoPointingAtTheLine(String what, String content, String message, @TempDir Path dir)
            throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, content.replace(';', '\n') + "\n");
        CommandLineRun run = CommandLineRun.of("fit", "lotka-volterra", "--data", csv.toString());
        assertEquals(2, run.exitCode(), what + ": " + run.err());
        assertEquals("fit: " + csv + message, run.err().strip(), what);
    }

    @Test
    void aBadModelFileExitsTwoPointingAtThePosition(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("bad.json");
        Files.writeString(model, "{\"name\":\"m\",\"states\":{\"x\":1},\"parameters\":{\"k\":1},"
                + "\"rhs\":{\"x\":\"-k*q\"},\"time\":[0,1],\"objective\":{\"terminal\":\"x^2\"}}");
        CommandLineRun run = CommandLineRun.of("fit", "--model", model.toString(), "--data", data().toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("unknown name 'q'"), run.err());
    }
}
