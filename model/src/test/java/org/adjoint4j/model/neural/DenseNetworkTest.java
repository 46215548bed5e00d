package org.adjoint4j.model.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.adjoint4j.autodiff.Fields;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The network's reverse pass by whole matrices equals forward mode (Hipparchus Gradient) of its
 * scalar field version, for every activation, to 1e-13; relu at exactly 0 has derivative 0.
 */
class DenseNetworkTest {

    @ParameterizedTest
    @EnumSource(Elementwise.class)
    void reverseByMatricesEqualsForwardMode(Elementwise activation) {
        DenseNetwork net = new DenseNetwork(new int[] {3, 5, 4, 3}, Elementwise.CUBE, activation, activation,
                Elementwise.IDENTITY);
        int batch = 4;
        Random random = new Random(7);
        double[] p = net.initialParameters(3, 0.5);
        for (int j = 0; j < p.length; j++) {
            p[j] += 0.1 * random.nextGaussian();
        }
        double[] u = new double[batch * 3];
        double[] w = new double[batch * 3];
        for (int i = 0; i < u.length; i++) {
            u[i] = random.nextGaussian();
            w[i] = random.nextGaussian();
        }
        DenseNetwork.Workspace ws = net.workspace(batch);
        double[] out = new double[batch * 3];
        net.forward(p, u, out, ws);
        double[] du = new double[u.length];
        double[] dp = new double[p.length];
        net.backward(w, du, dp, ws);
        checkAgainstForwardMode(net, batch, p, u, w, out, du, dp);
    }

    static void checkAgainstForwardMode(DenseNetwork net, int batch, double[] p, double[] u, double[] w,
            double[] out, double[] du, double[] dp) {
        int m = p.length;
        int free = m + u.length;
        Gradient[] gp = Fields.variables(p, free, 0);
        Gradient[] gu = Fields.variables(u, free, m);
        Gradient[] f = new Gradient[out.length];
        net.forward(gp, gu, batch, f);
        Gradient j = Gradient.constant(free, 0.0);
        for (int i = 0; i < f.length; i++) {
            assertEquals(f[i].getValue(), out[i], 1e-13 * Math.max(1, Math.abs(out[i])), "output " + i);
            j = j.add(f[i].multiply(w[i]));
        }
        double[] g = j.getGradient();
        for (int k = 0; k < m; k++) {
            assertEquals(g[k], dp[k], 1e-13 * Math.max(1, Math.abs(g[k])), net.parameterName(k));
        }
        for (int i = 0; i < u.length; i++) {
            assertEquals(g[m + i], du[i], 1e-13 * Math.max(1, Math.abs(g[m + i])), "input " + i);
        }
    }

    @Test
    void reluAtExactlyZeroHasTheSubgradientZero() {
        // Zero weights into the hidden layer and zero biases: every hidden pre-activation is exactly 0.
        DenseNetwork net = new DenseNetwork(new int[] {2, 3, 2}, Elementwise.IDENTITY, Elementwise.RELU,
                Elementwise.IDENTITY);
        double[] p = new double[net.parameterCount()];
        for (int j = 9; j < 15; j++) {
            p[j] = 1.0 + j; // W2
        }
        double[] u = {0.7, -1.3};
        double[] w = {1.0, 1.0};
        DenseNetwork.Workspace ws = net.workspace(1);
        double[] out = new double[2];
        net.forward(p, u, out, ws);
        double[] du = new double[2];
        double[] dp = new double[p.length];
        net.backward(w, du, dp, ws);
        // relu'(0) = 0: nothing flows back through the hidden layer, to the inputs or to W1, b1.
        for (int j = 0; j < 9; j++) {
            assertEquals(0.0, dp[j], 0.0, net.parameterName(j));
        }
        assertEquals(0.0, du[0], 0.0);
        assertEquals(0.0, du[1], 0.0);
        assertEquals(1.0, dp[15], 0.0, "b2[0]");
        checkAgainstForwardMode(net, 1, p, u, w, out, du, dp);
        assertEquals(0.0, Elementwise.RELU.derivative(0.0, 0.0), 0.0);
        assertEquals(1.0, Elementwise.RELU.derivative(1e-300, 1e-300), 0.0);
    }

    @Test
    void theLayoutIsPyTorchsAndCountsAreClosedForm() {
        DenseNetwork demo = DenseNetwork.perceptron(2, 50, 1, Elementwise.CUBE, Elementwise.TANH);
        assertEquals(252, demo.parameterCount()); // 2*50 + 50 + 50*2 + 2
        assertEquals("W1[0,1]", demo.parameterName(1));
        assertEquals("b1[0]", demo.parameterName(100));
        assertEquals("W2[1,0]", demo.parameterName(200));
        assertEquals("b2[1]", demo.parameterName(251));
        DenseNetwork big = DenseNetwork.perceptron(2, 1000, 2, Elementwise.CUBE, Elementwise.TANH);
        assertEquals(2 * 1000 + 1000 + 1000 * 1000 + 1000 + 1000 * 2 + 2, big.parameterCount());
        assertThrows(IllegalArgumentException.class, () -> DenseNetwork.perceptron(2, 0, 1, Elementwise.CUBE,
                Elementwise.TANH));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.byName("gelu"));
    }
}
