package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/**
 * The PEtab importer on the two bundled problems: the nllh at the nominal parameters at tight
 * tolerances against the converged values of the collection's README (1e-6 relative) and AMICI's
 * recorded log-likelihoods under AMICI's own check {@code isclose(rtol 1e-3, atol 1e-3)}.
 */
class PetabProblemTest {

    static final Path BOEHM = Path.of("../examples/petab/Boehm_JProteomeRes2014");
    static final Path BRUNO = Path.of("../examples/petab/Bruno_JExpBot2016");

    static double nllh(PetabProblem problem, GradientOptions options) {
        double[] p = new double[problem.estimatedIds().size()];
        double[] x = problem.nominalOnScale();
        for (int k = 0; k < p.length; k++) {
            p[k] = problem.estimatedParameters().get(k).scale().toLinear(x[k]);
        }
        double sum = 0;
        for (PetabProblem.Condition c : problem.conditions()) {
            sum += GradientSolver.value(c.problem(p), options);
        }
        return sum;
    }

    @Test
    void tablesAreRead() {
        PetabProblem bruno = PetabProblem.read(BRUNO);
        assertEquals(6, bruno.conditions().size());
        assertEquals(77, bruno.measurementCount());
        assertEquals(13, bruno.estimatedIds().size());
        assertEquals(true, bruno.isLeastSquares());
        PetabProblem boehm = PetabProblem.read(BOEHM);
        assertEquals(false, boehm.isLeastSquares(), "Boehm estimates its sigmas");
        assertEquals(PetabProblem.Scale.LOG10, boehm.estimatedParameters().get(0).scale());
        // the parameter table wins over the SBML value (k_phos is 1.5e4 in the table)
        assertEquals(15766.5070195731, boehm.estimatedParameters().get(5).nominal(), 0.0);
    }

    @Test
    void nominalNegativeLogLikelihood() {
        GradientOptions tight = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withTolerances(1e-10,
                1e-12);
        double boehm = nllh(PetabProblem.read(BOEHM), tight);
        double bruno = nllh(PetabProblem.read(BRUNO), tight);
        assertEquals(138.2219977, boehm, 1e-6 * 138.2219977);
        assertEquals(-46.6881814, bruno, 1e-6 * 46.6881814);
        assertEquals(-138.22199693517703, -boehm, 1e-3 + 1e-3 * 138.22199693517703);
        assertEquals(46.688176988431806, -bruno, 1e-3 + 1e-3 * 46.688176988431806);
    }
}
