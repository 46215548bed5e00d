package org.adjoint4j.estimation.optimize;

/**
 * A first-order method for noisy gradients (minibatches), one update per gradient:
 * {@code x <- x - step(g)}, with whatever state the method keeps between updates. Conventions are
 * PyTorch's, so a training run can be compared with one there.
 */
public interface StochasticOptimizer {

    /**
     * One update, in place.
     *
     * @param x the parameters (modified)
     * @param gradient the gradient at x (not modified)
     */
    void update(double[] x, double[] gradient);

    /**
     * RMSprop as {@code torch.optim.RMSprop} (no momentum, not centered):
     * {@code v <- a v + (1 - a) g^2}, {@code x <- x - lr g / (sqrt(v) + eps)}, v starting at 0.
     *
     * @param learningRate lr
     * @param alpha a (PyTorch: 0.99)
     * @param epsilon eps (PyTorch: 1e-8)
     * @return the optimizer
     */
    static StochasticOptimizer rmsProp(double learningRate, double alpha, double epsilon) {
        check(learningRate, "learning rate");
        return new StochasticOptimizer() {
            private double[] v;

            @Override
            public void update(double[] x, double[] g) {
                if (v == null) {
                    v = new double[x.length];
                }
                for (int k = 0; k < x.length; k++) {
                    v[k] = alpha * v[k] + (1 - alpha) * g[k] * g[k];
                    x[k] -= learningRate * g[k] / (Math.sqrt(v[k]) + epsilon);
                }
            }
        };
    }

    /**
     * Adam as {@code torch.optim.Adam}: {@code m <- b1 m + (1 - b1) g}, {@code v <- b2 v + (1 - b2) g^2},
     * {@code x <- x - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)} at update t = 1, 2, ...
     *
     * @param learningRate lr
     * @param beta1 b1 (PyTorch: 0.9)
     * @param beta2 b2 (PyTorch: 0.999)
     * @param epsilon eps (PyTorch: 1e-8)
     * @return the optimizer
     */
    static StochasticOptimizer adam(double learningRate, double beta1, double beta2, double epsilon) {
        check(learningRate, "learning rate");
        return new StochasticOptimizer() {
            private double[] m;
            private double[] v;
            private int t;

            @Override
            public void update(double[] x, double[] g) {
                if (m == null) {
                    m = new double[x.length];
                    v = new double[x.length];
                }
                t++;
                double c1 = 1 - Math.pow(beta1, t);
                double c2 = 1 - Math.pow(beta2, t);
                for (int k = 0; k < x.length; k++) {
                    m[k] = beta1 * m[k] + (1 - beta1) * g[k];
                    v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
                    x[k] -= learningRate * (m[k] / c1) / (Math.sqrt(v[k] / c2) + epsilon);
                }
            }
        };
    }

    private static void check(double learningRate, String what) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + learningRate);
        }
    }
}
