package org.adjoint4j.model.neural;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hipparchus.CalculusFieldElement;

/**
 * A dense feed-forward network applied to a batch of B rows at once, with its reverse mode by
 * whole matrices (EJML), never by scalar tape. With sizes {@code n_0, ..., n_L}, an input map
 * {@code s_in} and activations {@code s_0, ..., s_{L-1}}:
 * <pre>
 *   X_0 = s_in(U)                       U: B x n_0, the inputs, one row each
 *   Z_l = X_l W_l^T + 1 b_l^T           W_l: n_{l+1} x n_l, b_l: n_{l+1}
 *   X_{l+1} = s_l(Z_l)                  output F = X_L: B x n_L
 * </pre>
 * and, for a cotangent {@code G_L = dJ/dF}, from {@code l = L-1} down to 0:
 * <pre>
 *   D_l = G_{l+1} .* s_l'(Z_l)          dJ/dW_l = D_l^T X_l      dJ/db_l = D_l^T 1
 *   G_l = D_l W_l                       dJ/dU = G_0 .* s_in'(U)
 * </pre>
 * Parameters are laid out layer by layer, each {@code W_l} row-major then {@code b_l}, as in
 * PyTorch's {@code Linear} ({@code x W^T + b}); there are {@code sum_l n_{l+1} (n_l + 1)} of them.
 * Immutable; the work arrays live in a {@link Workspace}, one per thread.
 */
public final class DenseNetwork {

    private final int[] sizes;
    private final Elementwise input;
    private final Elementwise[] activations;
    private final int[] offsets;

