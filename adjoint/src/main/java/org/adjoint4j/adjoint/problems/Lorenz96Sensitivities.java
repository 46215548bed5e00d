package org.adjoint4j.adjoint.problems;

/**
 * Forward sensitivities of Lorenz-96 by RK4 on the augmented state {@code (x, S)},
 * {@code S_ij = dx_i / dF_j}: {@code x' = f(x, F)}, {@code S' = f_x S + I}, with the same steps
 * and stage structure as the adjoint's RK4, in plain doubles (column-major S, no allocation per
 * step). Then {@code dJ/dF = (x(T) / n)^T S(T)}. The honest competitor of the adjoint: its cost
 * is about m + 1 forward solves.
 */
public final class Lorenz96Sensitivities {

    private Lorenz96Sensitivities() {
    }

    /**
     * @param x0 the initial state (not modified)
     * @param forcing F (not modified)
     * @param finalTime T
     * @param steps RK4 steps
     * @return {@code dJ/dF} of {@code J = (1 / (2n)) |x(T)|^2}
     */
    public static double[] gradient(double[] x0, double[] forcing, double finalTime, int steps) {
        int n = x0.length;
        int m = forcing.length;
        double h = finalTime / steps;
        double[] x = x0.clone();
        double[] s = new double[n * m];
        double[][] kx = new double[4][n];
        double[][] ks = new double[4][n * m];
        double[] xs = new double[n];
        double[] ss = new double[n * m];
        double[] c = {0, 0.5, 0.5, 1};
        double[] b = {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6};
        for (int step = 0; step < steps; step++) {
            for (int stage = 0; stage < 4; stage++) {
                double a = stage == 0 ? 0 : c[stage];
                double[] px = stage == 0 ? x : kx[stage - 1];
                double[] ps = stage == 0 ? s : ks[stage - 1];
                if (stage == 0) {
                    rhs(x, s, forcing, kx[0], ks[0], n, m);
                    continue;
                }
                double ha = h * a;
                for (int i = 0; i < n; i++) {
                    xs[i] = x[i] + ha * px[i];
                }
                for (int k = 0; k < n * m; k++) {
                    ss[k] = s[k] + ha * ps[k];
                }
                rhs(xs, ss, forcing, kx[stage], ks[stage], n, m);
            }
            for (int i = 0; i < n; i++) {
                x[i] += h * (b[0] * kx[0][i] + b[1] * kx[1][i] + b[2] * kx[2][i] + b[3] * kx[3][i]);
            }
            for (int k = 0; k < n * m; k++) {
                s[k] += h * (b[0] * ks[0][k] + b[1] * ks[1][k] + b[2] * ks[2][k] + b[3] * ks[3][k]);
            }
        }
        double[] g = new double[m];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x[i] / n * s[j * n + i];
            }
            g[j] = sum;
        }
        return g;
    }

    /**
     * f(x) and f_x S + I, column by column: (f_x v)_i = (v_{i+1} - v_{i-2}) x_{i-1} + (x_{i+1} - x_{i-2}) v_{i-1} - v_i.
     * The three wrap-around rows of each column apart, the interior without index arithmetic mod n
     * (as {@link Lorenz96} does), so this competitor is written as well as the adjoint's model.
     */
    private static void rhs(double[] x, double[] s, double[] forcing, double[] fx, double[] fs, int n, int m) {
        fx[0] = (x[1] - x[n - 2]) * x[n - 1] - x[0] + forcing[0];
        fx[1] = (x[2] - x[n - 1]) * x[0] - x[1] + forcing[1];
        for (int i = 2; i < n - 1; i++) {
            fx[i] = (x[i + 1] - x[i - 2]) * x[i - 1] - x[i] + forcing[i];
        }
        fx[n - 1] = (x[0] - x[n - 3]) * x[n - 2] - x[n - 1] + forcing[n - 1];
        double d0 = x[1] - x[n - 2];
        double d1 = x[2] - x[n - 1];
        double dLast = x[0] - x[n - 3];
        for (int j = 0; j < m; j++) {
            int o = j * n;
            fs[o] = (s[o + 1] - s[o + n - 2]) * x[n - 1] + d0 * s[o + n - 1] - s[o];
            fs[o + 1] = (s[o + 2] - s[o + n - 1]) * x[0] + d1 * s[o] - s[o + 1];
            for (int i = 2; i < n - 1; i++) {
                fs[o + i] = (s[o + i + 1] - s[o + i - 2]) * x[i - 1] + (x[i + 1] - x[i - 2]) * s[o + i - 1]
                        - s[o + i];
            }
            fs[o + n - 1] = (s[o] - s[o + n - 3]) * x[n - 2] + dLast * s[o + n - 2] - s[o + n - 1];
            if (j < n) {
                fs[o + j] += 1.0;
            }
        }
    }
}
