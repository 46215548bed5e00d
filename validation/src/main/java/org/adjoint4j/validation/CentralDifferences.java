package org.adjoint4j.validation;

import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientSolver;

/**
 * The gradient of J with respect to the parameters by central differences,
 * <pre>
 *   dJ/dp_j ~ (J(p + h_j e_j) - J(p - h_j e_j)) / (2 h_j),   h_j = 1e-6 |p_j|,
 * </pre>
 * 2m forward solves: the cost the adjoint avoids, and an independent (truncation error O(h^2),
 * rounding error O(eps / h)) check of its values. Use fixed steps, so J is smooth in p.
 */
public final class CentralDifferences {

    private CentralDifferences() {
    }

    /**
     * @param problem the problem (every parameter nonzero, so that its step is)
     * @param options the options (fixed steps)
     * @return the approximate dJ/dp
     * @throws IllegalArgumentException if a parameter is zero
     */
    public static double[] parameterGradient(GradientProblem problem, GradientOptions options) {
        double[] x = problem.parameters();
        double[] g = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double h = 1e-6 * Math.abs(x[j]);
            if (h == 0.0) {
                throw new IllegalArgumentException("parameter " + j + " (" + problem.model().parameterName(j)
                        + ") is 0: central differences with relative steps need nonzero parameters");
            }
            double[] q = x.clone();
            q[j] = x[j] + h;
            double plus = GradientSolver.value(problem.withParameters(q), options);
            q[j] = x[j] - h;
            g[j] = (plus - GradientSolver.value(problem.withParameters(q), options)) / (2 * h);
        }
        return g;
    }
}
