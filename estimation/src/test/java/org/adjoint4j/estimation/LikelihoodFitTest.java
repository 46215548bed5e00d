package org.adjoint4j.estimation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.estimation.optimize.Lbfgs;
import org.adjoint4j.modelfile.ModelFile;
import org.adjoint4j.solvers.IntegrationException;
import org.junit.jupiter.api.Test;

/**
 * Fits as an epidemiologist runs them, on the SIR model file and its bundled data (reported cases
 * = gamma I with a sigma per value, truth beta = 0.35, gamma = 0.12, I(0) = 10 and 40): initial
 * states fitted beside parameters, the likelihood with given sigmas, two experiments jointly,
 * multistart, priors, log-normal noise; and what must never pass silently: a non-identifiable
 * pair, a start where the model blows up.
 */
class LikelihoodFitTest {

    static final Path MODELS = Path.of("..", "examples", "models");
    static final Path DATA = Path.of("..", "examples", "data");
    static final GradientOptions OPTIONS = GradientOptions.defaults().withTolerances(1e-10, 1e-12);

    static ModelFile sir() {
        return ModelFile.read(MODELS.resolve("sir.json"));
    }

    static ObservedData town(String which, ModelFile file) {
        GradientProblem p = file.problem();
        return ObservedData.read(DATA.resolve("sir-town-" + which + ".csv"), p.model(), file.observables(),
                p.initialTime(), p.finalTime());
    }

    static void withinThreeStandardErrors(FitResult fit, Map<String, Double> truth) {
        for (int j = 0; j < fit.names().size(); j++) {
            String name = fit.names().get(j);
            double se = fit.standardErrors()[j];
            assertTrue(se > 0, name + " has a standard error: " + se);
            double z = Math.abs(fit.values()[j] - truth.get(name)) / se;
            assertTrue(z < 3, name + " = " + fit.values()[j] + " is " + z + " standard errors from " + truth.get(name));
            assertTrue(fit.lower95()[j] < fit.values()[j] && fit.values()[j] < fit.upper95()[j], name);
        }
    }

    @Test
    void initialStateAndParametersFromCasesWithSigmas() {
        ModelFile file = sir();
        Map<String, Double> truth = Map.of("beta", 0.35, "gamma", 0.12, "y0.I", 10.0);
        FitResult lm = null;
        for (boolean quasiNewton : new boolean[] {false, true}) {
            ParameterEstimation e = new ParameterEstimation(file.problem(), town("a", file),
                    List.of("beta", "gamma", "y0.I"), OPTIONS).withInitial(Map.of("y0.I", 20.0));
            FitResult fit = quasiNewton ? e.quasiNewton(null) : e.levenbergMarquardt(null);
            assertTrue(fit.converged(), fit.method() + " " + fit.warnings());
            assertEquals("negative log-likelihood", fit.objectiveName());
            withinThreeStandardErrors(fit, truth);
            if (lm == null) {
                lm = fit;
            } else {
                for (int j = 0; j < 3; j++) {
                    assertEquals(lm.values()[j], fit.values()[j], 1e-5 * Math.abs(lm.values()[j]), fit.names().get(j));
                }
                assertEquals(lm.objective(), fit.objective(), 1e-8 * lm.objective());
            }
        }
        // Wald: the covariance's diagonal is the squared standard errors, the correlation's is 1.
        for (int j = 0; j < 3; j++) {
            assertEquals(lm.standardErrors()[j] * lm.standardErrors()[j], lm.covariance()[j][j],
                    1e-12 * lm.covariance()[j][j]);
            assertEquals(1.0, lm.correlation()[j][j], 1e-12);
        }
        assertEquals(30, lm.residualValues().length);
    }

    /** The town's size unknown beside the first case count: S(0) = N - I0 and I(0) = I0 follow the parameters. */
    static final String SIR_I0 = """
            {"name": "sir-i0",
             "states": {"S": "N - I0", "I": "I0", "R": 0},
             "parameters": {"beta": 0.3, "gamma": 0.1, "I0": 20, "N": 10000},
             "rhs": {"S": "-beta*S*I/N", "I": "beta*S*I/N - gamma*I", "R": "gamma*I"},
             "time": [0, 100],
             "observables": {"cases": "gamma*I"}}
            """;

