package org.adjoint4j.estimation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.modelfile.PetabProblem;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/** Multistart fits of the bundled PEtab problems reach the published optimum (the nominal nllh) or better. */
class PetabFitTest {

    static final GradientOptions OPTIONS = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
            .withTolerances(1e-8, 1e-10);

    /** 20 seeded Latin-hypercube starts; the best must reach the nominal nllh (same solver) to 1e-8 relative. */
    static PetabFit.Result fitReachesNominal(String name, PetabFit.Method method) {
        PetabProblem problem = PetabProblem.read(Path.of("../examples/petab/" + name));
        try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 2)) {
            PetabFit.Result r = PetabFit.fit(objective, PetabFit.starts(problem, 20, 1,
                    PetabFit.Sampling.LATIN_HYPERCUBE), method, null);
            double nominal = objective.value(problem.nominalOnScale());
            assertTrue(r.best().objective() <= nominal + 1e-8 * Math.abs(nominal), name + ": best "
                    + r.best().objective() + ", nominal " + nominal);
            assertEquals(20, r.starts().size());
            return r;
        }
    }

    @Test
    void brunoByLeastSquares() {
        PetabFit.Result r = fitReachesNominal("Bruno_JExpBot2016", PetabFit.Method.LEAST_SQUARES);
        // identifiable: every standard error finite and below 0.1 on the log10 scales
        for (double se : r.standardErrors()) {
            assertTrue(se > 0 && se < 0.1, "standard error " + se);
        }
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void boehmByLbfgs() {
        PetabFit.Result r = fitReachesNominal("Boehm_JProteomeRes2014", PetabFit.Method.LBFGS);
        // the published optimum has k_exp_hetero and k_imp_homo at their bounds, and the fit says so
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("k_exp_hetero is at a bound")), r.warnings()
                .toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("k_imp_homo is at a bound")), r.warnings()
                .toString());
    }

    /**
     * Starts as the tasks of an engine (two threads, each start a local fit of its own) give the
     * bits of the starts one after another: every start's end point and nllh, the best and its
     * standard errors.
     */
    @Test
    void startsOnThreadsAreTheBitsOfStartsInTurn() {
        PetabProblem problem = PetabProblem.read(Path.of("../examples/petab/Boehm_JProteomeRes2014"));
        double[][] starts = PetabFit.starts(problem, 4, 3, PetabFit.Sampling.LATIN_HYPERCUBE);
        try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 1);
                GradientBatch threads = new GradientBatch(2)) {
            PetabFit.Result inTurn = PetabFit.fit(objective, starts, PetabFit.Method.LBFGS, null);
            java.util.List<Integer> seen = new java.util.ArrayList<>();
            PetabFit.Result onThreads = PetabFit.fit(objective, starts, PetabFit.Method.LBFGS, (i, st) -> seen.add(i),
                    threads);
            assertEquals(java.util.List.of(0, 1, 2, 3), seen);
            for (int i = 0; i < starts.length; i++) {
                assertArrayEquals(inTurn.starts().get(i).x(), onThreads.starts().get(i).x(), 0.0, "start " + i);
                assertEquals(inTurn.starts().get(i).objective(), onThreads.starts().get(i).objective(), 0.0);
                assertEquals(inTurn.starts().get(i).iterations(), onThreads.starts().get(i).iterations());
            }
            assertArrayEquals(inTurn.best().x(), onThreads.best().x(), 0.0);
            assertArrayEquals(inTurn.standardErrors(), onThreads.standardErrors(), 0.0);
            assertEquals(inTurn.warnings(), onThreads.warnings());
        }
    }

    /**
     * Newton-CG on exact Hessian-vector products and L-BFGS on adjoint gradients from the same
     * seeded starts reach the same optimum, Newton in fewer iterations.
     */
    @Test
    void newtonTakesFewerIterationsThanLbfgs() {
        for (String name : new String[] {"Bruno_JExpBot2016", "Boehm_JProteomeRes2014"}) {
            PetabProblem problem = PetabProblem.read(Path.of("../examples/petab/" + name));
            double[] start = PetabObjectiveTest.randomPoint(problem, 21);
            try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 2)) {
                PetabFit.Start lbfgs = PetabFit.fit(objective, new double[][] {start}, PetabFit.Method.LBFGS, null)
                        .best();
                PetabFit.Start newton = PetabFit.fit(objective, new double[][] {start}, PetabFit.Method.NEWTON, null)
                        .best();
                System.out.println(name + ": L-BFGS " + lbfgs.iterations() + " iterations, nllh " + lbfgs.objective()
                        + "; Newton-CG " + newton.iterations() + " iterations, nllh " + newton.objective());
                assertTrue(newton.converged() && newton.reason().startsWith("converged"), newton.reason());
                assertEquals(lbfgs.objective(), newton.objective(), 1e-6 * Math.abs(lbfgs.objective()), name);
                assertTrue(newton.iterations() < lbfgs.iterations(), name + ": Newton " + newton.iterations()
                        + ", L-BFGS " + lbfgs.iterations());
            }
        }
    }

    /** Bruno's profile of kb1: least at the estimate, its 95% interval within 10% of the Wald interval. */
    @Test
    void profileLikelihoodOfBrunoKb1() {
        PetabProblem problem = PetabProblem.read(Path.of("../examples/petab/Bruno_JExpBot2016"));
        try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 2)) {
            PetabFit.Result fit = PetabFit.fit(objective, new double[][] {problem.nominalOnScale()},
                    PetabFit.Method.LEAST_SQUARES, null);
            ParameterEstimation.Profile profile = PetabFit.profile(objective, fit, "kb1", 3);
            int k = problem.estimatedIds().indexOf("kb1");
            double estimate = fit.best().x()[k];
            assertEquals(estimate, profile.values()[3], 0.0);
            for (int i = 0; i < profile.values().length; i++) {
                assertTrue(profile.objectives()[i] >= fit.best().objective() - 1e-7, "profile point " + i
                        + " below the optimum: " + profile.objectives()[i]);
            }
            double wald = 1.959964 * fit.standardErrors()[k];
            assertEquals(estimate - wald, profile.lower95(), 0.1 * wald);
            assertEquals(estimate + wald, profile.upper95(), 0.1 * wald);
        }
    }
}
