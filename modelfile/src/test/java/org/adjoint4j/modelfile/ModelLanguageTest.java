package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.model.StateJacobian;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The modelling language: arrays, derived quantities, conditionals and sums mean what they say; the
 * compiled code (bytecode with symbolic derivatives) equals the interpreter and Hipparchus forward
 * mode on it; the heat problem written with arrays is the built-in one, on the sparse path.
 */
class ModelLanguageTest {

    static final Path MODELS = Path.of("..", "examples", "models");

    static Stream<Path> exampleFiles() throws IOException {
        return Files.list(MODELS).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    private static double scale(double[] x) {
        double s = 0;
        for (double v : x) {
            s = Math.max(s, Math.abs(v));
        }
        return Math.max(s, 1e-300);
    }

    /** @return |a - b| / |b|, Euclidean */
    static double relative(double[] a, double[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    static void close(double[] expected, double[] actual, double tolerance, String what) {
        double s = scale(expected);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * s, what + " [" + i + "]");
        }
    }

    /** Compiled products against the interpreted field model (Hipparchus forward mode), at a point. */
    static void agreeWithForwardMode(ParametricOde compiled, FieldParametricOde field, double t, double[] y,
            double[] p, long seed, double tolerance, String what) {
        int n = y.length;
        int m = p.length;
        Random random = new Random(seed);
        double[] w = random.doubles(n, -1, 1).toArray();
        double[] v = random.doubles(n, -1, 1).toArray();
        double[] q = random.doubles(m, -1, 1).toArray();
        int free = n + m;
        Gradient[] f = new Gradient[n];
        field.rhs(Gradient.constant(free, t), Fields.variables(y, free, 0), Fields.variables(p, free, n), f);
        double[] value = new double[n];
        double[] jvp = new double[n];
        double[] vjpY = new double[n];
        double[] vjpP = new double[m];
        DMatrixRMaj jacobian = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            value[i] = f[i].getValue();
            for (int j = 0; j < n; j++) {
                jacobian.set(i, j, f[i].getPartialDerivative(j));
                jvp[i] += f[i].getPartialDerivative(j) * v[j];
                vjpY[j] += w[i] * f[i].getPartialDerivative(j);
            }
            for (int k = 0; k < m; k++) {
                jvp[i] += f[i].getPartialDerivative(n + k) * q[k];
                vjpP[k] += w[i] * f[i].getPartialDerivative(n + k);
            }
        }
        double[] out = new double[n];
        compiled.rhs(t, y, p, out);
        close(value, out, tolerance, what + " rhs");
        compiled.jvp(t, y, p, v, q, out);
        close(jvp, out, tolerance, what + " jvp");
        double[] gy = new double[n];
        double[] gp = new double[m];
        compiled.vjp(t, y, p, w, gy, gp);
        close(vjpY, gy, tolerance, what + " vjp state");
        if (m > 0) {
            close(vjpP, gp, tolerance, what + " vjp parameters");
        }
        double[] alone = new double[n];
        compiled.vjpState(t, y, p, w, alone);
        close(vjpY, alone, tolerance, what + " vjpState");
        DMatrixRMaj j = compiled.stateJacobian().evaluate(t, y, p);
        close(jacobian.data, j.data, tolerance, what + " Jacobian");
    }