    @Test
    void initialValuesThatAreExpressionsOfFittedParameters() {
        ModelFile file = ModelFile.parse(SIR_I0, "sir-i0.json", ModelFile.Compilation.COMPILED);
        assertTrue(file.initialValuesDependOnParameters());
        GradientProblem problem = file.problem();
        ObservedData data = ObservedData.read(DATA.resolve("sir-town-a.csv"), problem.model(), file.observables(),
                problem.initialTime(), problem.finalTime());
        List<String> fitted = List.of("beta", "gamma", "I0");
        // dJ/d(beta, gamma, I0) through y0(p) against central differences of J
        ParameterEstimation e = new ParameterEstimation(problem, data, fitted, OPTIONS)
                .withInitialValues(file.initialValues());
        double[] x = {0.33, 0.11, 15};
        double[] g = new double[3];
        double j0 = e.objectiveAt(x, g);
        for (int k = 0; k < 3; k++) {
            double h = 1e-5 * x[k];
            double[] up = x.clone();
            double[] down = x.clone();
            up[k] += h;
            down[k] -= h;
            double fd = (e.objectiveAt(up, new double[3]) - e.objectiveAt(down, new double[3])) / (2 * h);
            assertEquals(fd, g[k], 2e-6 * Math.abs(g[k]) + 1e-9 * j0, fitted.get(k));
        }
        // Levenberg-Marquardt (forward sensitivities seeded with dy0/dp) and L-BFGS (adjoint plus
        // (dy0/dp)^T lambda) reach one optimum, and it holds the truth within 3 standard errors.
        FitResult lm = new ParameterEstimation(problem, data, fitted, OPTIONS).withInitialValues(file.initialValues())
                .levenbergMarquardt(null);
        FitResult lbfgs = new ParameterEstimation(problem, data, fitted, OPTIONS)
                .withInitialValues(file.initialValues()).quasiNewton(null);
        assertTrue(lm.converged() && lbfgs.converged(), lm.warnings() + " " + lbfgs.warnings());
        for (int k = 0; k < 3; k++) {
            assertEquals(lm.values()[k], lbfgs.values()[k], 1e-5 * lm.values()[k], fitted.get(k));
        }
        withinThreeStandardErrors(lm, Map.of("beta", 0.35, "gamma", 0.12, "I0", 10.0));
        // the fitted problem starts from y0(p) at the estimates
        assertEquals(10000 - lm.values()[2], lm.experiments().get(0).initialState()[0], 1e-9);
        assertEquals(lm.values()[2], lm.experiments().get(0).initialState()[1], 0.0);
        // without the chain rule the gradient misses dJ/dI0 entirely
        double[] plain = new double[3];
        new ParameterEstimation(problem, data, fitted, OPTIONS).objectiveAt(x, plain);
        assertEquals(0.0, plain[2], 0.0, "I0 enters only through y0");
    }

    /** A fit on an explicit method whose steps are pinned by a fast, unobserved mode says so. */
    @Test
    void aStiffModelOnAnExplicitMethodIsWarnedInTheFit(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        ModelFile file = ModelFile.parse("""
                {"states": {"x": 1, "z": 0}, "parameters": {"a": 0.5},
                 "rhs": {"x": "-a*x", "z": "-2000*(z - cos(t))"}, "time": [0, 20]}
                """, "stiff.json", ModelFile.Compilation.COMPILED);
        Path csv = dir.resolve("x.csv");
        StringBuilder text = new StringBuilder("t,x\n");
        for (int k = 1; k <= 10; k++) {
            text.append(2 * k).append(',').append(Math.exp(-0.7 * 2 * k)).append('\n');
        }
        java.nio.file.Files.writeString(csv, text);
        GradientProblem problem = file.problem();
        FitResult fit = new ParameterEstimation(problem, ObservedData.read(csv, problem.model(), Map.of(), 0, 20),
                List.of("a"), GradientOptions.defaults()).quasiNewton(null);
        assertEquals(0.7, fit.values()[0], 1e-4);
        assertTrue(fit.warnings().stream().anyMatch(w -> w.startsWith("the problem is stiff")), fit.warnings()
                .toString());
    }

