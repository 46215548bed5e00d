package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradient --petab}, {@code fit --petab} and {@code simulate --petab} as ../shared/CLI.md states them. */
class PetabCommandTest {

    static final String BOEHM = "../examples/petab/Boehm_JProteomeRes2014";
    static final String BRUNO = "../examples/petab/Bruno_JExpBot2016/Bruno_JExpBot2016.yaml";

    /** AMICI's recorded log-likelihoods (tests/benchmark_models/benchmark_models.yaml) and its check. */
    static boolean amiciClose(double nllh, double amiciLlh) {
        return Math.abs(-nllh - amiciLlh) <= 1e-3 + 1e-3 * Math.abs(amiciLlh);
    }

    @Test
    void theNominalNllhMatchesTheReferences() throws Exception {
        for (String[] c : new String[][] {{BOEHM, "138.2219977", "-138.22199693517703"},
            {BRUNO, "-46.6881814", "46.688176988431806"}}) {
            CommandLineRun run = CommandLineRun.of("gradient", "--petab", c[0], "--rtol", "1e-10", "--atol", "1e-12",
                    "--format", "json");
            assertEquals(0, run.exitCode(), run.err());
            JsonNode json = Json.MAPPER.readTree(run.out());
            double nllh = json.get("J").asDouble();
            double converged = Double.parseDouble(c[1]);
            assertEquals(converged, nllh, 1e-6 * Math.abs(converged), c[0]);
            assertTrue(amiciClose(nllh, Double.parseDouble(c[2])), c[0] + ": " + nllh);
            assertEquals(json.get("parameters").size(), json.get("dJdx").size());
            assertEquals(json.get("parameters").size(), json.get("x").size());
        }
    }

    static final String LIU = "../examples/petab/Liu_IFACPapersOnLine2025_individual";

    @Test
    void aProblemWithAnEventRunsThroughTheHybridAdjoint(@TempDir Path dir) throws Exception {
        CommandLineRun run = CommandLineRun.of("gradient", "--petab", LIU, "--rtol", "1e-10", "--atol", "1e-12",
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        // scipy's Radau with the event (peers/scipy/liu_reference.py)
        assertEquals(689.482497908, Json.MAPPER.readTree(run.out()).get("J").asDouble(), 2e-9 * 689.5);
        Path at = dir.resolve("at.tsv");
        Files.writeString(at, "parameterId\tvalue\npsi\t-7\n");
        run = CommandLineRun.of("simulate", "--petab", LIU, "--at", at.toString(), "--rtol", "1e-10", "--atol",
                "1e-16", "--format", "csv");
        assertEquals(0, run.exitCode(), run.err());
        String[] rows = run.out().strip().split("\n");
        CommandLineRun gradient = CommandLineRun.of("gradient", "--petab", LIU, "--at", at.toString(), "--rtol",
                "1e-10", "--atol", "1e-16", "--format", "json");
        JsonNode conditions = Json.MAPPER.readTree(gradient.out()).get("conditions");
        assertEquals("vvDD_1", conditions.get(0).get("id").asText());
        JsonNode fired = conditions.get(0).get("events");
        assertEquals(1, fired.size(), gradient.out());
        assertEquals("_E0", fired.get(0).get("event").asText());
        assertEquals("falling", fired.get(0).get("direction").asText());
        assertEquals(0.261581761863, fired.get(0).get("time").asDouble(), 1e-9);
        assertEquals(0, conditions.get(10).get("events").size(), "ctrl_1 has no virus: nothing clears U");
        assertEquals(1 + 100, rows.length);
        // vvDD_1 after its event at t = 0.26 (U = 0 from there), against scipy's run through the event
        double[] scipy = {293.872573046, 580.634276352, 439.67540333, 216.341368374, 88.1213126795};
        for (int k = 0; k < 5; k++) {
            String[] f = rows[1 + k].split(",");
            assertEquals("vvDD_1", f[0]);
            assertEquals(k, Double.parseDouble(f[2]), 0.0);
            assertEquals(scipy[k], Double.parseDouble(f[4]), 1e-8 * scipy[k], rows[1 + k]);
        }
        run = CommandLineRun.of("fit", "--petab", LIU, "--starts", "1", "--optimizer", "newton");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("Hessian-vector products through events are not supported"), run.err());
    }

