package org.adjoint4j.examples.programs;

import org.adjoint4j.estimation.control.ControlParameterization;
import org.adjoint4j.estimation.control.ControlResult;
import org.adjoint4j.estimation.control.LinearQuadraticRegulator;
import org.adjoint4j.estimation.control.OptimalControl;

/**
 * The double-integrator LQR solved by direct shooting with more and more control intervals, each
 * cost compared with the Riccati optimum.
 */
public final class ControlLqr {

    private ControlLqr() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        LinearQuadraticRegulator lqr = new LinearQuadraticRegulator();
        double optimum = lqr.riccatiOptimum();
        System.out.printf("Riccati optimum %.10f%n", optimum);
        for (int k : new int[] {10, 100, 1000}) {
            OptimalControl problem = new OptimalControl(lqr, ControlParameterization.PIECEWISE_CONSTANT, k);
            ControlResult r = problem.solve(new double[k], Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null);
            System.out.printf("K = %4d: J = %.10f, gap %.2e, %d iterations, %.2f ms per gradient%n", k, r.objective(),
                    (r.objective() - optimum) / optimum, r.iterations(), r.gradientSeconds() * 1e3);
        }
    }
}
