package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradients of the first wave, recorded bit for bit before the second wave rewired the model
 * API, the methods and the options ({@code first-wave-gradients.txt}: problem, method, steps or
 * tolerance, schedule, then J, dJ/dp and dJ/dy0 as IEEE-754 bit patterns in hex): every method on
 * the four built-in problems (Lorenz-96 n = 12, heat n = 20), fixed and adaptive, store-all and
 * binomial:3. The refactoring must not move a single bit, with one exception made on purpose: heat's
 * stage matrices are tridiagonal, and since the second wave they are factored by a band LU
 * ({@code BandStageMatrix}) instead of EJML's sparse LU, which rounds differently. Heat with an
 * implicit method is therefore compared entry by entry to 1e-12 of the vector's largest entry
 * (measured: at most 1.3e-13 of it, fixed steps and adaptive ones alike).
 */
class FirstWaveGradientsTest {

    static Stream<String> recorded() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                FirstWaveGradientsTest.class.getResourceAsStream("/first-wave-gradients.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        return lines.stream();
    }

    private static GradientProblem problem(String name) {
        switch (name) {
            case "lotka-volterra":
                return LotkaVolterra.problem();
            case "lorenz96":
                return Lorenz96.problem(12);
            case "robertson":
                return Robertson.problem();
            default:
                return Heat.problem(20);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void sameBitsAsTheFirstWave(String line) {
        String[] f = line.split(" ");
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.byName(f[1]));
        options = f[2].startsWith("steps=") ? options.withSteps(Integer.parseInt(f[2].substring(6)))
                : options.withTolerances(Double.parseDouble(f[2].substring(5)), 1e-10);
        options = options.withCheckpoints(ScheduleSpec.parse(f[3]));
        GradientResult r = GradientSolver.solve(problem(f[0]), options);
        List<Double> got = new ArrayList<>();
        got.add(r.value());
        for (double v : r.parameterGradient()) {
            got.add(v);
        }
        List<Double> expected = new ArrayList<>();
        int k = 4;
        for (; !f[k].equals("|"); k++) {
            expected.add(Double.longBitsToDouble(Long.parseUnsignedLong(f[k], 16)));
        }
        for (double v : r.initialStateGradient()) {
            got.add(v);
        }
        for (k++; k < f.length; k++) {
            expected.add(Double.longBitsToDouble(Long.parseUnsignedLong(f[k], 16)));
        }
        String what = line.substring(0, line.indexOf(f[4]));
        if (f[0].equals("heat") && RungeKuttaMethods.byName(f[1]).isImplicit()) {
            double scale = 0;
            for (double v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), got.get(i), 1e-12 * scale, what + " entry " + i);
            }
            return;
        }
        assertEquals(expected, got, what);
    }
}
