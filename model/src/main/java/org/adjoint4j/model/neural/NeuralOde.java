package org.adjoint4j.model.neural;

import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.hipparchus.CalculusFieldElement;

/**
 * A neural ODE: B independent copies ("windows") of {@code y_b' = N(y_b; p)}, one state of n per
 * window, all driven by one {@link DenseNetwork} N whose weights and biases are the parameters.
 * The state is the B rows of n, concatenated; {@code m = N.parameterCount()}.
 * <pre>
 *   rhs:   Y' = N(Y)                                   (Y: B x n, one network pass for all rows)
 *   vjp:   (df/dY)^T W and (df/dp)^T W = one forward and one reverse pass of N with G = W
 * </pre>
 * so a product costs about three network passes by whole matrices, whatever m. The network's
 * kinks follow {@link Elementwise}'s conventions (relu'(0) = 0). Thread-safe: each thread has its
 * own workspace.
 */
public final class NeuralOde implements ParametricOde {

    private final DenseNetwork network;
    private final int windows;
    private final ThreadLocal<Work> work;

    /** One thread's network workspace and a scratch product. */
    private static final class Work {
        final DenseNetwork.Workspace network;
        final double[] state;
        final double[] parameters;

        Work(DenseNetwork n, int windows) {
            network = n.workspace(windows);
            state = new double[windows * n.inputSize()];
            parameters = new double[n.parameterCount()];
        }
    }

    /**
     * @param network N, with as many outputs as inputs
     * @param windows B, the independent copies integrated together
     */
    public NeuralOde(DenseNetwork network, int windows) {
        if (network.inputSize() != network.outputSize()) {
            throw new IllegalArgumentException("a neural ODE's network maps the state to its derivative: it needs as "
                    + "many outputs as inputs, got " + network.inputSize() + " -> " + network.outputSize());
        }
        if (windows < 1) {
            throw new IllegalArgumentException("windows must be >= 1, got " + windows);
        }
        this.network = network;
        this.windows = windows;
        this.work = ThreadLocal.withInitial(() -> new Work(network, windows));
    }

    /** @return N */
    public DenseNetwork network() {
        return network;
    }

    /** @return B */
    public int windows() {
        return windows;
    }

    @Override
    public int stateDimension() {
        return windows * network.inputSize();
    }

    @Override
    public int parameterDimension() {
        return network.parameterCount();
    }

    @Override
    public String stateName(int i) {
        int n = network.inputSize();
        return windows == 1 ? "y" + (i + 1) : "y" + (i / n + 1) + "." + (i % n + 1);
    }

    @Override
    public String parameterName(int j) {
        return network.parameterName(j);
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        network.forward(p, y, yDot, work.get().network);
    }

    @Override
    public void vjp(double t, double[] y, double[] p, double[] w, double[] outState, double[] outParameters) {
        Work k = work.get();
        network.forward(p, y, k.state, k.network);
        network.backward(w, outState, outParameters, k.network);
    }

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
        Work k = work.get();
        network.forward(p, y, k.state, k.network);
        network.backward(w, out, k.parameters, k.network);
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
        Work k = work.get();
        network.forward(p, y, k.state, k.network);
        network.backward(w, k.state, out, k.network);
    }

    @Override
    public FieldParametricOde field() {
        return new FieldParametricOde() {
            @Override
            public int stateDimension() {
                return NeuralOde.this.stateDimension();
            }

            @Override
            public int parameterDimension() {
                return NeuralOde.this.parameterDimension();
            }

            @Override
            public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
                network.forward(p, y, windows, yDot);
            }
        };
    }
}
