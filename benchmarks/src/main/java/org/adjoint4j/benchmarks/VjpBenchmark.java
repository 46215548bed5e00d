package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.model.ForwardModeOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.ReverseModeOde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One vector-Jacobian product {@code ((df/dx)^T w, (df/dF)^T w)} of Lorenz-96 with n states and
 * n parameters: hand-written, by the reverse-mode tape, and by forward mode, against one
 * right-hand side. {@link TapeScaling} prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VjpBenchmark {

    /** States (and parameters). */
    @Param({"10", "100", "1000", "10000"})
    public int n;

    private Lorenz96 hand;
    private ParametricOde tape;
    private ParametricOde forward;
    private double[] x;
    private double[] p;
    private double[] w;
    private double[] out;
    private double[] outP;

    /** Builds the models and the point. */
    @Setup
    public void setUp() {
        hand = new Lorenz96(n);
        tape = new ReverseModeOde(hand);
        forward = new ForwardModeOde(hand);
        x = Lorenz96.problem(n).initialState();
        p = Lorenz96.problem(n).parameters();
        w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.cos(i);
        }
        out = new double[n];
        outP = new double[n];
    }

    /** @return f */
    @Benchmark
    public double[] rhs() {
        hand.rhs(0, x, p, out);
        return out;
    }

    /** @return the hand-written products */
    @Benchmark
    public double[] vjpHand() {
        hand.vjp(0, x, p, w, out, outP);
        return out;
    }

    /** @return the products by one tape sweep */
    @Benchmark
    public double[] vjpTape() {
        tape.vjp(0, x, p, w, out, outP);
        return out;
    }

    /** @return the products by forward mode (2n directions); skipped above n = 100 */
    @Benchmark
    public double[] vjpForward() {
        if (n > 100) {
            return out;
        }
        forward.vjp(0, x, p, w, out, outP);
        return out;
    }
}
