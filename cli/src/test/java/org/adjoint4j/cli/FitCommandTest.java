package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    static final String SIR = Path.of("..", "examples", "models", "sir.json").toString();
    static final String TOWN_A = Path.of("..", "examples", "data", "sir-town-a.csv").toString();
    static final String TOWN_B = Path.of("..", "examples", "data", "sir-town-b.csv").toString();

    @Test
    void theTutorialFitOfTwoTownsWithSigmasAndItsOutputs(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("fit.png");
        Path csv = dir.resolve("fitted.csv");
        CommandLineRun run = CommandLineRun.of("fit", "--model", SIR, "--data", TOWN_A, "--data", TOWN_B + "@town-b",
                "--fit", "beta,gamma", "--plot", png.toString(), "--trajectories", csv.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        // the file's condition "town-b" is the override y0.I = 40
        CommandLineRun explicit = CommandLineRun.of("fit", "--model", SIR, "--data", TOWN_A, "--data",
                TOWN_B + "@y0.I=40", "--fit", "beta,gamma", "--format", "json");
        assertEquals(json.get("objective").asDouble(), Json.MAPPER.readTree(explicit.out()).get("objective").asDouble(),
                0.0);
        assertEquals("negative log-likelihood", json.get("objectiveKind").asText());
        assertTrue(json.get("converged").asBoolean(), run.out());
        for (String[] truth : new String[][] {{"beta", "0.35"}, {"gamma", "0.12"}}) {
            double z = Math.abs(json.get("parameters").get(truth[0]).asDouble() - Double.parseDouble(truth[1]))
                    / json.get("standardErrors").get(truth[0]).asDouble();
            assertTrue(z < 3, truth[0] + ": " + z);
            JsonNode ci = json.get("confidenceIntervals95").get(truth[0]);
            assertTrue(ci.get(0).asDouble() < Double.parseDouble(truth[1]) && Double.parseDouble(truth[1])
                    < ci.get(1).asDouble(), truth[0] + " " + ci);
        }
        assertEquals(2, json.get("correlation").size());
        assertEquals(60, json.get("residualValues").size());
        assertTrue(Files.size(png) > 10_000);
        // the README's figure is this command's plot
        java.awt.image.BufferedImage written = javax.imageio.ImageIO.read(png.toFile());
        java.awt.image.BufferedImage readme = javax.imageio.ImageIO.read(Path.of("..", "docs", "sir-fit.png").toFile());
        assertEquals(readme.getWidth(), written.getWidth());
        assertEquals(readme.getHeight(), written.getHeight());
        assertEquals(0.35108333, json.get("parameters").get("beta").asDouble(), 1e-6, "the README's table");
        assertEquals(0.12187406, json.get("parameters").get("gamma").asDouble(), 1e-6, "the README's table");
        assertEquals(196.476, json.get("objective").asDouble(), 1e-3, "the README's table");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("experiment,t,S,I,R,cases", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(TOWN_B + ",0.0,9990.0,40.0,")), lines.get(500));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a quantity twice|--fit;beta,beta|fit: fitted quantity 'beta' is given twice",
        "a JPEG plot|--plot;out.jpg|fit: --plot out.jpg: plots are written as PNG, SVG or PDF; give a name ending in .png, .svg or .pdf",
        "a missing directory|--plot;/nonexistent/fit.png|fit: --plot /nonexistent/fit.png: the directory /nonexistent does not exist",
        "bad bounds|--bounds;beta=0.5|fit: --bounds beta=0.5: expected NAME=LO:HI, e.g. --bounds beta=0:0.3",
        "a bad noise|--noise;cases=poisson|fit: --noise cases=poisson: the noise must be normal or lognormal, got 'poisson'",
        "no starts|--starts;0|fit: --starts must be >= 1, got 0",
        "an unknown condition|--data;x.csv@town-c|fit: --data x.csv@town-c: model file sir has no condition 'town-c' (known: town-a, town-b)",
        "a bad prior|--prior;beta=uniform:1|fit: --prior beta=uniform:1: expected NAME=normal:MEAN,SD or NAME=uniform:LO,HI, e.g. --prior beta=normal:0.5,0.1",
        "a start off the file's bounds|--initial;beta=3|fit: starting value beta=3.0 is outside its bounds [0.01, 2.0]",
    })
    void badFitRequestsExitTwoBeforeAnyWork(String what, String option, String message) {
        String[] o = option.split(";");
        CommandLineRun run = CommandLineRun.of("fit", "--model", SIR, "--data", TOWN_A, o[0], o[1]);
        assertEquals(2, run.exitCode(), what + ": " + run.err());
        assertEquals(message, run.err().strip(), what);
    }

    /** Exact-Hessian standard errors and profile likelihoods, in the JSON and as plots. */
    @Test
    void hessianAndProfiles(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("profile.svg");
        CommandLineRun run = CommandLineRun.of("fit", "--model", SIR, "--data", TOWN_A, "--fit", "beta,gamma,y0.I",
                "--hessian", "--profile", "beta,y0.I", "--profile-points", "5", "--profile-plot", prefix.toString(),
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        for (String name : new String[] {"beta", "gamma", "y0.I"}) {
            double ratio = json.get("hessianStandardErrors").get(name).asDouble()
                    / json.get("standardErrors").get(name).asDouble();
            assertTrue(ratio > 0.8 && ratio < 1.25, name + " " + ratio);
        }
        assertEquals(3, json.get("hessian").size());
        for (String name : new String[] {"beta", "y0.I"}) {
            JsonNode p = json.get("profiles").get(name);
            assertEquals(11, p.get("values").size());
            assertEquals(json.get("objective").asDouble() + 1.9207294103470620, p.get("threshold").asDouble(), 1e-9);
            JsonNode wald = json.get("confidenceIntervals95").get(name);
            double width = wald.get(1).asDouble() - wald.get(0).asDouble();
            assertEquals(wald.get(0).asDouble(), p.get("interval95").get(0).asDouble(), 0.1 * width, name);
            assertEquals(wald.get(1).asDouble(), p.get("interval95").get(1).asDouble(), 0.1 * width, name);
            assertTrue(Files.readString(dir.resolve("profile-" + name + ".svg")).contains("95% threshold"));
        }
        // least squares without sigmas: the threshold scales with the residual variance, and the
        // profile interval of Lotka-Volterra's a is again close to Wald's
        JsonNode ls = Json.MAPPER.readTree(CommandLineRun.of("fit", "lotka-volterra", "--data", data().toString(),
                "--initial", "a=1.2,b=0.85,c=2.5,d=0.85", "--profile", "a", "--format", "json").out());
        JsonNode wald = ls.get("confidenceIntervals95").get("a");
        double width = wald.get(1).asDouble() - wald.get(0).asDouble();
        assertEquals(wald.get(0).asDouble(), ls.get("profiles").get("a").get("interval95").get(0).asDouble(),
                0.1 * width);
        assertEquals(wald.get(1).asDouble(), ls.get("profiles").get("a").get("interval95").get(1).asDouble(),
                0.1 * width);
        CommandLineRun bad = CommandLineRun.of("fit", "--model", SIR, "--data", TOWN_A, "--fit", "beta,gamma",
                "--profile", "q");
        assertEquals(2, bad.exitCode());
        assertEquals("fit: profile q: not a fitted quantity (beta, gamma)", bad.err().strip());
        bad = CommandLineRun.of("fit", "--model", SIR, "--data", TOWN_A, "--profile-plot", "p.png");
        assertEquals("fit: --profile-plot needs --profile NAME,...", bad.err().strip());
    }

    /** Bounds, scale, priors and noise written in the model file, and overridden on the command line. */
    @Test
    void specificationsInTheModelFile(@TempDir Path dir) throws Exception {
        String sir = Files.readString(Path.of(SIR));
        Path model = dir.resolve("sir-prior.json");
        Files.writeString(model, sir.replace("\"gamma\": {\"value\": 0.1, \"bounds\": [0.01, 1]}",
                "\"gamma\": {\"value\": 0.1, \"scale\": \"lin\", \"prior\": {\"normal\": [0.2, 0.0001]}}")
                .replace("\"beta\":  {\"value\": 0.3, \"bounds\": [0.01, 2]}", "\"beta\": {\"value\": 0.3, "
                        + "\"bounds\": [0.01, 0.31]}"));
        CommandLineRun run = CommandLineRun.of("fit", "--model", model.toString(), "--data", TOWN_A, "--fit",
                "beta,gamma", "--optimizer", "lbfgs", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        // the tight prior holds gamma at 0.2 (truth 0.12), beta ends on the file's bound 0.31 (its
        // estimate is 0.347 without them), and the result says so
        assertEquals(0.2, json.get("parameters").get("gamma").asDouble(), 1e-3);
        assertEquals(0.31, json.get("parameters").get("beta").asDouble(), 1e-9);
        assertTrue(json.get("warnings").toString().contains("beta = 0.31 ended on its upper bound"), run.out());
        // the command line overrides the file
        CommandLineRun wider = CommandLineRun.of("fit", "--model", model.toString(), "--data", TOWN_A, "--fit",
                "beta,gamma", "--optimizer", "lbfgs", "--bounds", "beta=0.01:2", "--prior", "gamma=normal:0.12,1",
                "--format", "json");
        assertEquals(0, wider.exitCode(), wider.err());
        JsonNode free = Json.MAPPER.readTree(wider.out());
        assertEquals(0.347, free.get("parameters").get("beta").asDouble(), 0.005);
        assertEquals(0.116, free.get("parameters").get("gamma").asDouble(), 0.005);
    }

    @Test
    void aModelThatBlowsUpAtTheStartExitsOneSayingWhere(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("blow.json");
        Files.writeString(model, "{\"name\": \"blow\", \"states\": {\"y\": 1}, \"parameters\": {\"k\": 1},"
                + "\"rhs\": {\"y\": \"k*y^2\"}, \"time\": [0, 2]}");
        Path csv = dir.resolve("blow.csv");
        Files.writeString(csv, "t,y\n0.5,2\n1.5,3\n");
        CommandLineRun run = CommandLineRun.of("fit", "--model", model.toString(), "--data", csv.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("fit: failed: the model cannot be integrated at the starting values"),
                run.err());
    }
}
