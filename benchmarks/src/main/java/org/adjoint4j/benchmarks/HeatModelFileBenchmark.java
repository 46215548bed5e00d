package org.adjoint4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.modelfile.ModelFile;
import org.adjoint4j.solvers.RungeKuttaMethods;
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
 * The whole gradient of the heat problem with n = 1000 cells (ESDIRK4, 40 steps, the sparse LU
 * path with a tridiagonal pattern) for the built-in Java model and for {@code
 * examples/models/heat.json} with n = 1000, compiled. Run by {@link ModelFileRatios}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HeatModelFileBenchmark {

    /** java or compiled. */
    @Param({"java", "compiled"})
    public String model;

    private GradientProblem heat;

    /**
     * @param n the number of cells
     * @return the example heat model file with n cells
     */
    static String heatFile(int n) {
        try {
            return Files.readString(ModelFileBenchmark.models().resolve("heat.json"))
                    .replace("\"n\": 200", "\"n\": " + n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the problem. */
    @Setup(Level.Trial)
    public void setUp() {
        heat = model.equals("java") ? Heat.problem(1000)
                : ModelFile.parse(heatFile(1000), "heat-1000", ModelFile.Compilation.COMPILED).problem();
    }

    /** @return the heat n = 1000 gradient, ESDIRK4 on 40 steps */
    @Benchmark
    public GradientResult heatGradient() {
        return GradientSolver.solve(heat, GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4)
                .withSteps(40));
    }
}
