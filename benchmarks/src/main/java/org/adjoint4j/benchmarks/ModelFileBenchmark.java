package org.adjoint4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.model.ParametricOde;
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
 * Model files against the same models in Java, in one run: the whole gradient of Lotka–Volterra
 * (RK4, 200,000 steps) for the built-in Java model, the compiled model file and the interpreted one
 * (the reverse-mode tape); one vector-Jacobian product and one right-hand side of the 500-species
 * reaction network; and the time to read and compile a 1000-equation model with all its kernels.
 * The heat problem is in {@link HeatModelFileBenchmark} (its interpreted form, with a dense
 * Jacobian by forward mode, takes tens of seconds per gradient and is left out).
 * {@link ModelFileRatios} runs both and prints the ratios. Run from the repository root (it reads
 * {@code examples/models}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelFileBenchmark {

    /** java, compiled or interpreted. */
    @Param({"java", "compiled", "interpreted"})
    public String model;

    private GradientProblem lotkaVolterra;
    private ParametricOde network;
    private double[] y;
    private double[] p;
    private double[] w;
    private double[] out;
    private double[] outState;
    private double[] outParameters;
    private String heat1000;

    static Path models() {
        Path here = Path.of("examples", "models");
        return Files.isDirectory(here) ? here : Path.of("..", "examples", "models");
    }

    /**
     * Reads the model files.
     *
     * @throws IOException if they cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        heat1000 = HeatModelFileBenchmark.heatFile(1000);
        if (model.equals("java")) {
            lotkaVolterra = LotkaVolterra.problem();
        } else {
            ModelFile.Compilation c = model.equals("compiled") ? ModelFile.Compilation.COMPILED
                    : ModelFile.Compilation.INTERPRETED;
            lotkaVolterra = ModelFile.read(models().resolve("lotka-volterra.json"), c).problem();
            ModelFile n = ModelFile.read(models().resolve("reaction-network-500.json"), c);
            network = n.model();
            y = n.initialState();
            p = n.parameters();
        }
        if (network == null) {
            ModelFile n = ModelFile.read(models().resolve("reaction-network-500.json"));
            network = n.model();
            y = n.initialState();
            p = n.parameters();
        }
        w = new Random(1).doubles(y.length, -1, 1).toArray();
        out = new double[y.length];
        outState = new double[y.length];
        outParameters = new double[p.length];
    }

    /** @return the Lotka–Volterra gradient, RK4 on 200,000 steps */
    @Benchmark
    public GradientResult lotkaVolterraGradient() {
        return GradientSolver.solve(lotkaVolterra, GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4)
                .withSteps(200_000));
    }

    /** @return one right-hand side of the reaction network (java: the compiled file) */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] networkRhs() {
        network.rhs(0.3, y, p, out);
        return out;
    }

    /** @return one vector-Jacobian product (state and parameters) of the reaction network */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] networkVjp() {
        network.vjp(0.3, y, p, w, outState, outParameters);
        return outParameters;
    }

    /** @return a 1000-equation model (heat n = 1000) read and compiled with every kernel */
    @Benchmark
    public ParametricOde compileThousandEquations() {
        return compileThousandEquations(heat1000);
    }

    ParametricOde compileThousandEquations(String file) {
        ModelFile f = ModelFile.parse(file, "heat-1000", ModelFile.Compilation.COMPILED);
        ParametricOde m = f.model();
        double[] y0 = f.initialState();
        double[] p0 = f.parameters();
        double[] o = new double[y0.length];
        m.vjp(0, y0, p0, y0, o, new double[p0.length]);
        m.jvp(0, y0, p0, y0, p0, o);
        m.stateJacobian().evaluate(0, y0, p0);
        return m;
    }
}