    @Test
    void atGivesThePoint(@TempDir Path dir) throws Exception {
        Path at = dir.resolve("at.tsv");
        Files.writeString(at, "parameterId\tvalue\nkb1\t-1.7\n");
        JsonNode json = Json.MAPPER.readTree(CommandLineRun.of("gradient", "--petab", BRUNO, "--at", at.toString(),
                "--format", "json").out());
        assertEquals(-1.7, json.get("x").get(7).asDouble(), 0.0);
        assertTrue(json.get("J").asDouble() > -46.6881814 + 1.0, "moving kb1 off the optimum raises the nllh");
        Files.writeString(at, "parameterId\tvalue\nnope\t1\n");
        CommandLineRun bad = CommandLineRun.of("gradient", "--petab", BRUNO, "--at", at.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("'nope\t1' is not an estimated parameter"), bad.err());
    }

    @Test
    void simulateWritesEveryMeasurementAndAPlot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("bruno.png");
        CommandLineRun run = CommandLineRun.of("simulate", "--petab", BRUNO, "--format", "csv", "--plot",
                png.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1 + 77, run.out().strip().split("\n").length);
        assertTrue(Files.size(png) > 20_000, "a plot of six conditions in six panels");
    }

    @Test
    void fitReportsStartsAndStandardErrors() throws Exception {
        CommandLineRun run = CommandLineRun.of("fit", "--petab", BOEHM, "--starts", "2", "--seed", "3", "--format",
                "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals(2, json.get("starts").size());
        assertEquals(9, json.get("x").size());
        assertEquals(9, json.get("standardErrors").size());
        double best = json.get("objective").asDouble();
        for (JsonNode s : json.get("starts")) {
            assertTrue(s.get("objective").asDouble() >= best);
        }
        double kphos = json.get("x").get("k_phos").asDouble();
        assertEquals(Math.pow(10, kphos), json.get("parameters").get("k_phos").asDouble(), 1e-9 * Math.pow(10, kphos));
    }

    @Test
    void profilesOfPetabParameters(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("profile.png");
        CommandLineRun run = CommandLineRun.of("fit", "--petab", BRUNO, "--starts", "1", "--profile", "kb1",
                "--profile-points", "2", "--profile-plot", prefix.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode profile = Json.MAPPER.readTree(run.out()).get("profiles").get("kb1");
        assertEquals(5, profile.get("values").size());
        assertEquals(Json.MAPPER.readTree(run.out()).get("objective").asDouble() + 1.920729410347062,
                profile.get("threshold").asDouble(), 1e-9);
        assertTrue(Files.size(dir.resolve("profile-kb1.png")) > 10_000);
        CommandLineRun bad = CommandLineRun.of("fit", "--petab", BRUNO, "--profile", "nope");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("'nope' is not an estimated parameter"), bad.err());
    }

    @Test
    void newtonIsAnOptimizer() throws Exception {
        CommandLineRun run = CommandLineRun.of("fit", "--petab", BRUNO, "--starts", "1", "--optimizer", "newton",
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals("newton", json.get("optimizer").asText());
        // from this start the tangent run's implicit stages fail on the way (a known limit of the
        // second-order runs), and the start says that it went on with L-BFGS
        assertTrue(json.get("starts").get(0).get("reason").asText().startsWith("Newton-CG failed"), run.out());
        assertTrue(Double.isFinite(json.get("objective").asDouble()), run.out());
    }

    @Test
    void optionsThatDoNotApplyAreRefused() {
        String[][] cases = {{"fit", "--petab", BRUNO, "--hessian"}, {"fit", "lotka-volterra", "--sampling", "uniform",
            "--data", "../examples/data/lotka-volterra.csv"}, {"gradient", "lotka-volterra", "--threads", "2"},
            {"simulate", "lotka-volterra", "--at", "x.tsv"}, {"gradient", "lotka-volterra", "--petab", BRUNO}};
        String[] messages = {"--hessian does not apply to --petab", "--sampling applies to --petab problems",
            "--threads applies to independent solves", "--at applies to --petab problems",
            "give either a PROBLEM, --model FILE or --petab"};
        for (int k = 0; k < cases.length; k++) {
            CommandLineRun run = CommandLineRun.of(cases[k]);
            assertEquals(2, run.exitCode(), String.join(" ", cases[k]));
            assertTrue(run.err().contains(messages[k]), run.err());
        }
    }

    @Test
    void leastSquaresIsRefusedWhereSigmasAreEstimated() {
        CommandLineRun run = CommandLineRun.of("fit", "--petab", BOEHM, "--optimizer", "lm");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is not a sum of squares"), run.err());
    }

    /** A copy of Bruno with one file changed. */
    static Path variant(Path dir, String file, String from, String to) throws IOException {
        Path source = Path.of("../examples/petab/Bruno_JExpBot2016");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path changed = dir.resolve(file);
        String text = Files.readString(changed);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(changed, text.replace(from, to));
        return dir.resolve("Bruno_JExpBot2016.yaml");
    }

    /** Bruno with one event: at t > 5 (after {@code extra}, e.g. a delay), {@code variable} = 2. */
    static Path withEvent(Path dir, String id, String variable, String extra) throws IOException {
        return variant(dir, "model_Bruno_JExpBot2016.xml", "    </listOfReactions>\n",
                "    </listOfReactions>\n    <listOfEvents>\n      <event id=\"" + id + "\">\n        <trigger>\n"
                        + "          <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><apply><gt/><csymbol "
                        + "encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/time\"> t </csymbol>"
                        + "<cn> 5 </cn></apply></math>\n        </trigger>\n" + extra
                        + "        <listOfEventAssignments>\n"
                        + "          <eventAssignment variable=\"" + variable + "\"><math xmlns=\"http://www.w3.org/"
                        + "1998/Math/MathML\"><cn> 2 </cn></math></eventAssignment>\n        "
                        + "</listOfEventAssignments>\n      </event>\n    </listOfEvents>\n");
    }

    @Test
    void autoFitsASumOfSquaresWithEventsByLbfgs(@TempDir Path dir) throws Exception {
        // Bruno is a sum of squares (Levenberg-Marquardt by default); with an event it is not
        // fitted on forward sensitivities, which do not go through events.
        Path events = withEvent(dir.resolve("events"), "dose", "b10", "");
        CommandLineRun run = CommandLineRun.of("fit", "--petab", events.toString(), "--starts", "1", "--format",
                "json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("lbfgs", Json.MAPPER.readTree(run.out()).get("optimizer").asText(), run.out());
        run = CommandLineRun.of("fit", "--petab", BRUNO, "--starts", "1", "--format", "json");
        assertEquals("lm", Json.MAPPER.readTree(run.out()).get("optimizer").asText(), run.out());
    }

    @Test
    void unsupportedFeaturesAreRefusedByName(@TempDir Path dir) throws Exception {
        Path events = withEvent(dir.resolve("events"), "dose", "kb1_multiplier", "");
        CommandLineRun run = CommandLineRun.of("gradient", "--petab", events.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("event 'dose' assigns 'kb1_multiplier', which is constant"), run.err());
        Path delayed = withEvent(dir.resolve("delayed"), "late", "b10",
                "        <delay><math xmlns=\"http://www.w3.org/"
                + "1998/Math/MathML\"><cn> 1 </cn></math></delay>\n");
        run = CommandLineRun.of("gradient", "--petab", delayed.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("event delays are not supported (event 'late')"), run.err());

        Path pre = variant(dir.resolve("pre"), "measurementData_Bruno_JExpBot2016.tsv", "ob10\t\tmodel1_data1",
                "ob10\tmodel1_data2\tmodel1_data1");
        run = CommandLineRun.of("gradient", "--petab", pre.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("pre-equilibration is not supported"), run.err());

        Path key = variant(dir.resolve("key"), "Bruno_JExpBot2016.yaml", "format_version: 1",
                "format_version: 1\nextra_key: 3");
        run = CommandLineRun.of("gradient", "--petab", key.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown key 'extra_key'"), run.err());

        Path column = variant(dir.resolve("column"), "measurementData_Bruno_JExpBot2016.tsv", "datasetId",
                "annotation");
        run = CommandLineRun.of("gradient", "--petab", column.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("column 'annotation' is not a PEtab v1 column of this table and is ignored"),
                run.err());

        run = CommandLineRun.of("gradient", "--petab", dir.resolve("missing").toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().split("\n").length, run.err());
    }
}
