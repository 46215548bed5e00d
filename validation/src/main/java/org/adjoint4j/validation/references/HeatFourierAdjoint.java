package org.adjoint4j.validation.references;

import org.adjoint4j.adjoint.problems.Heat;

/**
 * The exact adjoint of the reference heat problem with constant diffusivity 1: the semi-discrete
 * operator has eigenvectors {@code sin(k pi x_i)} and eigenvalues
 * {@code mu_k = -4 sin^2(k pi h / 2) / h^2}, so
 * <pre>
 *   dJ/du0_i = h [e^{mu_1 T} (e^{mu_1 T} - 0.3) sin(pi x_i) + 0.5 e^{2 mu_3 T} sin(3 pi x_i)],
 * </pre>
 * and with the continuous eigenvalues {@code -k^2 pi^2} the same formula is h times the continuous
 * adjoint {@code lambda(0, x_i)}.
 */
public final class HeatFourierAdjoint {

    private HeatFourierAdjoint() {
    }

    /**
     * @param n interior nodes
     * @param semiDiscrete the semi-discrete eigenvalues (else the continuous ones)
     * @return {@code dJ/du0}, length n
     */
    public static double[] initialStateGradient(int n, boolean semiDiscrete) {
        double h = 1.0 / (n + 1);
        double t = Heat.FINAL_TIME;
        double mu1 = semiDiscrete ? -4 * Math.pow(Math.sin(Math.PI * h / 2), 2) / (h * h) : -Math.PI * Math.PI;
        double mu3 = semiDiscrete ? -4 * Math.pow(Math.sin(3 * Math.PI * h / 2), 2) / (h * h) : -9 * Math.PI * Math.PI;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double x = (i + 1) * h;
            g[i] = h * (Math.exp(mu1 * t) * (Math.exp(mu1 * t) - 0.3) * Math.sin(Math.PI * x)
                    + 0.5 * Math.exp(2 * mu3 * t) * Math.sin(3 * Math.PI * x));
        }
        return g;
    }
}
