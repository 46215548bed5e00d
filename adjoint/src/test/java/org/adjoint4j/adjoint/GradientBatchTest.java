package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.junit.jupiter.api.Test;

/** Batches return results in index order and sums of the same bits for any thread count. */
class GradientBatchTest {

    static List<GradientProblem> ensemble(int count) {
        GradientProblem base = LotkaVolterra.problem();
        List<GradientProblem> problems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] p = base.parameters();
            for (int k = 0; k < p.length; k++) {
                p[k] *= 1 + 0.05 * Math.sin(7.0 * i + k);
            }
            problems.add(base.withParameters(p));
        }
        return problems;
    }

    @Test
    void theSameBitsForAnyThreadCount() {
        List<GradientProblem> problems = ensemble(60);
        GradientOptions options = GradientOptions.defaults();
        double[] reference;
        List<GradientResult> one;
        try (GradientBatch batch = new GradientBatch(1)) {
            one = batch.gradients(problems, options);
            reference = GradientBatch.sum(gradients(one));
        }
        for (int threads : new int[] {2, 7}) {
            try (GradientBatch batch = new GradientBatch(threads)) {
                List<GradientResult> many = batch.gradients(problems, options);
                for (int i = 0; i < problems.size(); i++) {
                    assertEquals(Double.doubleToLongBits(one.get(i).value()), Double.doubleToLongBits(many.get(i)
                            .value()), "sample " + i);
                }
                assertArrayEquals(reference, GradientBatch.sum(gradients(many)), 0.0);
            }
        }
    }

    static List<double[]> gradients(List<GradientResult> results) {
        List<double[]> g = new ArrayList<>();
        for (GradientResult r : results) {
            g.add(r.parameterGradient());
        }
        return g;
    }

    @Test
    void theFirstFailureInIndexOrderIsThrownAsItWas() {
        try (GradientBatch batch = new GradientBatch(3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.map(10, i -> {
                if (i >= 4) {
                    throw new IllegalArgumentException("task " + i);
                }
                return i;
            }));
            assertEquals("task 4", e.getMessage());
            assertEquals(List.of(0, 1, 2), batch.map(3, i -> i));
        }
        assertThrows(IllegalArgumentException.class, () -> new GradientBatch(0));
    }
}
