package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.HessianVectorProduct;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.solvers.StepGrid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Hessian-vector product against one gradient on the same grid, by method family (explicit
 * RK4, implicit ESDIRK4) and schedule (store-all, binomial with 10 snapshots): Lotka–Volterra with
 * its terminal and running terms (2000 steps), the heat equation n = 50 (ESDIRK4, 200 steps) and
 * Lorenz-96 n = m = 1000 (RK4, 200 steps).
 * {@link HessianVectorRatios} prints the ratios from one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HessianVectorBenchmark {

    /** lotka-volterra-rk4, lotka-volterra-esdirk4, heat-50-esdirk4 or lorenz96-1000-rk4. */
    @Param({"lotka-volterra-rk4", "lotka-volterra-esdirk4", "heat-50-esdirk4", "lorenz96-1000-rk4"})
    public String problem;

    /** store-all or binomial:10. */
    @Param({"store-all", "binomial:10"})
    public String schedule;

    private GradientProblem gradientProblem;
    private GradientOptions options;
    private StepGrid grid;
    private double[] q;
    private double[] v;

    /** Builds the problem and its grid. */
    @Setup(Level.Trial)
    public void setUp() {
        boolean heat = problem.startsWith("heat");
        boolean lorenz = problem.startsWith("lorenz96");
        gradientProblem = heat ? Heat.problem(50) : lorenz ? Lorenz96.problem(1000) : LotkaVolterra.problem();
        options = GradientOptions.defaults().withMethod(problem.endsWith("esdirk4") ? RungeKuttaMethods.ESDIRK4
                : RungeKuttaMethods.RK4).withSteps(heat || lorenz ? 200 : 2000)
                .withCheckpoints(ScheduleSpec.parse(schedule));
        grid = GradientSolver.grid(gradientProblem, options);
        q = new double[gradientProblem.model().parameterDimension()];
        v = new double[gradientProblem.model().stateDimension()];
        java.util.Arrays.fill(q, 0.1);
        java.util.Arrays.fill(v, -0.2);
    }

    /** @return one gradient */
    @Benchmark
    public GradientResult gradient() {
        return GradientSolver.solveOnGrid(gradientProblem, options, grid);
    }

    /** @return one Hessian-vector product */
    @Benchmark
    public HessianVectorProduct.Result product() {
        return HessianVectorProduct.of(gradientProblem, options, grid, q, v);
    }
}
