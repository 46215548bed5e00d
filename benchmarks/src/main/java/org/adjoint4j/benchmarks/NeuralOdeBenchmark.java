package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.NeuralSpiral;
import org.adjoint4j.checkpointing.ScheduleSpec;
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
 * Neural ODEs: one training gradient of the spiral (20 windows of 10 points, dopri5 at torchdiffeq's
 * rtol 1e-7, atol 1e-9) against the forward solve alone ({@link GradientSolver#value}), for
 * networks of 252 (2-50-2), 10,002 (2-2000-2) and 1,006,002 (2-1000-1000-2) weights, store-all and
 * binomial checkpoints with 4 slots. {@link NeuralOdeRatios} runs it and prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NeuralOdeBenchmark {

    /** The hidden layers, {@code WIDTHxDEPTH}. */
    @Param({"50x1", "2000x1", "1000x2"})
    public String network;

    /** Checkpointing strategy. */
    @Param({"store-all", "binomial:4"})
    public String checkpoints;

    private GradientProblem problem;
    private GradientOptions options;

    /** Builds the problem at the seed-0 weights and batch. */
    @Setup
    public void setUp() {
        String[] wd = network.split("x");
        problem = new NeuralSpiral(Integer.parseInt(wd[0]), Integer.parseInt(wd[1])).problem();
        options = GradientOptions.defaults().withMethod(RungeKuttaMethods.DOPRI5).withTolerances(1e-7, 1e-9)
                .withCheckpoints(ScheduleSpec.parse(checkpoints));
    }

    /** @return J, by the forward solve alone */
    @Benchmark
    public double forward() {
        return GradientSolver.value(problem, options);
    }

    /** @return J and its gradient with respect to every weight and initial state */
    @Benchmark
    public GradientResult gradient() {
        return GradientSolver.solve(problem, options);
    }
}
