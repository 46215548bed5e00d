package org.adjoint4j.validation.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CVODES programs of {@code peers/cvodes}, compiled here when SUNDIALS's headers and gcc
 * are on the machine ({@code peers/cvodes/build.sh} installs them; skipped otherwise): their
 * gradients agree with ours to within the error they report in the comparison, and the harness
 * options do what they say.
 */
class CvodesPeerTest {

    @TempDir
    static Path bin;

    private static CvodesPrograms programs;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/include/cvodes/cvodes.h")),
                "SUNDIALS's headers are not installed (peers/cvodes/build.sh installs them)");
        Path sources = Path.of("..", "peers", "cvodes").toAbsolutePath().normalize();
        for (String p : new String[] {"robertson", "heat", "lorenz96"}) {
            List<String> gcc = new ArrayList<>(List.of("gcc", "-O2", "-o", bin.resolve(p).toString(),
                    sources.resolve(p + ".c").toString()));
            for (String lib : new String[] {"sundials_cvodes", "sundials_nvecserial", "sundials_sunmatrixdense",
                "sundials_sunlinsoldense", "sundials_sunmatrixband", "sundials_sunlinsolband",
                "sundials_sunnonlinsolfixedpoint", "sundials_sunnonlinsolnewton", "m"}) {
                gcc.add("-l" + lib);
            }
            Process process = new ProcessBuilder(gcc).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            Assumptions.assumeTrue(process.waitFor() == 0, "gcc could not build " + p + ": " + out);
        }
        programs = CvodesPrograms.in(bin);
    }

    private static GradientResult ours(GradientProblem problem, double rtol, double atol) {
        return GradientSolver.solve(problem, GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
                .withTolerances(rtol, atol));
    }

    @Test
    void robertsonAgreesWithOursToCvodesError() {
        CvodesRun run = programs.run("robertson", 3, 1e-8, 1e-12, "same", 1, 0.02, 3, 0.005);
        GradientResult reference = ours(Robertson.problem(), 1e-12, 1e-14);
        // the comparison measures 5.9e-7 for CVODES at these tolerances
        double error = CvodesComparison.error(run.parameterGradient(), run.initialStateGradient(), reference, false);
        assertTrue(error < 2e-6, "CVODES's Robertson gradient against ours: " + error);
        assertEquals(reference.value(), run.value(), 1e-6 * Math.abs(reference.value()));
        assertEquals(3, run.unitSeconds().length, "--repeat 3");
        assertTrue(run.inner() >= 1 && run.seconds() > 0 && run.forwardSteps() > 0 && run.backwardSteps() > 0
                && run.jacobians() > 0 && run.linearSetups() > 0 && run.newtonIterations() > 0, run.toString());
        assertEquals(sortedMedian(run.unitSeconds()) / run.inner(), run.seconds(), 1e-8, "the median unit over inner");
    }

    @Test
    void heatAgreesAndBackwardSettingsDiffer() {
        GradientResult reference = ours(Heat.problem(50), 1e-11, 1e-14);
        CvodesRun scaled = programs.run("heat", 50, 1e-8, 1e-11, "scaled", 0, 0.0, 1, 0.001);
        CvodesRun same = programs.run("heat", 50, 1e-8, 1e-11, "same", 0, 0.0, 1, 0.001);
        assertEquals(1e-11 / 51, scaled.atolB(), 1e-27, "scaled: the adjoint's atol is h times the forward's");
        assertEquals(1e-11, same.atolB(), 0.0);
        assertEquals(51, scaled.parameterGradient().length);
        double error = CvodesComparison.error(scaled.parameterGradient(), scaled.initialStateGradient(), reference,
                false);
        assertTrue(error < 1e-5, "CVODES's heat gradient against ours: " + error);
    }

    @Test
    void lorenz96AgreesThroughTheSmoothProjections() {
        GradientResult reference = GradientSolver.solve(Lorenz96.problem(40), GradientOptions.defaults()
                .withMethod(RungeKuttaMethods.DOP853).withTolerances(1e-13, 1e-13));
        CvodesRun run = programs.run("lorenz96", 40, 1e-10, 1e-10, "scaled", 0, 0.0, 1, 0.001);
        assertEquals(0, run.jacobians(), "fixed-point iteration: no Jacobians");
        double error = CvodesComparison.error(run.parameterGradient(), run.initialStateGradient(), reference, true);
        // measured 5.4e-6: Adams at n = 40 is that far from the DOP853 reference at rtol 1e-10
        assertTrue(error < 2e-5, "CVODES's Lorenz-96 projections against ours: " + error);
    }

    private static double sortedMedian(double[] values) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
