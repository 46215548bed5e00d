package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.autodiff.Tape;
import org.adjoint4j.autodiff.TapeVariable;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
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
 * The cost of a whole gradient of a scalar function of n inputs,
 * {@code f(x) = sum_i (x_i sin x_{i+1} + x_i^2 / 2)}, written once over any field: on doubles
 * (the function alone), by forward mode (Hipparchus {@link Gradient}, n directions at once) and by
 * the reverse-mode tape (one sweep). {@link TapeScaling} prints the ratios to the function's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TapeBenchmark {

    /** Number of inputs. */
    @Param({"1", "10", "100", "1000"})
    public int n;

    private double[] x;
    private final Tape tape = new Tape();
    private TapeVariable[] variables;
    private double[] gradient;

    /** Draws the point. */
    @Setup
    public void setUp() {
        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.3 + 0.01 * i;
        }
        variables = new TapeVariable[n];
        gradient = new double[n];
    }

    static <T extends CalculusFieldElement<T>> T f(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i < x.length; i++) {
            T next = x[i + 1 == x.length ? 0 : i + 1];
            sum = sum.add(x[i].multiply(next.sin())).add(x[i].square().multiply(0.5));
        }
        return sum;
    }

    /** @return f on doubles */
    @Benchmark
    public double function() {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double next = x[i + 1 == n ? 0 : i + 1];
            sum = sum + x[i] * Math.sin(next) + x[i] * x[i] * 0.5;
        }
        return sum;
    }

    /** @return the gradient by forward mode: every operation carries n partials */
    @Benchmark
    public double[] forwardMode() {
        return f(Fields.variables(x, n, 0)).getGradient();
    }

    /** @return the gradient by one reverse sweep of a reused tape */
    @Benchmark
    public double[] reverseMode() {
        tape.reset();
        for (int i = 0; i < n; i++) {
            variables[i] = tape.variable(x[i]);
        }
        TapeVariable y = f(variables);
        tape.clearAdjoints();
        tape.seed(y, 1.0);
        tape.sweep();
        for (int i = 0; i < n; i++) {
            gradient[i] = tape.adjoint(variables[i]);
        }
        return gradient;
    }
}
