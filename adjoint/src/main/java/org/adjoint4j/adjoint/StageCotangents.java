package org.adjoint4j.adjoint;

/**
 * The vector passes both Runge–Kutta adjoints share, written as whole-vector loops the JIT
 * vectorizes (a loop over stages inside the loop over components does not).
 */
final class StageCotangents {

    private StageCotangents() {
    }

    /**
     * {@code kbar = h (b_i lambda + sum_{j > i} a_ji cot_j)}, the cotangent of stage i's slope.
     *
     * @param h the step size
     * @param bi the weight b_i
     * @param lambda the step's output cotangent (not modified)
     * @param a the tableau's matrix (not modified)
     * @param i the stage
     * @param cot the later stages' input cotangents (not modified)
     * @param kBar receives the result (modified)
     */
    static void slope(double h, double bi, double[] lambda, double[][] a, int i, double[][] cot, double[] kBar) {
        int n = kBar.length;
        for (int k = 0; k < n; k++) {
            kBar[k] = bi * lambda[k];
        }
        for (int j = i + 1; j < cot.length; j++) {
            double aji = a[j][i];
            if (aji != 0.0) {
                double[] later = cot[j];
                for (int k = 0; k < n; k++) {
                    kBar[k] += aji * later[k];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            kBar[k] *= h;
        }
    }

    /**
     * {@code lambda += sum_i cot_i} over the stages that contribute.
     *
     * @param lambda the cotangent to update (modified)
     * @param cot every stage's input cotangent (not modified)
     * @param contributing which stages reach the step's output
     */
    static void addStages(double[] lambda, double[][] cot, boolean[] contributing) {
        int n = lambda.length;
        for (int i = 0; i < cot.length; i++) {
            if (contributing[i]) {
                double[] c = cot[i];
                for (int k = 0; k < n; k++) {
                    lambda[k] += c[k];
                }
            }
        }
    }

    /**
     * {@code mu[from..to) += stage[from..to)}: only the parameters the stage depends on.
     *
     * @param mu the parameter cotangent (modified)
     * @param stage the stage's parameter product (not modified)
     * @param from first parameter of the stage's support
     * @param to one past the last
     */
    static void addParameters(double[] mu, double[] stage, int from, int to) {
        for (int q = from; q < to; q++) {
            mu[q] += stage[q];
        }
    }
}
