package org.adjoint4j.adjoint.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.model.neural.DenseNetwork;
import org.adjoint4j.model.neural.Elementwise;
import org.adjoint4j.model.neural.NeuralOde;
import org.hipparchus.CalculusFieldElement;

/**
 * The spiral of torchdiffeq's {@code examples/ode_demo.py}, the standard neural-ODE benchmark.
 * Data: {@code y' = (y^3) A} (y a row), {@code A = [[-0.1, 2], [-2, -0.1]]}, {@code y(0) = (2, 0)},
 * at 1000 equally spaced times on [0, 25] (here by RK4 with 100 steps between points, 1e-12 close
 * to the exact flow). Model: {@code y' = N(y^3)}, N a perceptron {@code 2 -> W -> ... -> W -> 2}
 * with tanh (W = 50 and one hidden layer: 252 weights), initialized as the demo does (weights
 * N(0, 0.1^2), biases 0). A training batch: 20 windows of 10 consecutive points starting at
 * distinct seeded indices, all integrated together from their first point over the same 10
 * relative times; the loss is the demo's L1 mean over the 20 x 10 x 2 predicted values,
 * <pre>
 *   J = 1/400 sum_b sum_{k=1..9} sum_i |y_{b,i}(t_k) - d_{b,i,k}|
 * </pre>
 * (the k = 0 terms are identically 0: each window starts on its data). Its gradient uses the
 * subgradient {@code sign(0) = 0}.
 */
public final class NeuralSpiral {

    /** Points in the data. */
    public static final int POINTS = 1000;
    /** The time span of the data. */
    public static final double SPAN = 25.0;
    /** Windows per batch. */
    public static final int WINDOWS = 20;
    /** Points per window. */
    public static final int WINDOW_POINTS = 10;

    private static final double[][] A = {{-0.1, 2.0}, {-2.0, -0.1}};

    private final DenseNetwork network;
    private final double[] times;
    private final double[][] data;

    /**
     * @param width W, the hidden width (50 in the demo)
     * @param depth the number of hidden layers (1 in the demo)
     */
    public NeuralSpiral(int width, int depth) {
        if (width < 1 || depth < 1) {
            throw new IllegalArgumentException("width and depth must be >= 1, got width " + width + ", depth " + depth);
        }
        this.network = DenseNetwork.perceptron(2, width, depth, Elementwise.CUBE, Elementwise.TANH);
        this.times = new double[POINTS];
        this.data = new double[POINTS][];
        double h = SPAN / (POINTS - 1);
        double[] y = {2.0, 0.0};
        for (int k = 0; k < POINTS; k++) {
            times[k] = k * h;
            data[k] = y.clone();
            y = rk4(y, h, 100);
        }
    }

    /** @return the demo's problem: width 50, one hidden layer */
    public static NeuralSpiral demo() {
        return new NeuralSpiral(50, 1);
    }

