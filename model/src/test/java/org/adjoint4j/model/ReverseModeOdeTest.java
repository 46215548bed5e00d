package org.adjoint4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tape-based products equal hand-written and forward-mode ones. */
class ReverseModeOdeTest {

    @Test
    void productsEqualHandWrittenOnes() {
        Random random = new Random(9);
        TestModels.PredatorPrey hand = new TestModels.PredatorPrey();
        ReverseModeOde tape = new ReverseModeOde(hand);
        ForwardModeOde forward = new ForwardModeOde(hand);
        double[] p = {1.5, 1.0, 3.0, 1.0};
        for (int trial = 0; trial < 50; trial++) {
            double[] y = {random.nextDouble() + 0.5, random.nextDouble() + 0.5};
            double[] w = {random.nextGaussian(), random.nextGaussian()};
            double[][] expected = products(hand, y, p, w);
            double[][] viaTape = products(tape, y, p, w);
            double[][] viaForward = products(forward, y, p, w);
            assertArrayEquals(expected[0], viaTape[0], 1e-15);
            assertArrayEquals(expected[1], viaTape[1], 1e-15);
            assertArrayEquals(viaForward[0], viaTape[0], 1e-15);
            double[] separate = new double[2];
            tape.vjpState(0.3, y, p, w, separate);
            assertArrayEquals(expected[0], separate, 1e-15);
            double[] separateP = new double[4];
            tape.vjpParameters(0.3, y, p, w, separateP);
            assertArrayEquals(expected[1], separateP, 1e-15);
        }
    }

    @Test
    void timeEntersAsAConstant() {
        TestModels.Forced hand = new TestModels.Forced();
        ReverseModeOde tape = new ReverseModeOde(hand);
        double[] p = {0.7, -0.3};
        double[] y = {1.1};
        double[] w = {2.0};
        double[][] a = products(hand, y, p, w);
        double[][] b = products(tape, y, p, w);
        assertArrayEquals(a[0], b[0], 1e-15);
        assertArrayEquals(a[1], b[1], 1e-15);
    }

    private static double[][] products(ParametricOde f, double[] y, double[] p, double[] w) {
        double[] gy = new double[y.length];
        double[] gp = new double[p.length];
        f.vjp(0.3, y, p, w, gy, gp);
        return new double[][] {gy, gp};
    }
}
