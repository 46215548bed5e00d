package org.adjoint4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.adjoint4j.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with {@code --engine spark --master local[2]} gives the bits of
 * {@code --engine sequential}: 200 Lotka–Volterra ensemble gradients, a PEtab problem's gradient
 * (also on 1, 2 and 7 threads), and multistart fits (PEtab and model file) whose starts run as
 * Spark tasks. Each run starts and stops its own
 * Spark context, as the command does.
 */
class SparkCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode json(String... args) throws Exception {
        Run r = run(args);
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out());
    }

    private static String[] with(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void twoHundredEnsembleGradientsAreTheSequentialBits() throws Exception {
        // The README's 200 samples (a, b, c, d within 5% of the reference values).
        Path samples = Path.of("../examples/data/lotka-volterra-samples.csv");
        String[] args = {"gradient", "lotka-volterra", "--ensemble", samples.toString(), "--format", "json"};
        JsonNode sequential = json(with(args, "--engine", "sequential"));
        JsonNode spark = json(with(args, "--engine", "spark", "--master", "local[2]"));
        assertEquals(200, spark.get("results").size());
        // The same digits are the same bits (Jackson writes the shortest exact form of a double).
        assertEquals(sequential.get("results").toString(), spark.get("results").toString());
        assertEquals(sequential.get("sumdJdp").toString(), spark.get("sumdJdp").toString());
        assertEquals(sequential.get("sumJ").toString(), spark.get("sumJ").toString());
        assertTrue(spark.get("engine").asText().startsWith("spark (local[2]"), spark.get("engine").asText());
    }

    @Test
    void aPetabGradientIsTheSameBitsOnEveryEngine() throws Exception {
        String[] args = {"gradient", "--petab", "../examples/petab/Bruno_JExpBot2016", "--format", "json"};
        JsonNode sequential = json(with(args, "--engine", "sequential"));
        String[][] engines = {{"--threads", "1"}, {"--threads", "2"}, {"--threads", "7"},
            {"--engine", "spark", "--master", "local[2]"}};
        for (String[] engine : engines) {
            JsonNode other = json(with(args, engine));
            String where = String.join(" ", engine);
            assertEquals(sequential.get("J").toString(), other.get("J").toString(), where);
            assertEquals(sequential.get("dJdx").toString(), other.get("dJdx").toString(), where);
            assertEquals(sequential.get("conditions").toString(), other.get("conditions").toString(), where);
        }
    }

    @Test
    void multistartFitStartsRunAsSparkTasks() throws Exception {
        String[] args = {"fit", "--petab", "../examples/petab/Boehm_JProteomeRes2014", "--starts", "4", "--seed", "3",
            "--format", "json"};
        JsonNode sequential = json(with(args, "--engine", "sequential"));
        JsonNode spark = json(with(args, "--engine", "spark", "--master", "local[2]"));
        for (String key : new String[] {"objective", "x", "starts", "standardErrors"}) {
            assertTrue(sequential.has(key), key + " in " + sequential);
            assertEquals(sequential.get(key).toString(), spark.get(key).toString(), key);
        }
    }

    @Test
    void modelFileFitStartsRunAsSparkTasks() throws Exception {
        // The command line and its files travel; each executor rebuilds the estimation once.
        String[] args = {"fit", "--model", "../examples/models/sir.json", "--data", "../examples/data/sir-town-a.csv",
            "--fit", "beta,gamma,y0.I", "--starts", "6", "--seed", "3", "--format", "json"};
        JsonNode sequential = json(with(args, "--engine", "sequential"));
        JsonNode spark = json(with(args, "--engine", "spark", "--master", "local[2]"));
        assertEquals(sequential.toString(), spark.toString());
        assertEquals(6, spark.get("starts").size());
    }

    @Test
    void aMasterSparkCannotUseIsRefusedByName(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("samples.csv");
        Files.writeString(samples, "a\n1.5\n");
        Run r = run("gradient", "lotka-volterra", "--ensemble", samples.toString(), "--engine", "spark", "--master",
                " ");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--master"), r.err());
    }
}
