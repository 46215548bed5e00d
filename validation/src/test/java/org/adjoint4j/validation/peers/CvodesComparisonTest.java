package org.adjoint4j.validation.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.ConvergenceStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison's arithmetic, end to end through real processes: stand-in "CVODES" programs
 * print the JSON the real ones print, with gradients of our SDIRK2 at CVODES's tolerances and
 * times of a known law, so every error and ratio the comparison reports can be recomputed here.
 */
class CvodesComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] THEIR_RTOLS = {1e-4, 1e-5, 1e-6, 1e-7, 1e-8};

    @TempDir
    Path bin;

    private static double theirSeconds(double rtol) {
        return 1e-3 * Math.pow(1e-4 / rtol, 0.3);
    }

    /** Writes the three programs: heat prints the prepared object of its tolerance, the others fail. */
    private void standIns(GradientProblem heat) throws IOException {
        for (double rtol : THEIR_RTOLS) {
            GradientResult r = GradientSolver.solve(heat, GradientOptions.defaults()
                    .withMethod(RungeKuttaMethods.SDIRK2).withTolerances(rtol, rtol * 1e-3));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("problem", "heat");
            m.put("n", 20);
            m.put("rtol", rtol);
            m.put("atol", rtol * 1e-3);
            m.put("backward", "same");
            m.put("rtolB", rtol);
            m.put("atolB", rtol * 1e-3);
            m.put("J", r.value());
            m.put("dJdp", r.parameterGradient());
            m.put("dJdy0", r.initialStateGradient());
            m.put("seconds", theirSeconds(rtol));
            m.put("inner", 1);
            m.put("warmup", 0);
            m.put("warmupSeconds", 0.0);
            m.put("times", new double[] {theirSeconds(rtol)});
            for (String k : new String[] {"forwardSteps", "backwardSteps", "forwardRhs", "backwardRhs",
                "forwardJacobians", "backwardJacobians", "forwardSetups", "backwardSetups", "forwardNewton",
                "backwardNewton", "checkpoints"}) {
                m.put(k, 7);
            }
            Files.writeString(bin.resolve("heat-" + rtol + ".json"), JSON.writeValueAsString(m));
        }
        script("heat", "exec cat \"$(dirname \"$0\")/heat-$2.json\"");
        script("robertson", "echo robertson is not in this test >&2; exit 1");
        script("lorenz96", "echo lorenz96 is not in this test >&2; exit 1");
    }

    private void script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void everyRatioIsOurTimeOverTheirsAtOurError() throws IOException {
        GradientProblem heat = Heat.problem(20);
        standIns(heat);
        double[] ours = {1e-5, 1e-6, 1e-7, 1e-9};
        CvodesComparison.Case c = new CvodesComparison.Case("heat", 20, heat, RungeKuttaMethods.ESDIRK4,
                RungeKuttaMethods.ESDIRK4, 1e-11, 1e-14, ours, THEIR_RTOLS, 1e-3, false);
        List<String> progress = new ArrayList<>();
        CvodesComparison.Report report = CvodesComparison.run(CvodesPrograms.in(bin), List.of(c),
                new CvodesComparison.Settings(3, 2, 1, 0.0, 1e-3), progress::add);
        assertTrue(progress.contains("repetition 3/3, heat n=20: cvodes, backward tolerances scaled"),
                progress.toString());

        GradientResult reference = GradientSolver.solve(heat, GradientOptions.defaults()
                .withMethod(RungeKuttaMethods.ESDIRK4).withTolerances(1e-11, 1e-14));
        assertEquals(3, report.curves().size(), "ours, and CVODES with both backward settings");
        CvodesComparison.Curve mine = report.curves().get(0);
        CvodesComparison.Curve theirs = report.curves().get(1);
        assertEquals("adjoint4j esdirk4", mine.solver());
        assertEquals("same", theirs.backward());
        for (int j = 0; j < THEIR_RTOLS.length; j++) {
            assertEquals(theirSeconds(THEIR_RTOLS[j]), theirs.points().get(j).seconds(), 0.0);
        }
        int matched = 0;
        for (int j = 0; j < ours.length; j++) {
            GradientResult r = GradientSolver.solve(heat, GradientOptions.defaults()
                    .withMethod(RungeKuttaMethods.ESDIRK4).withTolerances(ours[j], ours[j] * 1e-3));
            double error = Math.max(ConvergenceStudy.relativeError(r.parameterGradient(), reference.parameterGradient()),
                    ConvergenceStudy.relativeError(r.initialStateGradient(), reference.initialStateGradient()));
            WorkPoint p = mine.points().get(j);
            assertEquals(error, p.error(), 0.0, "our error, recomputed");
            assertEquals(r.grid().steps(), p.forwardSteps());
            double at = WorkPoint.secondsAt(theirs.points(), error);
            List<CvodesComparison.MatchedRatio> rows = report.comparisons().stream()
                    .filter(m -> m.rtol() == p.rtol() && m.backward().equals("same")).toList();
            if (Double.isNaN(at)) {
                assertTrue(rows.isEmpty(), "no ratio outside CVODES's errors: " + rows);
                continue;
            }
            matched++;
            CvodesComparison.MatchedRatio m = rows.get(0);
            double[] ratios = m.ratios();
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            assertEquals(sorted[1], m.ratio(), 0.0, "the median of 3");
            assertEquals(sorted[2] / sorted[0], m.spread(), 1e-15 * m.spread());
            // the curve's time is the median over the repetitions, so its ratio is the median ratio
            assertEquals(p.seconds() / at, m.ratio(), 1e-12 * m.ratio());
            assertTrue(p.gradientsPerUnit() >= 1);
        }
        assertTrue(matched >= 2, "SDIRK2's curve brackets at least two of ESDIRK4's errors: " + report.comparisons());
        assertFalse(ours.length == matched, "the tightest of ours lies beyond SDIRK2's errors: " + report.comparisons());
    }

    @Test
    void aFailingProgramIsReportedWithItsCommandAndMessage() throws IOException {
        standIns(Heat.problem(20));
        CvodesPrograms programs = CvodesPrograms.in(bin);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> programs.run("robertson", 3, 1e-6, 1e-10, "same", 1, 0.0, 1, 0.01));
        assertTrue(e.getMessage().contains("robertson is not in this test") && e.getMessage().contains("exit 1"),
                e.getMessage());
    }

    @Test
    void missingProgramsNameTheDirectoryAndTheBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CvodesPrograms.in(bin.resolve("nowhere")));
        assertTrue(e.getMessage().contains("nowhere") && e.getMessage().contains("peers/cvodes/build.sh"),
                e.getMessage());
    }

    @Test
    void unknownAndMissingKeysAreErrors() throws IOException {
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> CvodesPrograms.parse(JSON.readTree("{\"problem\": \"heat\", \"colour\": 1}"), "a test"));
        assertTrue(unknown.getMessage().contains("'colour'"), unknown.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> CvodesPrograms.parse(JSON.readTree("{\"problem\": \"heat\"}"), "a test"));
        assertTrue(missing.getMessage().contains("missing") && missing.getMessage().contains("a test"),
                missing.getMessage());
    }
}
