package org.adjoint4j.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.problems.NeuralSpiral;
import org.adjoint4j.estimation.MinibatchTraining;
import org.adjoint4j.estimation.optimize.StochasticOptimizer;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training end to end: 500 RMSprop steps (lr 1e-3) of the spiral's 2-50-2 network, each a fresh
 * seeded batch of 20 windows and its exact adjoint gradient (dopri5, rtol 1e-7, atol 1e-9), the
 * whole trajectory's loss evaluated once at the end; one whole training per operation. Usage:
 * {@code java -jar benchmarks/target/benchmarks.jar SpiralTrainingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class SpiralTrainingBenchmark {

    private final NeuralSpiral spiral = NeuralSpiral.demo();
    private final GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.DOPRI5)
            .withTolerances(1e-7, 1e-9);

    /** @return the trained network's loss on the whole trajectory (the same every time: seeded) */
    @Benchmark
    public double fiveHundredSteps() {
        Random random = new Random(0);
        MinibatchTraining.Batches batches = MinibatchTraining.Batches.of(
                (parameters, iteration) -> spiral.batch(parameters, NeuralSpiral.windowStarts(random)),
                spiral::trajectory);
        return MinibatchTraining.train(spiral.initialParameters(0), batches, options,
                StochasticOptimizer.rmsProp(1e-3, 0.99, 1e-8), 500, 500, null).finalTestLoss();
    }
}
