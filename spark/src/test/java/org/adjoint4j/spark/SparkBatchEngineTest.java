package org.adjoint4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.adjoint.BatchEngine;
import org.adjoint4j.adjoint.BatchTask;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.PortableOptions;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.estimation.PetabObjective;
import org.adjoint4j.modelfile.PetabProblem;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark on local[2] gives the bits of one thread: 200 Lotka–Volterra gradients, a PEtab problem's
 * gradient and Hessian-vector product (the problem read from its travelled files on the executor),
 * and the lowest failing index's exception as it was thrown.
 */
class SparkBatchEngineTest {

    private static SparkBatchEngine spark;

    @BeforeAll
    static void start() {
        spark = new SparkBatchEngine("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** Gradients of perturbed Lotka–Volterra problems: J then dJ/dp per index. */
    static final class Ensemble implements BatchTask<GradientProblem, double[]> {
        private static final long serialVersionUID = 1L;
        private final int count;
        private final PortableOptions options = PortableOptions.of(GradientOptions.defaults());

        Ensemble(int count) {
            this.count = count;
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public GradientProblem prepare() {
            return LotkaVolterra.problem();
        }

        @Override
        public double[] solve(GradientProblem base, int i) {
            double[] p = base.parameters();
            for (int k = 0; k < p.length; k++) {
                p[k] *= 1 + 0.05 * Math.sin(7.0 * i + k);
            }
            GradientResult r = GradientSolver.solve(base.withParameters(p), options.options());
            double[] out = new double[1 + p.length];
            out[0] = r.value();
            System.arraycopy(r.parameterGradient(), 0, out, 1, p.length);
            return out;
        }
    }

    @Test
    void twoHundredGradientsAreTheBitsOfOneThread() {
        Ensemble task = new Ensemble(200);
        List<double[]> one;
        try (GradientBatch batch = new GradientBatch(1)) {
            one = batch.run(task);
        }
        List<double[]> onSpark = spark.run(task);
        assertEquals(200, onSpark.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), onSpark.get(i), 0.0, "sample " + i);
        }
        assertArrayEquals(GradientBatch.sum(one), GradientBatch.sum(onSpark), 0.0);
        assertTrue(spark.description().startsWith("spark (local[2]"), spark.description());
        assertEquals(2, spark.parallelism());
    }

    /** Fails from index 57 on. */
    static final class Failing implements BatchTask<String, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public int size() {
            return 100;
        }

        @Override
        public String prepare() {
            return "";
        }

        @Override
        public Integer solve(String prepared, int i) {
            if (i >= 57) {
                throw new IllegalArgumentException("index " + i + " fails");
            }
            return i;
        }
    }

    @Test
    void theLowestFailingIndexIsThrownAsItWas() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spark.run(new Failing()));
        assertEquals("index 57 fails", e.getMessage());
        assertEquals(List.of(), spark.run(new BatchTask<String, Integer>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int size() {
                return 0;
            }

            @Override
            public String prepare() {
                return "";
            }

            @Override
            public Integer solve(String prepared, int i) {
                return i;
            }
        }));
    }

    @Test
    void aPetabGradientAndHessianProductAreTheBitsOfOneThread() {
        PetabProblem problem = PetabProblem.read(Path.of("../examples/petab/Bruno_JExpBot2016"));
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
                .withTolerances(1e-8, 1e-10);
        double[] x = problem.nominalOnScale();
        double[] v = new double[x.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.cos(k + 1.0);
        }
        PetabObjective.Evaluation reference;
        double[] hv = new double[x.length];
        try (PetabObjective sequential = new PetabObjective(problem, options, 1)) {
            reference = sequential.evaluate(x, true);
            sequential.hessianVector(x, v, hv);
        }
        try (PetabObjective onSpark = new PetabObjective(problem, options, spark)) {
            PetabObjective.Evaluation e = onSpark.evaluate(x, true);
            assertEquals(Double.doubleToLongBits(reference.value()), Double.doubleToLongBits(e.value()));
            assertArrayEquals(reference.gradient(), e.gradient(), 0.0);
            assertArrayEquals(reference.conditionValues(), e.conditionValues(), 0.0);
            double[] hvSpark = new double[x.length];
            onSpark.hessianVector(x, v, hvSpark);
            assertArrayEquals(hv, hvSpark, 0.0);
        }
    }

    @Test
    void theEngineIsFoundByName() {
        List<String> names = new ArrayList<>(BatchEngine.names());
        assertEquals(List.of("sequential", "threads", "spark"), names);
    }
}
