package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Heat;
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
 * The sparse implicit path on P4 heat (variable diffusivity, n interior nodes and n + 1
 * parameters): ESDIRK4 on {@value #STEPS} fixed steps over [0, 0.1] (h a_ii |lambda_max| up to
 * 2e8 at n = 1e5: very stiff), binomial checkpointing with 8 snapshots. The forward is
 * {@link GradientSolver#value}. {@link HeatScaling} prints the time per step and the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HeatBenchmark {

    /** Fixed steps of every run. */
    public static final int STEPS = 40;

    /** Interior nodes. */
    @Param({"1000", "10000", "100000"})
    public int n;

    private GradientProblem problem;
    private GradientOptions options;

    /** Builds the problem and options. */
    @Setup
    public void setUp() {
        problem = Heat.problem(n);
        options = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withSteps(STEPS)
                .withCheckpoints(ScheduleSpec.binomial(8));
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
