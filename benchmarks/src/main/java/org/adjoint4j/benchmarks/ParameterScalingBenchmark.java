package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.Lorenz96Sensitivities;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.CentralDifferences;
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
 * The reason adjoints exist: dJ/dF of Lorenz-96 with m = n = 10, 100, 1000 forcing parameters
 * (RK4, 100 steps over [0, 2]) by
 * <ul>
 *   <li>the discrete adjoint (store-all): one forward and one backward sweep, whatever m;</li>
 *   <li>forward sensitivities: the same RK4 on {@code (x, S)} with {@code S = dx/dF},
 *       {@code S' = f_x S + I}, hand-written in doubles (what a tuned forward-sensitivity code
 *       does): cost grows with m;</li>
 *   <li>central finite differences: 2m forward solves.</li>
 * </ul>
 * {@link ParameterScaling} prints the ratios measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ParameterScalingBenchmark {

    /** Parameters (and states). */
    @Param({"10", "100", "1000"})
    public int m;

    static final int STEPS = 100;

    private GradientProblem problem;
    private GradientOptions options;

    /** Builds the problem. */
    @Setup
    public void setUp() {
        problem = Lorenz96.problem(m);
        options = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(STEPS)
                .withCheckpoints(ScheduleSpec.storeAll());
    }

    /** @return dJ/dF by the adjoint */
    @Benchmark
    public double[] adjoint() {
        GradientResult r = GradientSolver.solve(problem, options);
        return r.parameterGradient();
    }

    /** @return dJ/dF by central differences with steps 1e-6 |F_j| */
    @Benchmark
    public double[] finiteDifferences() {
        return CentralDifferences.parameterGradient(problem, options);
    }

    /** @return dJ/dF by forward sensitivities */
    @Benchmark
    public double[] forwardSensitivities() {
        return Lorenz96Sensitivities.gradient(problem.initialState(), problem.parameters(), Lorenz96.FINAL_TIME, STEPS);
    }
}