    /**
     * @param sizes the layer widths {@code n_0, ..., n_L}, at least two, each at least 1
     * @param input the map applied to the inputs before the first layer
     * @param activations {@code s_0, ..., s_{L-1}}, one per layer (the last is usually identity)
     */
    public DenseNetwork(int[] sizes, Elementwise input, Elementwise... activations) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("sizes must list at least two widths (input and output)");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("every width must be >= 1, got " + s);
            }
        }
        if (activations.length != sizes.length - 1) {
            throw new IllegalArgumentException("a network of " + (sizes.length - 1) + " layers needs as many "
                    + "activations, got " + activations.length);
        }
        this.sizes = sizes.clone();
        this.input = input;
        this.activations = activations.clone();
        this.offsets = new int[sizes.length];
        long total = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            offsets[l] = (int) total;
            total += (long) sizes[l + 1] * (sizes[l] + 1);
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a network of more than 2^31 parameters is not supported");
            }
        }
        offsets[sizes.length - 1] = (int) total;
    }

    /**
     * A multilayer perceptron with equal hidden widths: {@code n -> W -> ... -> W -> n}, the
     * activation after each hidden layer, none after the last.
     *
     * @param n the input and output width
     * @param width W, the hidden width
     * @param depth the number of hidden layers, at least 1
     * @param input the input map
     * @param activation the hidden layers' activation
     * @return the network
     */
    public static DenseNetwork perceptron(int n, int width, int depth, Elementwise input, Elementwise activation) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        int[] sizes = new int[depth + 2];
        Elementwise[] acts = new Elementwise[depth + 1];
        sizes[0] = n;
        for (int l = 1; l <= depth; l++) {
            sizes[l] = width;
            acts[l - 1] = activation;
        }
        sizes[depth + 1] = n;
        acts[depth] = Elementwise.IDENTITY;
        return new DenseNetwork(sizes, input, acts);
    }

    /** @return n_0 */
    public int inputSize() {
        return sizes[0];
    }

    /** @return n_L */
    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    /** @return L, the number of layers */
    public int layers() {
        return sizes.length - 1;
    }

    /** @return the widths {@code n_0, ..., n_L} */
    public int[] sizes() {
        return sizes.clone();
    }

    /** @return the number of weights and biases */
    public int parameterCount() {
        return offsets[sizes.length - 1];
    }

    /**
     * @param j a parameter index
     * @return its name, {@code W1[i,k]} or {@code b1[i]} (layers counted from 1)
     */
    public String parameterName(int j) {
        for (int l = 0; l < layers(); l++) {
            int w = sizes[l + 1] * sizes[l];
            int local = j - offsets[l];
            if (local >= 0 && local < w) {
                return "W" + (l + 1) + "[" + local / sizes[l] + "," + local % sizes[l] + "]";
            }
            if (local >= w && local < w + sizes[l + 1]) {
                return "b" + (l + 1) + "[" + (local - w) + "]";
            }
        }
        throw new IllegalArgumentException("parameter index " + j + " is not in 0.." + (parameterCount() - 1));
    }

    /**
     * Seeded weights from N(0, std^2) and zero biases (the torchdiffeq demo's initialization).
     *
     * @param seed the seed
     * @param std the weights' standard deviation
     * @return the parameters
     */
    public double[] initialParameters(long seed, double std) {
        double[] p = new double[parameterCount()];
        Random random = new Random(seed);
        for (int l = 0; l < layers(); l++) {
            int w = sizes[l + 1] * sizes[l];
            for (int k = 0; k < w; k++) {
                p[offsets[l] + k] = std * random.nextGaussian();
            }
        }
        return p;
    }

    /**
     * @param batch B, the rows evaluated at once
     * @return work arrays for batches of B rows (one per thread)
     */
    public Workspace workspace(int batch) {
        return new Workspace(batch);
    }

    /** The work arrays of one thread: the weights, the activations of a forward pass, the cotangents. */
    public final class Workspace {
        private final int batch;
        private final DMatrixRMaj[] weights;
        private final double[][] biases;
        private final DMatrixRMaj[] x;
        private final DMatrixRMaj[] z;
        private final DMatrixRMaj[] g;
        private final DMatrixRMaj[] dw;
        private final double[] u;

        private Workspace(int batch) {
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            }
            this.batch = batch;
            int layers = layers();
            weights = new DMatrixRMaj[layers];
            biases = new double[layers][];
            dw = new DMatrixRMaj[layers];
            z = new DMatrixRMaj[layers];
            x = new DMatrixRMaj[layers + 1];
            g = new DMatrixRMaj[layers + 1];
            for (int l = 0; l < layers; l++) {
                weights[l] = new DMatrixRMaj(sizes[l + 1], sizes[l]);
                dw[l] = new DMatrixRMaj(sizes[l + 1], sizes[l]);
                biases[l] = new double[sizes[l + 1]];
                z[l] = new DMatrixRMaj(batch, sizes[l + 1]);
            }
            for (int l = 0; l <= layers; l++) {
                x[l] = new DMatrixRMaj(batch, sizes[l]);
                g[l] = new DMatrixRMaj(batch, sizes[l]);
            }
            u = new double[batch * sizes[0]];
        }

        /** @return B */
        public int batch() {
            return batch;
        }
    }

    /**
     * The forward pass; the workspace keeps its activations for {@link #backward}.
     *
     * @param p the parameters (not modified)
     * @param inputs U, B rows of n_0, row-major (not modified)
     * @param outputs receives F, B rows of n_L (modified)
     * @param ws the workspace
     */
    public void forward(double[] p, double[] inputs, double[] outputs, Workspace ws) {
        int layers = layers();
        for (int l = 0; l < layers; l++) {
            DMatrixRMaj w = ws.weights[l];
            System.arraycopy(p, offsets[l], w.data, 0, w.data.length);
            System.arraycopy(p, offsets[l] + w.data.length, ws.biases[l], 0, ws.biases[l].length);
        }
        int cells = ws.batch * sizes[0];
        System.arraycopy(inputs, 0, ws.u, 0, cells);
        double[] x0 = ws.x[0].data;
        for (int i = 0; i < cells; i++) {
            x0[i] = input.value(inputs[i]);
        }
        for (int l = 0; l < layers; l++) {
            CommonOps_DDRM.multTransB(ws.x[l], ws.weights[l], ws.z[l]);
            double[] zl = ws.z[l].data;
            double[] xl = ws.x[l + 1].data;
            double[] b = ws.biases[l];
            int width = b.length;
            Elementwise s = activations[l];
            for (int r = 0, k = 0; r < ws.batch; r++) {
                for (int c = 0; c < width; c++, k++) {
                    zl[k] += b[c];
                    xl[k] = s.value(zl[k]);
                }
            }
        }
        System.arraycopy(ws.x[layers].data, 0, outputs, 0, ws.batch * outputSize());
    }

    /**
     * The reverse pass after {@link #forward} in the same workspace (same p and inputs).
     *
     * @param outputCotangent G_L = dJ/dF, B rows of n_L (not modified)
     * @param inputCotangent receives dJ/dU, B rows of n_0 (modified)
     * @param parameterCotangent receives dJ/dp, every entry (modified)
     * @param ws the workspace of the forward pass
     */
    public void backward(double[] outputCotangent, double[] inputCotangent, double[] parameterCotangent,
            Workspace ws) {
        int layers = layers();
        System.arraycopy(outputCotangent, 0, ws.g[layers].data, 0, ws.batch * outputSize());
        for (int l = layers - 1; l >= 0; l--) {
            // D_l = G_{l+1} .* s_l'(Z_l), in place of G_{l+1}
            double[] d = ws.g[l + 1].data;
            double[] zl = ws.z[l].data;
            double[] xl = ws.x[l + 1].data;
            Elementwise s = activations[l];
            int cells = ws.batch * sizes[l + 1];
            for (int k = 0; k < cells; k++) {
                d[k] *= s.derivative(zl[k], xl[k]);
            }
            CommonOps_DDRM.multTransA(ws.g[l + 1], ws.x[l], ws.dw[l]);
            double[] dwl = ws.dw[l].data;
            System.arraycopy(dwl, 0, parameterCotangent, offsets[l], dwl.length);
            int width = sizes[l + 1];
            int bias = offsets[l] + dwl.length;
            for (int c = 0; c < width; c++) {
                parameterCotangent[bias + c] = 0.0;
            }
            for (int r = 0, k = 0; r < ws.batch; r++) {
                for (int c = 0; c < width; c++, k++) {
                    parameterCotangent[bias + c] += d[k];
                }
            }
            CommonOps_DDRM.mult(ws.g[l + 1], ws.weights[l], ws.g[l]);
        }
        double[] g0 = ws.g[0].data;
        double[] x0 = ws.x[0].data;
        int cells = ws.batch * sizes[0];
        for (int i = 0; i < cells; i++) {
            inputCotangent[i] = g0[i] * input.derivative(ws.u[i], x0[i]);
        }
    }

    /**
     * The forward pass over any field, scalar by scalar (for forward-mode checks of small
     * networks; it allocates).
     *
     * @param p the parameters
     * @param inputs U, B rows of n_0
     * @param batch B
     * @param outputs receives F, B rows of n_L
     * @param <T> the field
     */
    public <T extends CalculusFieldElement<T>> void forward(T[] p, T[] inputs, int batch, T[] outputs) {
        int layers = layers();
        for (int r = 0; r < batch; r++) {
            T[] x = org.hipparchus.util.MathArrays.buildArray(inputs[0].getField(), sizes[0]);
            for (int i = 0; i < sizes[0]; i++) {
                x[i] = input.value(inputs[r * sizes[0] + i]);
            }
            for (int l = 0; l < layers; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                T[] next = org.hipparchus.util.MathArrays.buildArray(inputs[0].getField(), out);
                int bias = offsets[l] + out * in;
                for (int o = 0; o < out; o++) {
                    T sum = p[bias + o];
                    for (int i = 0; i < in; i++) {
                        sum = sum.add(p[offsets[l] + o * in + i].multiply(x[i]));
                    }
                    next[o] = activations[l].value(sum);
                }
                x = next;
            }
            System.arraycopy(x, 0, outputs, r * outputSize(), outputSize());
        }
    }
}
