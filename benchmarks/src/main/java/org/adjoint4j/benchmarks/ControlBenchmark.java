package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.estimation.control.ControlParameterization;
import org.adjoint4j.estimation.control.LinearQuadraticRegulator;
import org.adjoint4j.estimation.control.OptimalControl;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
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
 * The LQR control gradient on one fixed grid (RK4, 4000 steps) with K = 10, 100, 1000 and 4000
 * piecewise-constant control intervals: each step's adjoint touches only its interval's
 * coefficient, so the time should not grow with K.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ControlBenchmark {

    /** Control intervals. */
    @Param({"10", "100", "1000", "4000"})
    public int intervals;

    private OptimalControl control;
    private double[] coefficients;

    /** Builds the problem on 4000 steps. */
    @Setup
    public void setUp() {
        control = new OptimalControl(new LinearQuadraticRegulator(), ControlParameterization.PIECEWISE_CONSTANT,
                intervals, 4000 / intervals, RungeKuttaMethods.RK4);
        coefficients = new double[intervals];
        for (int k = 0; k < intervals; k++) {
            coefficients[k] = Math.sin(k * 7.0 / intervals);
        }
    }

    /** @return J and dJ/dc */
    @Benchmark
    public GradientResult gradient() {
        return control.gradient(coefficients);
    }
}
