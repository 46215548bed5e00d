package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

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
    void nominalNegativeLogLikelihood() {
        GradientOptions tight = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withTolerances(1e-10,
                1e-12);
        double boehm = nllh(PetabProblem.read(BOEHM), tight);
        double bruno = nllh(PetabProblem.read(BRUNO), tight);
        System.out.println("boehm " + boehm + " bruno " + bruno);
        assertEquals(138.2219977, boehm, 1e-6 * 138.2219977);
        assertEquals(-46.6881814, bruno, 1e-6 * 46.6881814);
    }
}
