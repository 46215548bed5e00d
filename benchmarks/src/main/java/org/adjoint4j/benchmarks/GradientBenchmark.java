package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.checkpointing.ScheduleSpec;
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
 * The adjoint's overhead: gradient time over forward time for Lorenz-96 (n = 1000 states and
 * parameters), with RK4 on 400 fixed steps and adaptive DOPRI5 (rtol 1e-10), for store-all and
 * binomial checkpointing. The forward is {@link GradientSolver#value}, the forward solve alone.
 * {@link GradientRatios} runs this and prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GradientBenchmark {

    /** Lorenz-96 size. */
    @Param({"1000"})
    public int n;

    /** Time stepping: rk4 (400 steps) or dopri5 (adaptive). */
    @Param({"rk4", "dopri5"})
    public String method;

    /** Checkpointing strategy. */
    @Param({"store-all", "binomial:10", "binomial:4", "online:10", "disk:4,16"})
    public String checkpoints;

    private GradientProblem problem;
    private GradientOptions options;

    /** Builds the problem and options. */
    @Setup
    public void setUp() {
        problem = Lorenz96.problem(n);
        options = options(method).withCheckpoints(ScheduleSpec.parse(checkpoints));
    }

    static GradientOptions options(String method) {
        GradientOptions base = GradientOptions.defaults().withMethod(RungeKuttaMethods.byName(method));
        return method.equals("rk4") ? base.withSteps(400) : base.withTolerances(1e-10, 1e-12);
    }

    /** @return J by the forward solve alone */
    @Benchmark
    public double forward() {
        return GradientSolver.value(problem, options);
    }

    /** @return J and its gradient */
    @Benchmark
    public GradientResult gradient() {
        return GradientSolver.solve(problem, options);
    }
}