    /** Exact-Hessian standard errors beside Gauss–Newton's, and profile likelihoods beside Wald's intervals. */
    @Test
    void exactHessianUncertaintyAndProfiles() {
        ModelFile file = sir();
        ParameterEstimation e = new ParameterEstimation(file.problem(), town("a", file),
                List.of("beta", "gamma", "y0.I"), OPTIONS);
        FitResult fit = e.levenbergMarquardt(null);
        ParameterEstimation.HessianUncertainty exact = e.hessianUncertainty(fit);
        for (int j = 0; j < 3; j++) {
            // well-specified noise: the observed information is close to its Gauss–Newton expectation
            double ratio = exact.standardErrors()[j] / fit.standardErrors()[j];
            assertTrue(ratio > 0.8 && ratio < 1.25, fit.names().get(j) + ": exact/Gauss-Newton " + ratio);
            for (int k = 0; k < 3; k++) {
                assertEquals(exact.hessian()[j][k], exact.hessian()[k][j], 1e-9 * Math.abs(exact.hessian()[j][j]));
            }
        }
        // the exact Hessian against differences of the adjoint gradient at the estimate
        double[] g0 = new double[3];
        double[] g1 = new double[3];
        double[] x = fit.values().clone();
        double h = 1e-6 * x[0];
        x[0] += h;
        e.objectiveAt(x, g1);
        x[0] -= 2 * h;
        e.objectiveAt(x, g0);
        for (int k = 0; k < 3; k++) {
            double fd = (g1[k] - g0[k]) / (2 * h);
            assertEquals(fd, exact.hessian()[0][k], 1e-5 * Math.abs(exact.hessian()[0][0]), "H[beta][" + k + "]");
        }
        // Newton-CG on exact Hessian-vector products reaches the same optimum in few iterations
        FitResult newton = new ParameterEstimation(file.problem(), town("a", file), List.of("beta", "gamma", "y0.I"),
                OPTIONS).withInitial(Map.of("y0.I", 20.0)).newton(null);
        assertTrue(newton.converged(), newton.warnings().toString());
        assertTrue(newton.iterations() <= 25, newton.iterations() + " iterations");
        for (int j = 0; j < 3; j++) {
            assertEquals(fit.values()[j], newton.values()[j], 1e-5 * Math.abs(fit.values()[j]), fit.names().get(j));
        }
        ParameterEstimation.Profile beta = e.profile(fit, "beta", 6);
        assertEquals(13, beta.values().length);
        assertEquals(fit.objective(), beta.objectives()[6], 0.0);
        for (double o : beta.objectives()) {
            assertTrue(o >= fit.objective() - 1e-6, "the estimate is the profile's minimum: " + o);
        }
        // a regular likelihood: the profile interval is close to Wald's
        assertEquals(fit.lower95()[0], beta.lower95(), 0.1 * (fit.upper95()[0] - fit.lower95()[0]));
        assertEquals(fit.upper95()[0], beta.upper95(), 0.1 * (fit.upper95()[0] - fit.lower95()[0]));
    }

    @Test
    void twoTownsFittedJointly() {
        ModelFile file = sir();
        List<Experiment> towns = List.of(Experiment.of("a", town("a", file)),
                new Experiment("b", town("b", file), Map.of("y0.I", 40.0)));
        FitResult fit = new ParameterEstimation(file.problem(), towns, List.of("beta", "gamma"), OPTIONS).fit(null);
        assertTrue(fit.converged(), fit.warnings().toString());
        assertEquals(60, fit.residuals());
        withinThreeStandardErrors(fit, Map.of("beta", 0.35, "gamma", 0.12));
        assertEquals(40.0, fit.experiments().get(1).initialState()[1]);
        assertEquals(10.0, fit.experiments().get(0).initialState()[1]);
        // Two towns pin the parameters down better than one.
        FitResult one = new ParameterEstimation(file.problem(), town("a", file), List.of("beta", "gamma"), OPTIONS)
                .fit(null);
        assertTrue(fit.standardErrors()[0] < one.standardErrors()[0]);
    }

    @Test
    void multistartKeepsTheBestOfItsStarts() {
        ModelFile file = sir();
        ParameterEstimation estimation = new ParameterEstimation(file.problem(), town("a", file), List.of("beta",
                "gamma", "y0.I"), OPTIONS).withBounds("beta", 0.05, 2).withBounds("gamma", 0.01, 1);
        FitResult fit = estimation.multistart(10, 3, (Lbfgs.Listener) null);
        assertEquals(10, fit.startObjectives().length);
        // The starts as independent fits on two threads: the same fits, bit for bit.
        try (GradientBatch threads = new GradientBatch(2)) {
            FitResult onThreads = estimation.multistart(10, 3, threads);
            assertArrayEquals(fit.startObjectives(), onThreads.startObjectives(), 0.0);
            assertArrayEquals(fit.values(), onThreads.values(), 0.0);
            assertArrayEquals(fit.standardErrors(), onThreads.standardErrors(), 0.0);
            assertEquals(fit.method(), onThreads.method());
        }
        double best = Arrays.stream(fit.startObjectives()).filter(Double::isFinite).min().orElseThrow();
        assertEquals(best, fit.objective(), 1e-9 * Math.abs(best));
        assertTrue(fit.method().contains("best of 10 starts"), fit.method());
        withinThreeStandardErrors(fit, Map.of("beta", 0.35, "gamma", 0.12, "y0.I", 10.0));
    }