    /** The true flow by RK4 with {@code steps} steps over h. */
    private static double[] rk4(double[] y0, double h, int steps) {
        double[] y = y0.clone();
        double dt = h / steps;
        for (int s = 0; s < steps; s++) {
            double[] k1 = truth(y);
            double[] k2 = truth(new double[] {y[0] + dt / 2 * k1[0], y[1] + dt / 2 * k1[1]});
            double[] k3 = truth(new double[] {y[0] + dt / 2 * k2[0], y[1] + dt / 2 * k2[1]});
            double[] k4 = truth(new double[] {y[0] + dt * k3[0], y[1] + dt * k3[1]});
            for (int i = 0; i < 2; i++) {
                y[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return y;
    }

    private static double[] truth(double[] y) {
        double c0 = y[0] * y[0] * y[0];
        double c1 = y[1] * y[1] * y[1];
        return new double[] {c0 * A[0][0] + c1 * A[1][0], c0 * A[0][1] + c1 * A[1][1]};
    }

    /** @return the network N */
    public DenseNetwork network() {
        return network;
    }

    /** @return the data's times, a copy */
    public double[] times() {
        return times.clone();
    }

    /**
     * @param k a point, 0..999
     * @return the data at it, a copy
     */
    public double[] data(int k) {
        return data[k].clone();
    }

    /**
     * @param seed the seed
     * @return the demo's initial weights and biases
     */
    public double[] initialParameters(long seed) {
        return network.initialParameters(seed, 0.1);
    }

    /**
     * @param random the generator (advanced by the draw)
     * @return 20 distinct window starts in 0..989, as numpy's {@code choice(..., replace=False)}
     *         would draw them (a partial shuffle)
     */
    public static int[] windowStarts(Random random) {
        int range = POINTS - WINDOW_POINTS;
        int[] all = new int[range];
        for (int i = 0; i < range; i++) {
            all[i] = i;
        }
        int[] starts = new int[WINDOWS];
        for (int b = 0; b < WINDOWS; b++) {
            int j = b + random.nextInt(range - b);
            int t = all[b];
            all[b] = all[j];
            all[j] = t;
            starts[b] = all[b];
        }
        return starts;
    }

    /**
     * A training batch: the windows integrated together, the L1 loss of the class documentation.
     *
     * @param parameters the network's parameters
     * @param starts the windows' first points
     * @return the problem (dJ/dp is the training gradient)
     */
    public GradientProblem batch(double[] parameters, int[] starts) {
        int b = starts.length;
        NeuralOde model = new NeuralOde(network, b);
        double[] y0 = new double[2 * b];
        for (int w = 0; w < b; w++) {
            y0[2 * w] = data[starts[w]][0];
            y0[2 * w + 1] = data[starts[w]][1];
        }
        double scale = 1.0 / (b * WINDOW_POINTS * 2);
        List<Objective.Observation> terms = new ArrayList<>();
        for (int k = 1; k < WINDOW_POINTS; k++) {
            double[] target = new double[2 * b];
            for (int w = 0; w < b; w++) {
                target[2 * w] = data[starts[w] + k][0];
                target[2 * w + 1] = data[starts[w] + k][1];
            }
            terms.add(new Objective.Observation(times[k], new AbsoluteError(target, scale)));
        }
        return new GradientProblem("neural-spiral", model, parameters.clone(), y0, 0.0, times[WINDOW_POINTS - 1],
                Objective.none().withObservations(terms));
    }

    /**
     * The whole trajectory from y(0) = (2, 0) against all 1000 points: the demo's test loss,
     * {@code 1/2000 sum_k sum_i |y_i(t_k) - d_{k,i}|}.
     *
     * @param parameters the network's parameters
     * @return the problem
     */
    public GradientProblem trajectory(double[] parameters) {
        NeuralOde model = new NeuralOde(network, 1);
        double scale = 1.0 / (POINTS * 2);
        List<Objective.Observation> terms = new ArrayList<>();
        for (int k = 1; k < POINTS; k++) {
            terms.add(new Objective.Observation(times[k], new AbsoluteError(data[k], scale)));
        }
        return new GradientProblem("neural-spiral trajectory", model, parameters.clone(), data[0].clone(), 0.0,
                times[POINTS - 1], Objective.none().withObservations(terms));
    }

    /**
     * The built-in problem: the demo's network at its seed-0 initialization, on the seed-0 batch.
     *
     * @return the problem
     */
    public GradientProblem problem() {
        return batch(initialParameters(0), windowStarts(new Random(0)));
    }

    /** {@code scale sum_i |y_i - d_i|}, with the subgradient sign(0) = 0. */
    static final class AbsoluteError implements StateFunction {
        private final double[] target;
        private final double scale;

        AbsoluteError(double[] target, double scale) {
            this.target = target.clone();
            this.scale = scale;
        }

        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            T sum = t.getField().getZero();
            for (int i = 0; i < target.length; i++) {
                T e = y[i].subtract(target[i]);
                sum = sum.add(e.getReal() < 0 ? e.negate() : e.getReal() > 0 ? e : e.multiply(0.0));
            }
            return sum.multiply(scale);
        }

        @Override
        public double value(double t, double[] y, double[] p) {
            double sum = 0.0;
            for (int i = 0; i < target.length; i++) {
                sum += Math.abs(y[i] - target[i]);
            }
            return sum * scale;
        }

        @Override
        public void gradient(double t, double[] y, double[] p, double[] gradientState, double[] gradientParameters) {
            for (int i = 0; i < target.length; i++) {
                gradientState[i] = scale * Math.signum(y[i] - target[i]);
            }
            java.util.Arrays.fill(gradientParameters, 0.0);
        }

        @Override
        public int parameterSupportStart(double t) {
            return 0;
        }

        @Override
        public int parameterSupportEnd(double t) {
            return 0;
        }
    }
}
