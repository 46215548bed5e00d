package org.adjoint4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Reverse mode on the seed article's examples: values recorded forward, adjoints accumulated
 * backward over every path, only the branch taken, a chosen subgradient at a kink, and the sweep as
 * a chain of Jacobian-transpose products.
 */
class TapeWorkedExamplesTest {

    /** f(x, y) = x sin y + y exp x at (2, 0.5), every intermediate value and adjoint. */
    @Test
    void xSinYPlusYExpX() {
        Tape tape = new Tape();
        TapeVariable x = tape.variable("x", 2.0);
        TapeVariable y = tape.variable("y", 0.5);
        TapeVariable v3 = y.sin();
        TapeVariable v4 = x.multiply(v3);
        TapeVariable v5 = x.exp();
        TapeVariable v6 = y.multiply(v5);
        TapeVariable f = v4.add(v6);
        assertEquals(7, tape.size());
        double[] g = tape.gradient(f, x, y);

        double sinY = Math.sin(0.5);
        double expX = Math.exp(2.0);
        assertEquals(2 * sinY + 0.5 * expX, f.getReal(), 1e-15);
        // d f / d x = sin y + y e^x,  d f / d y = x cos y + e^x
        assertEquals(sinY + 0.5 * expX, g[0], 1e-15);
        assertEquals(2 * Math.cos(0.5) + expX, g[1], 1e-14);
        assertEquals(4.173954, g[0], 1e-6);
        assertEquals(9.144221, g[1], 1e-6);
        // Intermediate adjoints: vbar_6 = vbar_4 = 1, vbar_5 = y, vbar_3 = x.
        assertEquals(1.0, tape.adjoint(v6));
        assertEquals(1.0, tape.adjoint(v4));
        assertEquals(0.5, tape.adjoint(v5));
        assertEquals(2.0, tape.adjoint(v3));
        // x feeds two paths (x sin y and exp x): its adjoint is the sum sin y + e^x * vbar_5.
        assertEquals(sinY + expX * 0.5, tape.adjoint(x), 1e-15);
    }

    /** L = (w x + b)(w x): the node w x feeds two paths and its adjoint is the sum of both. */
    @Test
    void sharedNodeSumsTheAdjointsOfBothPaths() {
        Tape tape = new Tape();
        TapeVariable w = tape.variable("w", 2.0);
        TapeVariable x = tape.variable("x", 3.0);
        TapeVariable b = tape.variable("b", 1.0);
        TapeVariable wx = w.multiply(x);
        TapeVariable loss = wx.add(b).multiply(wx);
        double[] g = tape.gradient(loss, w, x, b);
        assertEquals(42.0, loss.getReal());
        // dL/d(wx) = (wx + b) through the left factor + wx through the right one = 7 + 6.
        assertEquals(13.0, tape.adjoint(wx));
        assertArrayEquals(new double[] {13.0 * 3, 13.0 * 2, 6.0}, g);
    }

    /** Only the branch actually taken is recorded, so only it contributes. */
    @Test
    void onlyTheTakenBranchContributes() {
        for (double x0 : new double[] {1.5, -1.5}) {
            Tape tape = new Tape();
            TapeVariable x = tape.variable(x0);
            TapeVariable f = x.getReal() > 0 ? x.square() : x.sin();
            assertEquals(2, tape.size(), "one input and the one operation taken");
            double expected = x0 > 0 ? 2 * x0 : Math.cos(x0);
            assertEquals(expected, tape.gradient(f, x)[0], 1e-15);
        }
    }

    /** ReLU: derivative 1 above 0, 0 below, and the documented subgradient 0 at 0. */
    @Test
    void reluUsesTheSubgradientZeroAtTheKink() {
        double[] at = {-1.0, 0.0, 1e-300, 2.0};
        double[] expected = {0.0, 0.0, 1.0, 1.0};
        for (int i = 0; i < at.length; i++) {
            Tape tape = new Tape();
            TapeVariable x = tape.variable(at[i]);
            TapeVariable r = x.relu();
            assertEquals(Math.max(at[i], 0.0), r.getReal());
            assertEquals(expected[i], tape.gradient(r, x)[0], "relu'(" + at[i] + ")");
        }
        Tape tape = new Tape();
        TapeVariable a = tape.variable(1.0);
        TapeVariable b = tape.variable(1.0);
        assertArrayEquals(new double[] {0, 1}, tape.gradient(a.max(b), a, b), "max at a tie follows the second");
    }

    /**
     * h = g(f(x)) with f(x) = (x0 x1, sin x0 + x1) and g(u) = u0^2 + exp(u1): the tape's gradient
     * is J_f^T (J_g^T 1), the product of the transposed Jacobians.
     */
    @Test
    void sweepIsAChainOfTransposedJacobians() {
        double x0 = 0.7;
        double x1 = -1.3;
        Tape tape = new Tape();
        TapeVariable a = tape.variable(x0);
        TapeVariable b = tape.variable(x1);
        TapeVariable u0 = a.multiply(b);
        TapeVariable u1 = a.sin().add(b);
        TapeVariable h = u0.square().add(u1.exp());
        double[] g = tape.gradient(h, a, b);

        double[][] jf = {{x1, x0}, {Math.cos(x0), 1}};
        double[] u = {x0 * x1, Math.sin(x0) + x1};
        double[] jg = {2 * u[0], Math.exp(u[1])};
        double[] expected = {jf[0][0] * jg[0] + jf[1][0] * jg[1], jf[0][1] * jg[0] + jf[1][1] * jg[1]};
        assertArrayEquals(expected, g, 1e-15);
    }

    /** A reset keeps arrays and pooled variables: a second evaluation reuses the same objects. */
    @Test
    void resetReusesTheTape() {
        Tape tape = new Tape(4);
        TapeVariable x = tape.variable(1.0);
        TapeVariable y = x.multiply(2.0);
        for (int i = 0; i < 100; i++) {
            y = y.add(x); // grows the tape past its initial capacity
        }
        tape.reset();
        TapeVariable x2 = tape.variable(5.0);
        TapeVariable y2 = x2.multiply(3.0);
        assertSame(x, x2, "node 0's variable object is reused");
        assertEquals(0, x2.index());
        assertEquals(2, tape.size());
        assertEquals(15.0, y2.getReal());
        assertEquals(3.0, tape.gradient(y2, x2)[0]);
    }
}