    @Test
    void aPriorPullsAndLogNormalNoiseAgreesAcrossPaths() {
        ModelFile file = sir();
        FitResult pinned = new ParameterEstimation(file.problem(), town("a", file), List.of("beta", "gamma"), OPTIONS)
                .withPrior("gamma", 0.1, 1e-5).levenbergMarquardt(null);
        assertEquals(0.1, pinned.values()[1], 1e-4);
        assertEquals(31, pinned.residualValues().length, "30 values and one prior");
        FitResult[] fits = new FitResult[2];
        for (int k = 0; k < 2; k++) {
            ParameterEstimation e = new ParameterEstimation(file.problem(), town("a", file), List.of("beta", "gamma"),
                    OPTIONS).withNoise("cases", ParameterEstimation.Noise.LOG_NORMAL).withSigma("cases", 0.2)
                    .withPrior("gamma", 0.12, 0.05);
            fits[k] = k == 0 ? e.levenbergMarquardt(null) : e.quasiNewton(null);
        }
        for (int j = 0; j < 2; j++) {
            assertEquals(fits[0].values()[j], fits[1].values()[j], 1e-5 * fits[0].values()[j]);
        }
        assertEquals(fits[0].objective(), fits[1].objective(), 1e-8 * Math.abs(fits[0].objective()));
    }

    @Test
    void aNonIdentifiablePairIsNamedAndHasNoStandardErrors() {
        // beta S I / N with S(0) given: only beta / N is seen by the data.
        ModelFile file = ModelFile.parse("{\"name\": \"sir-n\", \"states\": {\"S\": 9990, \"I\": 10, \"R\": 0},"
                + "\"parameters\": {\"beta\": 0.3, \"gamma\": 0.1, \"N\": 10000},"
                + "\"rhs\": {\"S\": \"-beta*S*I/N\", \"I\": \"beta*S*I/N - gamma*I\", \"R\": \"gamma*I\"},"
                + "\"time\": [0, 100], \"observables\": {\"cases\": \"gamma*I\"}}", "sir-n",
                ModelFile.Compilation.COMPILED);
        for (boolean quasiNewton : new boolean[] {false, true}) {
            ParameterEstimation e = new ParameterEstimation(file.problem(), town("a", file),
                    List.of("beta", "gamma", "N"), OPTIONS);
            FitResult fit = quasiNewton ? e.quasiNewton(null) : e.levenbergMarquardt(null);
            assertFalse(fit.converged(), fit.method());
            for (int j = 0; j < 3; j++) {
                assertTrue(Double.isNaN(fit.standardErrors()[j]), "no standard error, never 0");
                assertTrue(Double.isNaN(fit.lower95()[j]));
            }
            String warnings = fit.warnings().toString();
            assertTrue(warnings.contains("not identifiable from these data: beta, N"), warnings);
            assertEquals(!quasiNewton, warnings.contains("Levenberg-Marquardt failed"), warnings);
        }
    }

    @Test
    void aStartWhereTheModelBlowsUpIsAnErrorNamingWhere() {
        ModelFile file = ModelFile.parse("{\"name\": \"blow\", \"states\": {\"y\": 1}, \"parameters\": {\"k\": 1},"
                + "\"rhs\": {\"y\": \"k*y^2\"}, \"time\": [0, 2]}", "blow", ModelFile.Compilation.COMPILED);
        GradientProblem p = file.problem();
        ObservedData data = new ObservedData(new double[] {0.5, 1.5}, new int[] {0}, new double[][] {{2}, {3}});
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> new ParameterEstimation(p, data, List.of("k"), OPTIONS).fit(null));
        assertTrue(e.getMessage().startsWith("the model cannot be integrated at the starting values (blow)"),
                e.getMessage());
        assertEquals(1.0, e.time(), 1e-6);
    }

    @Test
    void badRequestsAreRefusedNamingThem() {
        ModelFile file = sir();
        ObservedData a = town("a", file);
        assertEquals("fitted quantity 'beta' is given twice", assertThrows(IllegalArgumentException.class,
                () -> new ParameterEstimation(file.problem(), a, List.of("beta", "beta"), OPTIONS)).getMessage());
        assertEquals("experiment b: beta is fitted and cannot be set per experiment",
                assertThrows(IllegalArgumentException.class, () -> new ParameterEstimation(file.problem(),
                        List.of(new Experiment("b", a, Map.of("beta", 0.2))), List.of("beta"), OPTIONS)).getMessage());
        assertEquals("sigma of cases must be finite and > 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new ParameterEstimation(file.problem(), a, List.of("beta"), OPTIONS).withSigma("cases", 0))
                .getMessage());
        assertEquals("sigma I: no data column measures it", assertThrows(IllegalArgumentException.class,
                () -> new ParameterEstimation(file.problem(), a, List.of("beta"), OPTIONS).withSigma("I", 2))
                .getMessage());
    }
}
