package org.adjoint4j.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.HybridForwardMode;
import org.adjoint4j.adjoint.HybridGradientSolver;
import org.adjoint4j.adjoint.HybridResult;
import org.adjoint4j.modelfile.PetabProblem;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/**
 * A PEtab problem of the benchmark collection with an SBML event: Liu_IFACPapersOnLine2025,
 * individual-based (tumour cells U, infected stages I_1..I_5, virus V; the event {@code U < 1e-8}
 * sets U = 0). Its nllh against two independent simulations (the collection's own simulated data,
 * and scipy's Radau at rtol 1e-12 with solve_ivp's event finder, {@code peers/scipy/liu_reference.py}),
 * at the nominal parameters (where the event does not fire) and with psi = 1e-7 (where it fires in
 * the ten virus conditions); its gradient against forward mode of the same hybrid scheme.
 */
class PetabEventsTest {

    static final Path LIU = Path.of("../examples/petab/Liu_IFACPapersOnLine2025_individual");
    static final GradientOptions OPTIONS = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
            .withTolerances(1e-10, 1e-12);

    /** The nominal point on the scales with psi = 1e-7: the virus clears the tumour within 0.28 days. */
    static double[] firing(PetabProblem problem) {
        double[] x = problem.nominalOnScale();
        x[problem.estimatedIds().indexOf("psi")] = -7.0;
        return x;
    }

    @Test
    void itLoadsWithItsEvent() {
        PetabProblem problem = PetabProblem.read(LIU);
        assertEquals(20, problem.conditions().size());
        assertEquals(100, problem.measurementCount());
        assertEquals(29, problem.estimatedIds().size());
        for (PetabProblem.Condition c : problem.conditions()) {
            assertEquals(List.of("U", "I_1", "I_2", "I_3", "I_4", "I_5", "V"), c.stateNames());
            assertTrue(c.hasEvents(), c.id());
        }
        double[] p = problem.estimatedParameters().stream().mapToDouble(PetabProblem.ParameterEntry::nominal).toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> problem.conditions().get(0).problem(p));
        assertTrue(e.getMessage().startsWith("PEtab condition vvDD_1 of Liu_IFACPapersOnLine2025_individual has "
                + "events (_E0)"), e.getMessage());
    }

    @Test
    void nllhAgreesWithTwoIndependentSimulations() {
        PetabProblem problem = PetabProblem.read(LIU);
        try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 1)) {
            double nominal = objective.value(problem.nominalOnScale());
            // scipy Radau, rtol 1e-12: 689.482497908; the collection's simulatedData: 689.482498102
            assertEquals(689.482497908, nominal, 2e-9 * 689.5);
            assertEquals(689.482498102, nominal, 1e-9 * 689.5);
            assertEquals(699.656924708, objective.value(firing(problem)), 2e-9 * 699.7);
        }
    }

    @Test
    void theEventFiresWhereScipyFindsIt() {
        PetabProblem problem = PetabProblem.read(LIU);
        // U is 1e-8 at the event, falling at 1e-6 per day: an absolute tolerance of 1e-12 would
        // leave the event time 1e-6 uncertain; at 1e-16 it is located to 1e-9.
        GradientOptions tight = OPTIONS.withTolerances(1e-10, 1e-16);
        try (PetabObjective objective = new PetabObjective(problem, tight, 1)) {
            double[] p = objective.linear(firing(problem));
            // solve_ivp's event times in vvDD_1 .. vvDD_6 (7 to 10 start where 6 does: xi at its bound 1)
            double[] scipy = {0.261581761863, 0.264663920975, 0.257249729955, 0.267237180558, 0.270802764533,
                0.272524622429};
            for (PetabProblem.Condition c : problem.conditions()) {
                HybridResult r = HybridGradientSolver.solve(c.hybridProblem(p), tight);
                if (c.id().startsWith("ctrl")) {
                    assertEquals(List.of(), r.events(), c.id() + ": no virus, no clearance");
                    continue;
                }
                assertEquals(1, r.events().size(), c.id());
                assertEquals(0.0, r.finalState()[0], 0.0, c.id() + ": U stays 0 after the event");
                int k = Integer.parseInt(c.id().substring("vvDD_".length())) - 1;
                assertEquals(scipy[Math.min(k, 5)], r.events().get(0).time(), 1e-9, c.id());
                assertEquals(-1, r.events().get(0).direction());
            }
        }
    }

    @Test
    void gradientEqualsForwardModeOfTheSameHybridScheme() {
        PetabProblem problem = PetabProblem.read(LIU);
        for (double[] x : new double[][] {problem.nominalOnScale(), firing(problem)}) {
            try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 1)) {
                double[] adjoint = objective.evaluate(x, true).gradient();
                double[] p = objective.linear(x);
                int m = p.length;
                double[] forward = new double[m];
                for (PetabProblem.Condition c : problem.conditions()) {
                    double[] f = HybridForwardMode.differentiate(c.hybridProblem(p), OPTIONS);
                    double[] g = java.util.Arrays.copyOfRange(f, 1, 1 + m);
                    double[] gy = java.util.Arrays.copyOfRange(f, 1 + m, f.length);
                    c.initialValues().addVectorJacobianProduct(p, gy, g);
                    for (int k = 0; k < m; k++) {
                        forward[k] += g[k];
                    }
                }
                for (int k = 0; k < m; k++) {
                    forward[k] *= problem.estimatedParameters().get(k).scale().derivative(p[k]);
                    assertEquals(forward[k], adjoint[k], 1e-10 * Math.max(1.0, Math.abs(forward[k])),
                            "dJ/d" + problem.estimatedIds().get(k));
                }
            }
        }
    }

    @Test
    void secondOrderThroughEventsIsRefused() {
        PetabProblem problem = PetabProblem.read(LIU);
        try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 1)) {
            double[] x = problem.nominalOnScale();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> objective.hessianVector(x, x, new double[x.length]));
            assertEquals("PEtab problem Liu_IFACPapersOnLine2025_individual: condition vvDD_1 has events, and "
                    + "Hessian-vector products through events are not supported", e.getMessage());
        }
    }
}
