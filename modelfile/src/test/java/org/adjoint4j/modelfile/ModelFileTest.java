package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Model files: the same gradient as the Java model, and bad files reported with their position. */
class ModelFileTest {

    static final Path LOTKA_VOLTERRA = Path.of("..", "examples", "models", "lotka-volterra.json");

    private static double relative(double[] a, double[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    @Test
    void sameGradientAsTheJavaModel() {
        for (GradientOptions options : new GradientOptions[] {GradientOptions.defaults(),
            GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(500).withCheckpoints(ScheduleSpec.binomial(9))}) {
            GradientResult file = GradientSolver.solve(ModelFile.read(LOTKA_VOLTERRA).problem(), options);
            GradientResult java = GradientSolver.solve(LotkaVolterra.problem(), options);
            assertEquals(java.value(), file.value(), 1e-12 * Math.abs(java.value()));
            assertTrue(relative(file.parameterGradient(), java.parameterGradient()) <= 1e-12);
            assertTrue(relative(file.initialStateGradient(), java.initialStateGradient()) <= 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown name|{\"states\":{\"x\":1},\"rhs\":{\"x\":\"-k*x\"},\"time\":[0,1]}|rhs of x: unknown name 'k' (known: t, x) at position 2 in '-k*x'",
        "syntax error|{\"states\":{\"x\":1},\"parameters\":{\"k\":2},\"rhs\":{\"x\":\"-k*(x\"},\"time\":[0,1]}|rhs of x: unclosed '(' at position 4 in '-k*(x'",
        "bad JSON|{\"states\":{\"x\":1},,\"rhs\":{}}|line 1, column 19: Unexpected character (',' (code 44)): was expecting double-quote to start field name",
        "missing rhs|{\"states\":{\"x\":1},\"time\":[0,1]}|missing \"rhs\"",
        "state without rhs|{\"states\":{\"x\":1,\"y\":2},\"rhs\":{\"x\":\"y\"},\"time\":[0,1]}|state 'y' has no rhs expression",
        "non-numeric state|{\"states\":{\"x\":\"one\"},\"rhs\":{\"x\":\"x\"},\"time\":[0,1]}|state x: unknown name 'one' (known: t) at position 1 in 'one'",
        "bad time|{\"states\":{\"x\":1},\"rhs\":{\"x\":\"x\"},\"time\":[1,0]}|\"time\" must have t0 < t1, got [1.0, 0.0]",
        "bad objective|{\"states\":{\"x\":1},\"rhs\":{\"x\":\"x\"},\"time\":[0,1],\"objective\":{\"terminal\":\"x^\"}}|objective.terminal: unexpected end of expression at position 3 in 'x^'",
    })
    void badFilesAreRefusedSayingWhere(String what, String json, String message, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file), what);
        assertEquals("model file " + file + ": " + message, e.getMessage(), what);
    }
}
