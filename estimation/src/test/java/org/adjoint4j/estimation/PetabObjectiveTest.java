package org.adjoint4j.estimation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.adjoint4j.adjoint.DiscreteMethod;
import org.adjoint4j.adjoint.ForwardModeGradient;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.modelfile.PetabProblem;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PEtab objective's gradient on the parameters' scales against forward mode of the same
 * discrete scheme (every condition on the adjoint's grid, 1e-10 relative) and against central
 * differences (at the nominal point and at a seeded random point within the bounds), and its value
 * bit-identical for 1, 2 and 7 threads.
 */
class PetabObjectiveTest {

    static final GradientOptions OPTIONS = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
            .withTolerances(1e-10, 1e-12);

    static Stream<Arguments> problems() {
        return Stream.of(Arguments.of("Boehm_JProteomeRes2014"), Arguments.of("Bruno_JExpBot2016"));
    }

    static PetabProblem read(String name) {
        return PetabProblem.read(Path.of("../examples/petab/" + name));
    }

    /** A seeded point within the bounds on the scales, near the nominal one (a tenth of the box). */
    static double[] randomPoint(PetabProblem problem, long seed) {
        Random random = new Random(seed);
        double[] x = problem.nominalOnScale();
        for (int k = 0; k < x.length; k++) {
            PetabProblem.ParameterEntry e = problem.estimatedParameters().get(k);
            double lo = e.scale().fromLinear(e.lower());
            double hi = e.scale().fromLinear(e.upper());
            x[k] = Math.min(hi, Math.max(lo, x[k] + 0.1 * (random.nextDouble() - 0.5) * Math.min(hi - lo, 10)));
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("problems")
    void gradientEqualsForwardModeOfTheSameScheme(String name) {
        PetabProblem problem = read(name);
        for (double[] x : new double[][] {problem.nominalOnScale(), randomPoint(problem, 7)}) {
            try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 1)) {
                double[] adjoint = objective.evaluate(x, true).gradient();
                double[] p = objective.linear(x);
                double[] forward = new double[p.length];
                for (PetabProblem.Condition c : problem.conditions()) {
                    GradientResult r = GradientSolver.solve(c.problem(p), OPTIONS);
                    ForwardModeGradient.Result f = ForwardModeGradient.differentiate(c.problem(p),
                            DiscreteMethod.of(RungeKuttaMethods.ESDIRK4), r.grid());
                    double[] g = f.parameterGradient();
                    c.initialValues().addVectorJacobianProduct(p, f.initialStateGradient(), g);
                    for (int k = 0; k < g.length; k++) {
                        forward[k] += g[k];
                    }
                }
                for (int k = 0; k < forward.length; k++) {
                    forward[k] *= problem.estimatedParameters().get(k).scale().derivative(p[k]);
                    assertEquals(forward[k], adjoint[k], 1e-10 * Math.max(1.0, Math.abs(forward[k])),
                            name + " dJ/d" + problem.estimatedIds().get(k));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("problems")
    void gradientEqualsCentralDifferences(String name) {
        PetabProblem problem = read(name);
        for (double[] x : new double[][] {problem.nominalOnScale(), randomPoint(problem, 11)}) {
            try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 2)) {
                double[] g = objective.evaluate(x, true).gradient();
                for (int k = 0; k < x.length; k++) {
                    double h = 1e-5;
                    double[] up = x.clone();
                    double[] down = x.clone();
                    up[k] += h;
                    down[k] -= h;
                    double fd = (objective.value(up) - objective.value(down)) / (2 * h);
                    // central differences of an adaptive solve at rtol 1e-10: about 1e-5 absolute
                    assertEquals(fd, g[k], 1e-4 * Math.max(1.0, Math.abs(fd)), name + " dJ/d"
                            + problem.estimatedIds().get(k));
                }
            }
        }
    }

    /**
     * The exact product against central differences of the exact gradient (step 1e-4 on the
     * scales: error about 1e-8 h^-1 + h^2, so 1e-4 relative), and symmetric: u.Hv = v.Hu.
     */
    @ParameterizedTest
    @MethodSource("problems")
    void hessianVectorProductsAreTheDerivativeOfTheGradient(String name) {
        PetabProblem problem = read(name);
        double[] x = randomPoint(problem, 5);
        int m = x.length;
        Random random = new Random(13);
        double[] u = new double[m];
        double[] v = new double[m];
        for (int k = 0; k < m; k++) {
            u[k] = random.nextGaussian();
            v[k] = random.nextGaussian();
        }
        try (PetabObjective objective = new PetabObjective(problem, OPTIONS, 2)) {
            double[] hv = new double[m];
            double[] hu = new double[m];
            objective.hessianVector(x, v, hv);
            objective.hessianVector(x, u, hu);
            double h = 1e-4;
            double[] up = new double[m];
            double[] down = new double[m];
            double[] xu = x.clone();
            double[] xd = x.clone();
            for (int k = 0; k < m; k++) {
                xu[k] += h * v[k];
                xd[k] -= h * v[k];
            }
            objective.valueAndGradient(xu, up);
            objective.valueAndGradient(xd, down);
            double scale = 0.0;
            for (int k = 0; k < m; k++) {
                scale = Math.max(scale, Math.abs(hv[k]));
            }
            for (int k = 0; k < m; k++) {
                double fd = (up[k] - down[k]) / (2 * h);
                assertEquals(fd, hv[k], 1e-4 * scale, name + " (Hv)_" + problem.estimatedIds().get(k));
            }
            double uhv = 0.0;
            double vhu = 0.0;
            for (int k = 0; k < m; k++) {
                uhv += u[k] * hv[k];
                vhu += v[k] * hu[k];
            }
            // the discrete scheme's Hessian is symmetric up to the round-off of the products
            assertEquals(uhv, vhu, 1e-9 * Math.max(1.0, Math.abs(uhv)), name + " u.Hv = v.Hu");
        }
    }

    @ParameterizedTest
    @MethodSource("problems")
    void bitIdenticalForAnyThreadCount(String name) {
        PetabProblem problem = read(name);
        double[] x = randomPoint(problem, 3);
        PetabObjective.Evaluation one;
        try (PetabObjective o = new PetabObjective(problem, OPTIONS, 1)) {
            one = o.evaluate(x, true);
        }
        for (int threads : new int[] {2, 7}) {
            try (PetabObjective o = new PetabObjective(problem, OPTIONS, threads)) {
                PetabObjective.Evaluation e = o.evaluate(x, true);
                assertEquals(Double.doubleToLongBits(one.value()), Double.doubleToLongBits(e.value()));
                assertArrayEquals(one.gradient(), e.gradient(), 0.0);
            }
        }
    }
}
