package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.RungeKuttaAdjoint;
import org.adjoint4j.adjoint.ScheduleExecutor;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.checkpointing.CheckpointSchedule;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.ExplicitRungeKuttaStepper;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.solvers.StepGrid;
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
 * Allocation of the hot loop: one checkpointed gradient sweep (replayed steps, taped steps,
 * adjoint steps, schedule actions) by a reused {@link ScheduleExecutor}, at two numbers of steps.
 * Run with the GC profiler ({@code -prof gc}): equal {@code gc.alloc.rate.norm} at N = 200 and
 * N = 400 means no allocation per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllocationBenchmark {

    /** Steps of the fixed RK4 grid. */
    @Param({"200", "400"})
    public int steps;

    /** Checkpointing strategy. */
    @Param({"store-all", "binomial:8", "online:8", "uniform:20"})
    public String checkpoints;

    private ScheduleExecutor executor;
    private CheckpointSchedule schedule;
    private double[] initialState;

    /** Builds the executor once; runs reuse its buffers. */
    @Setup
    public void setUp() {
        GradientProblem problem = Lorenz96.problem(1000);
        double[] p = problem.parameters();
        StepGrid grid = StepGrid.uniform(0, problem.finalTime(), steps);
        ExplicitRungeKuttaStepper stepper = new ExplicitRungeKuttaStepper(RungeKuttaMethods.RK4.tableau(), problem.model(), p);
        RungeKuttaAdjoint adjoint = new RungeKuttaAdjoint(RungeKuttaMethods.RK4.tableau(), problem.model(), p);
        executor = new ScheduleExecutor(stepper, adjoint, problem.model(), grid, p, problem.objective(),
                problem.model().stateDimension(), null);
        schedule = ScheduleSpec.parse(checkpoints).forSteps(steps);
        initialState = problem.initialState();
    }

    /** @return J, so the sweep is not optimized away */
    @Benchmark
    public double sweep() {
        return executor.run(schedule, initialState).value();
    }
}