    static double[] perturbed(double[] x, Random random, double size) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] * (1 + size * random.nextGaussian()) + size * random.nextGaussian();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyExampleFileCompilesToItsInterpretation(Path file) {
        ModelFile compiled = ModelFile.read(file);
        ModelFile interpreted = ModelFile.read(file, ModelFile.Compilation.INTERPRETED);
        Random random = new Random(11);
        for (int sample = 0; sample < 3; sample++) {
            double t = compiled.initialTime() + random.nextDouble() * (compiled.finalTime() - compiled.initialTime());
            double[] y = perturbed(compiled.initialState(), random, 0.1);
            double[] p = perturbed(compiled.parameters(), random, 0.1);
            agreeWithForwardMode(compiled.model(), compiled.model().field(), t, y, p, sample, 1e-13,
                    file.getFileName() + " sample " + sample);
            agreeWithForwardMode(interpreted.model(), compiled.model().field(), t, y, p, sample, 1e-13,
                    file.getFileName() + " interpreted, sample " + sample);
            List<StateFunction> functions = new java.util.ArrayList<>(compiled.observables().values());
            List<StateFunction> references = new java.util.ArrayList<>(interpreted.observables().values());
            if (compiled.objective().terminal() != null) {
                functions.add(compiled.objective().terminal());
                references.add(interpreted.objective().terminal());
            }
            if (compiled.objective().running() != null) {
                functions.add(compiled.objective().running());
                references.add(interpreted.objective().running());
            }
            for (int k = 0; k < functions.size(); k++) {
                StateFunction c = functions.get(k);
                StateFunction r = references.get(k);
                double expected = r.value(t, y, p);
                assertEquals(expected, c.value(t, y, p), 1e-13 * Math.max(1, Math.abs(expected)), file + " f" + k);
                double[] gy = new double[y.length];
                double[] gp = new double[p.length];
                double[] ry = new double[y.length];
                double[] rp = new double[p.length];
                c.gradient(t, y, p, gy, gp);
                r.gradient(t, y, p, ry, rp);
                close(ry, gy, 1e-13, file + " gradient of f" + k + " (state)");
                if (p.length > 0) {
                    close(rp, gp, 1e-13, file + " gradient of f" + k + " (parameters)");
                }
            }
        }
        if (!compiled.events().isEmpty()) {
            // Events: the compiled and interpreted files' hybrid runs, event times included.
            org.adjoint4j.adjoint.HybridResult a = org.adjoint4j.adjoint.HybridGradientSolver.solve(
                    compiled.hybridProblem(), GradientOptions.defaults());
            org.adjoint4j.adjoint.HybridResult b = org.adjoint4j.adjoint.HybridGradientSolver.solve(
                    interpreted.hybridProblem(), GradientOptions.defaults());
            assertEquals(b.value(), a.value(), 1e-12 * Math.abs(b.value()), file + " J");
            assertEquals(b.events(), a.events(), file + " events");
            assertTrue(relative(a.parameterGradient(), b.parameterGradient()) < 1e-12, file + " dJ/dp");
            assertTrue(relative(a.initialStateGradient(), b.initialStateGradient()) < 1e-12, file + " dJ/dy0");
            assertTrue(!a.events().isEmpty(), file + " fires no event");
            return;
        }
        if (compiled.controls().isEmpty()) {
            GradientOptions options = file.toString().contains("heat")
                    ? GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withSteps(30)
                    : GradientOptions.defaults();
            GradientResult a = GradientSolver.solve(compiled.problem(), options);
            GradientResult b = GradientSolver.solve(interpreted.problem(), options.withCheckpoints(null));
            // Implicit stages converge to Newton's tolerance (1e-12) from Jacobians that differ in rounding
            // (compiled sparse, interpreted dense), so whole runs agree to that level, explicit ones closer.
            double tolerance = file.toString().contains("heat") ? 1e-11 : 1e-12;
            assertEquals(b.value(), a.value(), tolerance * Math.abs(b.value()), file + " J");
            assertTrue(relative(a.parameterGradient(), b.parameterGradient()) < tolerance, file + " dJ/dp "
                    + relative(a.parameterGradient(), b.parameterGradient()));
            assertTrue(relative(a.initialStateGradient(), b.initialStateGradient()) < tolerance, file + " dJ/dy0 "
                    + relative(a.initialStateGradient(), b.initialStateGradient()));
        }
    }

    /** The heat problem of the reference problems with arrays (n = 200) is the built-in one. */
    @Test
    void heatFileIsTheBuiltInHeatProblemOnTheSparsePath() {
        ModelFile file = ModelFile.read(MODELS.resolve("heat.json"));
        int n = 200;
        CompiledOde model = (CompiledOde) file.model();
        assertEquals(n, model.stateDimension());
        assertEquals(n + 1, model.parameterDimension());
        assertTrue(model.sparseJacobian(), "the pattern found from the expressions is sparse");
        assertEquals(3 * n - 2, model.jacobianNonzeros(), "tridiagonal");
        boolean sparse = model.stateJacobian().accept(new StateJacobian.Structure<Boolean>() {
            @Override
            public Boolean dense(int dimension, StateJacobian.DenseFill fill) {
                return false;
            }

            @Override
            public Boolean sparse(DMatrixSparseCSC pattern, StateJacobian.SparseFill fill) {
                return true;
            }

            @Override
            public Boolean bordered(StateJacobian inner, StateFunction running) {
                return false;
            }
        });
        assertTrue(sparse, "implicit methods get a sparse Jacobian");
        GradientProblem builtIn = Heat.problem(n);
        for (var method : List.of(RungeKuttaMethods.ESDIRK4, RungeKuttaMethods.SDIRK2)) {
            GradientOptions options = GradientOptions.defaults().withMethod(method).withSteps(40);
            GradientResult f = GradientSolver.solve(file.problem(), options);
            GradientResult b = GradientSolver.solve(builtIn, options);
            assertEquals(b.value(), f.value(), 1e-12 * b.value(), method.name() + " J");
            assertTrue(relative(f.parameterGradient(), b.parameterGradient()) < 1e-12, method.name() + " dJ/dkappa "
                    + relative(f.parameterGradient(), b.parameterGradient()));
            assertTrue(relative(f.initialStateGradient(), b.initialStateGradient()) < 1e-12, method.name()
                    + " dJ/du0 " + relative(f.initialStateGradient(), b.initialStateGradient()));
            assertTrue(f.statistics().linearSolves() > 0);
        }
    }

    /** A model using every construct of the language, against forward mode of its interpretation. */
    @Test
    void everyConstructIsDifferentiatedExactly() {
        String json = """
                {"constants": {"n": 3, "c": "2*n + 1"},
                 "states": {"x": 0.7, "y": -0.4, "z": {"size": "n", "initial": "0.1*(i+1)"}},
                 "parameters": {"a": 1.3, "b": 0.6, "k": {"size": "n", "value": "1 + i/10"}},
                 "let": {"s": "sum(i, 0, n-1, k[i]*z[i]^2)", "w": {"size": "n", "value": "z[i]*if(i > 0, z[i-1], 1)"},
                         "g": "piecewise(x^2, x > 1, sin(x)*y, x > -1, -x)"},
                 "rhs": {"x": "a*sqrt(1 + x^2) - b*exp(y)*log(2 + cos(x)) + tanh(y)*sinh(x/3) - cosh(y/4) + s",
                         "y": "x^y^2 - atan2(y, x + 3) + hypot(x, y) + asin(y/2) + acos(x/2) + atan(x*y) + log10(3 + y^2) + g",
                         "z[i]": "-k[i]*z[i] + w[i] + prod(j, 0, i, 1 + z[j]) + if(t > 0.5 and x < 2 or not (y > 0), a*z[i], b) + pow(abs(x) + 1, 1.5) + max(x, y, z[i]) * min(a, b*x) + relu(y + 0.3) + heaviside(x) * t + sign(y) + floor(3*x) + ceil(y) + tan(0.1*z[i])"},
                 "time": [0, 1], "objective": {"terminal": "x^2 + sum(i, 0, n-1, z[i])"}}
                """;
        ModelFile file = ModelFile.parse(json, "constructs.json", ModelFile.Compilation.COMPILED);
        Random random = new Random(5);
        for (int sample = 0; sample < 20; sample++) {
            double[] y = perturbed(file.initialState(), random, 0.3);
            double[] p = perturbed(file.parameters(), random, 0.2);
            agreeWithForwardMode(file.model(), file.model().field(), random.nextDouble(), y, p, sample, 1e-13,
                    "constructs, sample " + sample);
        }
    }

    /** At a kink the derivative is the documented one, compiled and interpreted alike. */
    @Test
    void kinksFollowTheConvention() {
        String json = """
                {"states": {"x": 0.0, "y": 0.0},
                 "parameters": {"c": 0.0},
                 "rhs": {"x": "relu(x) + 2*abs(y) + 4*heaviside(x) + 8*sign(y) + 16*floor(x) + 32*ceil(y)",
                         "y": "max(x, c) + 10*min(y, c)"},
                 "time": [0, 1]}
                """;
        for (ModelFile.Compilation mode : ModelFile.Compilation.values()) {
            ModelFile file = ModelFile.parse(json, "kinks.json", mode);
            double[] y = {0.0, 0.0};
            double[] p = {0.0};
            DMatrixRMaj j = file.model().stateJacobian().evaluate(0.0, y, p);
            // relu'(0) = 0, abs'(0) = 0, heaviside, sign, floor, ceil: 0.
            assertEquals(0.0, j.get(0, 0), 0.0, mode + " relu'(0) + heaviside' + floor'");
            assertEquals(0.0, j.get(0, 1), 0.0, mode + " abs'(0) + sign' + ceil'");
            // max(x, c) at a tie takes c, min(y, c) at a tie takes c: derivatives 0 in x and y, 1 in c.
            assertEquals(0.0, j.get(1, 0), 0.0, mode + " d max(x, c)/dx at x = c");
            assertEquals(0.0, j.get(1, 1), 0.0, mode + " d min(y, c)/dy at y = c");
            double[] gy = new double[2];
            double[] gp = new double[1];
            file.model().vjp(0.0, y, p, new double[] {0.0, 1.0}, gy, gp);
            assertEquals(11.0, gp[0], 0.0, mode + " d(max + 10 min)/dc at the tie");
            double[] f = new double[2];
            file.model().rhs(0.0, y, p, f);
            assertEquals(4.0, f[0], 0.0, mode + " heaviside(0) = 1");
        }
    }

    /** Values the language defines, through a whole model file. */
    @Test
    void arraysDerivedQuantitiesAndInitialValuesOfParameters() {
        String json = """
                {"constants": {"n": 4},
                 "parameters": {"k": 2.0, "amp": {"size": "n", "value": "i + 1"}},
                 "states": {"u": {"size": "n", "initial": "amp[i]*k"}, "v": "k^2"},
                 "let": {"total": "sum(i, 0, n-1, u[i])"},
                 "rhs": {"u[i]": "-k*u[i]", "u[0]": "-total", "v": "u[n-1]"},
                 "time": [0, 1]}
                """;
        ModelFile file = ModelFile.parse(json, "arrays.json", ModelFile.Compilation.COMPILED);
        assertEquals(List.of("u[0]", "u[1]", "u[2]", "u[3]", "v"), file.definition().stateNames());
        assertEquals(List.of("k", "amp[0]", "amp[1]", "amp[2]", "amp[3]"), file.definition().parameterNames());
        close(new double[] {2, 4, 6, 8, 4}, file.initialState(), 0.0, "y0 = amp k, k^2");
        double[] f = new double[5];
        file.model().rhs(0.0, new double[] {1, 2, 3, 4, 5}, file.parameters(), f);
        close(new double[] {-10, -4, -6, -8, 4}, f, 1e-15, "rhs: u[0] overrides u[i]");
        assertTrue(file.initialValuesDependOnParameters());
        double[][] jacobian = jacobian(file, file.parameters());
        assertEquals(2.0, jacobian[1][0], 0.0, "d u1(0)/dk = amp[1]");
        assertEquals(2.0, jacobian[1][2], 0.0, "d u1(0)/d amp[1] = k");
        assertEquals(0.0, jacobian[1][3], 0.0, "d u1(0)/d amp[2]");
        assertEquals(4.0, jacobian[4][0], 0.0, "d v(0)/dk = 2k");
        // elsewhere than the file's values: k = 3, amp = (1, 5, 1, 1)
        double[] q = {3, 1, 5, 1, 1};
        double[] y0 = new double[5];
        file.initialValues().value(q, y0);
        close(new double[] {3, 15, 3, 3, 9}, y0, 0.0, "y0 at other parameters");
        jacobian = jacobian(file, q);
        assertEquals(5.0, jacobian[1][0], 0.0, "d u1(0)/dk = amp[1]");
        assertEquals(3.0, jacobian[1][2], 0.0, "d u1(0)/d amp[1] = k");
        assertEquals(6.0, jacobian[4][0], 0.0, "d v(0)/dk = 2k");
    }

    /** dy0/dp column by column from Jacobian products, checked against the transposed products. */
    private static double[][] jacobian(ModelFile file, double[] p) {
        int n = file.model().stateDimension();
        int m = file.model().parameterDimension();
        double[][] j = new double[n][m];
        for (int c = 0; c < m; c++) {
            double[] v = new double[m];
            v[c] = 1;
            double[] column = new double[n];
            file.initialValues().addJacobianProduct(p, v, column);
            for (int i = 0; i < n; i++) {
                j[i][c] = column[i];
            }
        }
        for (int i = 0; i < n; i++) {
            double[] w = new double[n];
            w[i] = 1;
            double[] row = new double[m];
            file.initialValues().addVectorJacobianProduct(p, w, row);
            close(j[i], row, 0.0, "row " + i + " of dy0/dp");
        }
        return j;
    }

    static Stream<String[]> badFiles() {
        String rhs = "\"rhs\":{\"x\":\"-k*x\"},\"time\":[0,1]";
        return Stream.of(
                new String[] {"reversed bounds", "{\"states\":{\"x\":1},\"parameters\":{\"k\":{\"value\":1,"
                    + "\"bounds\":[2,0]}}," + rhs + "}", "parameter k.bounds must have low < high, got [2,0]"},
                new String[] {"a value off its bounds", "{\"states\":{\"x\":1},\"parameters\":{\"k\":{\"value\":3,"
                    + "\"bounds\":[0,2]}}," + rhs + "}", "parameter k: the value 3.0 is outside its bounds [0.0, 2.0]"},
                new String[] {"a misspelt prior", "{\"states\":{\"x\":1},\"parameters\":{\"k\":{\"value\":1,"
                    + "\"prior\":{\"normall\":[1,2]}}}," + rhs + "}",
                    "unknown key \"normall\" in parameter k.prior: did you mean \"normal\"? (known: normal, uniform)"},
                new String[] {"bounds and a uniform prior", "{\"states\":{\"x\":1},\"parameters\":{\"k\":{\"value\":1,"
                    + "\"bounds\":[0,2],\"prior\":{\"uniform\":[0,3]}}}," + rhs + "}",
                    "parameter k has both \"bounds\" and a uniform prior: give one"},
                new String[] {"a bad scale", "{\"states\":{\"x\":{\"initial\":1,\"scale\":\"log10\"}},"
                    + "\"parameters\":{\"k\":1}," + rhs + "}", "state x.scale must be \"log\" or \"lin\", got \"log10\""},
                new String[] {"a condition of an unknown name", "{\"states\":{\"x\":1},\"parameters\":{\"k\":1},"
                    + rhs + ",\"conditions\":{\"c1\":{\"y0.z\":2}}}",
                    "conditions.c1: \"y0.z\" is neither a parameter nor an initial state y0.<state>: did you mean "
                        + "\"y0.x\"? (known: k, y0.x)"},
                new String[] {"noise of an unmeasurable quantity", "{\"states\":{\"x\":1},\"parameters\":{\"k\":1},"
                    + rhs + ",\"noise\":{\"y\":{\"sigma\":1}}}",
                    "noise.y: \"y\" is neither a state nor an observable: did you mean \"x\"? (known: x)"},
                new String[] {"a negative sigma", "{\"states\":{\"x\":1},\"parameters\":{\"k\":1},"
                    + rhs + ",\"noise\":{\"x\":{\"distribution\":\"normal\",\"sigma\":-1}}}",
                    "noise.x.sigma must be > 0, got -1.0"},
                new String[] {"unknown name", "{\"states\":{\"x\":1},\"rhs\":{\"x\":\"-q*x\"},\"time\":[0,1]}",
                    "rhs of x: unknown name 'q' (known: t, x) at position 2 in '-q*x'"},
                new String[] {"index out of range",
                    "{\"constants\":{\"n\":3},\"states\":{\"u\":{\"size\":\"n\",\"initial\":1}},"
                        + "\"rhs\":{\"u[i]\":\"u[i+1] - u[i]\"},\"time\":[0,1]}",
                    "rhs of u[i] (i = 2): index 3 is out of range for u (size 3, indices 0..2) at position 1 in "
                        + "'u[i+1] - u[i]'"},
                new String[] {"size not an integer",
                    "{\"states\":{\"u\":{\"size\":\"2.5\",\"initial\":1}},\"rhs\":{\"u[i]\":\"1\"},\"time\":[0,1]}",
                    "state u.size must be a positive integer, got 2.5"},
                new String[] {"size of a state",
                    "{\"states\":{\"x\":1,\"u\":{\"size\":\"x\",\"initial\":1}},\"rhs\":{\"u[i]\":\"1\",\"x\":\"1\"},"
                        + "\"time\":[0,1]}",
                    "state u.size: unknown name 'x' (known: t) at position 1 in 'x'"},
                new String[] {"let before its definition",
                    "{\"states\":{\"x\":1},\"let\":{\"a\":\"b + 1\",\"b\":\"x\"},\"rhs\":{\"x\":\"a\"},\"time\":[0,1]}",
                    "let a: 'b' is used before its definition (a derived quantity (let) defined later in the file) "
                        + "at position 1 in 'b + 1'"},
                new String[] {"cycle",
                    "{\"states\":{\"x\":1},\"let\":{\"a\":\"2*a\"},\"rhs\":{\"x\":\"a\"},\"time\":[0,1]}",
                    "let a: 'a' is used before its definition (a derived quantity (let) whose own definition is "
                        + "being read: a cycle) at position 3 in '2*a'"},
                new String[] {"unknown key",
                    "{\"states\":{\"x\":1},\"rhs\":{\"x\":\"-x\"},\"time\":[0,1],\"objectve\":{\"terminal\":\"x\"}}",
                    "unknown key \"objectve\": did you mean \"objective\"? (known: conditions, constants, controls, "
                        + "description, events, let, name, noise, objective, observables, parameters, rhs, states, "
                        + "time)"},
                new String[] {"unknown key inside an entry",
                    "{\"states\":{\"u\":{\"size\":2,\"initail\":1}},\"rhs\":{\"u[i]\":\"1\"},\"time\":[0,1]}",
                    "unknown key \"initail\" in states.u: did you mean \"initial\"? (known: bounds, initial, prior, "
                        + "scale, size)"},
                new String[] {"duplicate key",
                    "{\"states\":{\"x\":1,\"x\":2},\"rhs\":{\"x\":\"-x\"},\"time\":[0,1]}",
                    "line 1, column 21: Duplicate field 'x'"},
                new String[] {"rhs of no state",
                    "{\"states\":{\"x\":1},\"rhs\":{\"x\":\"-x\",\"xx\":\"1\"},\"time\":[0,1]}",
                    "rhs \"xx\" is not a state (states: x): did you mean \"x\"?"},
                new String[] {"state without rhs", "{\"states\":{\"x\":1,\"y\":2},\"rhs\":{\"x\":\"y\"},\"time\":[0,1]}",
                    "state 'y' has no rhs expression"},
                new String[] {"array without index",
                    "{\"states\":{\"u\":{\"size\":2,\"initial\":1}},\"rhs\":{\"u[i]\":\"u\"},\"time\":[0,1]}",
                    "rhs of u[i] (i = 0): state 'u' is an array of 2: index it, as u[i] at position 1 in 'u'"},
                new String[] {"a name that is a function",
                    "{\"states\":{\"sin\":1},\"rhs\":{\"sin\":\"1\"},\"time\":[0,1]}",
                    "name 'sin' in states is a function name"},
                new String[] {"time as a name", "{\"states\":{\"t\":1},\"rhs\":{\"t\":\"1\"},\"time\":[0,1]}",
                    "name 't' in states is predefined (t is time)"},
                new String[] {"a name used twice",
                    "{\"states\":{\"x\":1},\"parameters\":{\"x\":2},\"rhs\":{\"x\":\"1\"},\"time\":[0,1]}",
                    "name 'x' is used twice (a parameter and a state)"},
                new String[] {"event at a state", "{\"states\":{\"x\":1},\"rhs\":{\"x\":\"1\"},\"time\":[0,1],"
                    + "\"events\":[{\"at\":\"x\",\"set\":{\"x\":\"0\"}}]}",
                    "events[0].at must depend on constants and parameters only; use \"when\" for a condition on the "
                        + "state"},
                new String[] {"a quote in a name",
                    "{\"states\":{\"x\\\"; System.exit(1); //\":1},\"rhs\":{\"x\":\"1\"},\"time\":[0,1]}",
                    "\"x\"; System.exit(1); //\" in states is not a name (letters, digits and underscores, not "
                        + "starting with a digit)"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesNameTheEntryAndThePosition(String what, String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.parse(json, "bad.json", ModelFile.Compilation.COMPILED), what);
        assertEquals("model file bad.json: " + message, e.getMessage(), what);
    }

    @Test
    void fitSpecificationsConditionsAndNoiseAreRead() {
        String json = """
                {"constants": {"n": 2},
                 "states": {"x": {"initial": "x0", "bounds": [0, null]}, "u": {"size": "n", "initial": 1, "scale": "log"}},
                 "parameters": {"k": {"value": 1, "prior": {"normal": [1, 0.5]}, "scale": "lin"},
                                "x0": {"value": 2, "prior": {"uniform": [0, 10]}}},
                 "rhs": {"x": "-k*x", "u[i]": "-u[i]"},
                 "time": [0, 1],
                 "observables": {"total": "x + u[0] + u[1]"},
                 "conditions": {"high": {"x0": 5, "y0.u[1]": 3}},
                 "noise": {"total": {"distribution": "lognormal", "sigma": 0.1}, "x": {}}}
                """;
        ModelFile file = ModelFile.parse(json, "spec.json", ModelFile.Compilation.COMPILED);
        Map<String, FitSpecification> f = file.fitSpecifications();
        assertEquals(new FitSpecification("k", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "lin", 1, 0.5),
                f.get("k"));
        assertEquals(new FitSpecification("x0", 0, 10, null, Double.NaN, Double.NaN), f.get("x0"));
        assertEquals(new FitSpecification("y0.x", 0, Double.POSITIVE_INFINITY, null, Double.NaN, Double.NaN),
                f.get("y0.x"));
        assertEquals("log", f.get("y0.u[1]").scale());
        assertEquals(Map.of("x0", 5.0, "y0.u[1]", 3.0), file.condition("high"));
        assertEquals(new NoiseSpecification("total", true, 0.1), file.noise().get("total"));
        assertEquals(new NoiseSpecification("x", false, Double.NaN), file.noise().get("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> file.condition("low"));
        assertEquals("model file model has no condition 'low' (known: high)", e.getMessage());
    }

    /** Names and strings no Java source could hold are data here: they compile, and mean what they say. */
    @Test
    void hostileNamesAndStringsAreData() {
        String longName = "x" + "y".repeat(10_000);
        String json = "{\"name\": \"\\\"); Runtime.getRuntime().exec(\\\"rm -rf /\\\"); //\\\\\","
                + "\"description\": \"*/ class Evil { static { System.exit(3); } } /*\","
                + "\"states\": {\"class\": 1.0, \"λ_état\": 2.0, \"" + longName + "\": 0.5, \"public\": 0.1},"
                + "\"parameters\": {\"int\": 0.3, \"goto\": 2.0},"
                + "\"rhs\": {\"class\": \"-int*class\", \"λ_état\": \"goto*class - λ_état\", \"" + longName
                + "\": \"λ_état*" + longName + "\", \"public\": \"sin(public)\"},"
                + "\"time\": [0, 1], \"objective\": {\"terminal\": \"class + " + longName + "\"}}";
        ModelFile file = ModelFile.parse(json, "hostile.json", ModelFile.Compilation.COMPILED);
        double[] f = new double[4];
        file.model().rhs(0.0, new double[] {1.0, 2.0, 0.5, 0.1}, new double[] {0.3, 2.0}, f);
        close(new double[] {-0.3, 0.0, 1.0, Math.sin(0.1)}, f, 1e-16, "rhs");
        GradientResult r = GradientSolver.solve(file.problem(), GradientOptions.defaults()
                .withMethod(RungeKuttaMethods.RK4).withSteps(10));
        assertTrue(Double.isFinite(r.value()));
        assertEquals(longName, file.model().stateName(2));
    }

    /** 10^5 equations compile (the code is split into methods under the JVM's 64 KiB limit) and run. */
    @Test
    void aHundredThousandEquations() {
        String json = """
                {"constants": {"n": 100000},
                 "states": {"u": {"size": "n", "initial": "sin(i/1000)"}},
                 "parameters": {"k": {"size": "n", "value": "1 + (i % 7)/10"}},
                 "rhs": {"u[i]": "-k[i]*u[i] + if(i > 0, 0.5*u[i-1]^2, 0)"},
                 "time": [0, 0.01],
                 "objective": {"terminal": "0.5*sum(i, 0, n-1, u[i]^2)"}}
                """.replace("(i % 7)", "i/n");
        ModelFile file = ModelFile.parse(json, "large.json", ModelFile.Compilation.COMPILED);
        CompiledOde model = (CompiledOde) file.model();
        assertTrue(model.rhsNodes() > 100_000);
        assertEquals(2 * 100_000 - 1, model.jacobianNonzeros());
        GradientResult r = GradientSolver.solve(file.problem(), GradientOptions.defaults()
                .withMethod(RungeKuttaMethods.RK4).withSteps(3));
        assertTrue(Double.isFinite(r.value()) && r.value() > 0);
        // The compiled products against the interpreter on the tape, at the initial state.
        ParametricOde tape = new org.adjoint4j.model.ReverseModeOde(file.model().field());
        double[] y = file.initialState();
        double[] p = file.parameters();
        double[] w = new Random(1).doubles(y.length, -1, 1).toArray();
        double[] f = new double[y.length];
        double[] fi = new double[y.length];
        file.model().rhs(0.0, y, p, f);
        tape.rhs(0.0, y, p, fi);
        close(fi, f, 1e-15, "rhs");
        double[] gy = new double[y.length];
        double[] gp = new double[p.length];
        double[] gyi = new double[y.length];
        double[] gpi = new double[p.length];
        file.model().vjp(0.0, y, p, w, gy, gp);
        tape.vjp(0.0, y, p, w, gyi, gpi);
        close(gyi, gy, 1e-15, "vjp state");
        close(gpi, gp, 1e-15, "vjp parameters");
    }

    /** Seeded random expressions: compiled values, tangents and adjoints equal the interpreter's. */
    @Test
    void randomExpressionsCompileToTheirInterpretation() {
        Random random = new Random(2026);
        String[] unary = {"sin", "cos", "exp", "tanh", "atan", "sqrt", "log", "abs", "relu", "sinh"};
        String[] binary = {"+", "-", "*", "/"};
        int checked = 0;
        for (int sample = 0; sample < 300; sample++) {
            String e0 = expression(random, 4, unary, binary);
            String e1 = expression(random, 4, unary, binary);
            String json = "{\"states\":{\"x\":0.4,\"y\":-0.7},\"parameters\":{\"a\":1.1,\"b\":0.6},"
                    + "\"rhs\":{\"x\":\"" + e0 + "\",\"y\":\"" + e1 + "\"},\"time\":[0,1]}";
            ModelFile file = ModelFile.parse(json, "random.json", ModelFile.Compilation.COMPILED);
            double[] y = {random.nextGaussian(), random.nextGaussian()};
            double[] p = {1 + random.nextDouble(), random.nextDouble()};
            double[] f = new double[2];
            file.model().rhs(0.3, y, p, f);
            if (!Double.isFinite(f[0]) || !Double.isFinite(f[1]) || Math.abs(f[0]) > 1e6 || Math.abs(f[1]) > 1e6) {
                continue;
            }
            Gradient[] g = new Gradient[2];
            file.model().field().rhs(Gradient.constant(4, 0.3), Fields.variables(y, 4, 0), Fields.variables(p, 4, 2), g);
            boolean finite = true;
            for (Gradient gi : g) {
                for (double d : gi.getGradient()) {
                    finite &= Double.isFinite(d) && Math.abs(d) < 1e8;
                }
            }
            if (!finite) {
                continue;
            }
            agreeWithForwardMode(file.model(), file.model().field(), 0.3, y, p, sample, 1e-12, e0 + " ; " + e1);
            checked++;
        }
        assertTrue(checked > 200, checked + " samples checked");
    }

    private static String expression(Random random, int depth, String[] unary, String[] binary) {
        if (depth == 0 || random.nextInt(4) == 0) {
            switch (random.nextInt(6)) {
                case 0:
                    return "x";
                case 1:
                    return "y";
                case 2:
                    return "a";
                case 3:
                    return "b";
                case 4:
                    return "t";
                default:
                    return String.valueOf(random.nextInt(5) + 1);
            }
        }
        switch (random.nextInt(5)) {
            case 0:
                return unary[random.nextInt(unary.length)] + "(" + expression(random, depth - 1, unary, binary) + ")";
            case 1:
                return "if(" + expression(random, depth - 1, unary, binary) + " > 0, "
                        + expression(random, depth - 1, unary, binary) + ", " + expression(random, depth - 1, unary,
                                binary) + ")";
            case 2:
                return "(" + expression(random, depth - 1, unary, binary) + ")^" + (random.nextInt(3) + 2);
            default:
                return "(" + expression(random, depth - 1, unary, binary) + " " + binary[random.nextInt(binary.length)]
                        + " " + expression(random, depth - 1, unary, binary) + ")";
        }
    }

    /** Unknown keys were ignored in the first wave: a typo gave J = 0 with exit 0. */
    @Test
    void theFirstWavesSilentTyposAreRefused() {
        Map<String, String> cases = Map.of(
                "{\"states\":{\"x\":1},\"rhs\":{\"x\":\"-x\"},\"time\":[0,1],\"objectve\":{\"terminal\":\"x\"}}",
                "did you mean \"objective\"?",
                "{\"states\":{\"x\":1},\"rhs\":{\"x\":\"-x\"},\"time\":[0,1],\"bounds\":{\"x\":[0,1]}}",
                "unknown key \"bounds\"");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelFile.parse(c.getKey(), "typo.json", ModelFile.Compilation.COMPILED));
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
        }
    }
}
