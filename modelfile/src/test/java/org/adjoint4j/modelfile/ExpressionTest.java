package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.adjoint4j.autodiff.Tape;
import org.adjoint4j.autodiff.TapeVariable;
import org.adjoint4j.model.ReverseModeOde;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expression language: values, precedence, derivatives on the tape, and positioned errors. */
class ExpressionTest {

    private static final List<String> XY = List.of("x", "y");

    private static double eval(String text, double x, double y) {
        return ExpressionCompiler.compile(text, XY).evaluate(new double[] {x, y});
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1 + 2 * 3|7",
        "(1 + 2) * 3|9",
        "2 ^ 3 ^ 2|512",
        "-2 ^ 2|-4",
        "2 ^ -1|0.5",
        "-x ^ 2|-4",
        "x - y - 1|0.5",
        "x / y / 2|2",
        "1.5e2 + .5|150.5",
        "max(x, y) + min(x, y)|2.5",
        "pow(x, 3) + abs(-y)|8.5",
        "sqrt(x * 8) + exp(0) + log(1)|5",
        "relu(-x) + relu(y)|0.5",
        "tanh(0) + sin(0) + cos(0) + tan(0)|1",
        "atan2(1, 1) * 4|3.141592653589793",
        "hypot(3, 4)|5",
        "log10(100) + sinh(0) + cosh(0) + asin(0) + acos(1) + atan(0)|3",
        "+x|2",
    })
    void valuesAndPrecedence(String text, double expected) {
        assertEquals(expected, eval(text, 2.0, 0.5), 1e-15);
    }

    /** The seed's f(x, y) = x sin y + y exp x, compiled and differentiated on the tape. */
    @Test
    void tapeDifferentiatesACompiledExpression() {
        Expression f = ExpressionCompiler.compile("x*sin(y) + y*exp(x)", XY);
        Tape tape = new Tape();
        TapeVariable x = tape.variable("x", 2.0);
        TapeVariable y = tape.variable("y", 0.5);
        TapeVariable v = f.evaluate(new TapeVariable[] {x, y});
        double[] g = tape.gradient(v, x, y);
        assertEquals(Math.sin(0.5) + 0.5 * Math.exp(2), g[0], 1e-15);
        assertEquals(2 * Math.cos(0.5) + Math.exp(2), g[1], 1e-14);
        assertEquals(f.evaluate(new double[] {2.0, 0.5}), v.getReal(), 0.0);
        Gradient gg = f.evaluate(new Gradient[] {Gradient.variable(2, 0, 2.0), Gradient.variable(2, 1, 0.5)});
        assertArrayEquals(gg.getGradient(), g, 1e-14);
    }

    @Test
    void modelOfExpressionsMatchesItsJavaTwin() {
        ExpressionModel lv = new ExpressionModel(List.of("x", "y"), List.of("a", "b", "c", "d"),
                Map.of("x", "a*x - b*x*y", "y", "-c*y + d*x*y"));
        double[] y = {1.2, 0.8};
        double[] p = {1.5, 1.0, 3.0, 1.0};
        double[] f = new double[2];
        lv.rhs(0.0, y, p, f);
        assertArrayEquals(new double[] {1.5 * 1.2 - 1.2 * 0.8, -3 * 0.8 + 1.2 * 0.8}, f, 1e-15);
        ReverseModeOde ode = new ReverseModeOde(lv);
        double[] gy = new double[2];
        double[] gp = new double[4];
        ode.vjp(0.0, y, p, new double[] {1, 2}, gy, gp);
        assertArrayEquals(new double[] {(1.5 - 0.8) + 2 * 0.8, -1.2 + 2 * (-3 + 1.2)}, gy, 1e-15);
        assertArrayEquals(new double[] {1.2, -1.2 * 0.8, -2 * 0.8, 2 * 1.2 * 0.8}, gp, 1e-15);
        assertEquals("b", ode.parameterName(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "x*y - z|unknown name 'z' (known: x, y) at position 7 in 'x*y - z'",
        "x*sine(y)|unknown function 'sine' (functions: sin, cos, tan, exp, log, sqrt, abs, tanh, asin, acos, atan, sinh, cosh, log10, relu, min, max, pow, atan2, hypot) at position 3 in 'x*sine(y)'",
        "x*(y + 1|unclosed '(' at position 3 in 'x*(y + 1'",
        "x + * y|unexpected '*' at position 5 in 'x + * y'",
        "x y|unexpected 'y' at position 3 in 'x y'",
        "pow(x)|function 'pow' takes 2 arguments, got 1 at position 1 in 'pow(x)'",
        "sin(x, y)|function 'sin' takes 1 argument, got 2 at position 1 in 'sin(x, y)'",
        "x +|unexpected end of expression at position 4 in 'x +'",
        "1.2.3|invalid number '1.2.3' at position 1 in '1.2.3'",
        "Sin(x)|unknown function 'Sin' (function names are lower case) at position 1 in 'Sin(x)'",
    })
    void errorsPointAtThePosition(String text, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> ExpressionCompiler.compile(text, XY));
        assertEquals(message, e.getMessage());
    }

    @Test
    void emptyAndBadNames() {
        assertEquals("empty expression at position 1 in '  '",
                assertThrows(ExpressionException.class, () -> ExpressionCompiler.compile("  ", XY)).getMessage());
        assertEquals("name 'x' is used twice", assertThrows(IllegalArgumentException.class,
                () -> new ExpressionModel(List.of("x", "x"), List.of(), Map.of("x", "1"))).getMessage());
        assertEquals("name 'sin' is a function name", assertThrows(IllegalArgumentException.class,
                () -> new ExpressionModel(List.of("sin"), List.of(), Map.of("sin", "1"))).getMessage());
        assertEquals("name 't' is used twice (t is time)", assertThrows(IllegalArgumentException.class,
                () -> new ExpressionModel(List.of("t"), List.of(), Map.of("t", "1"))).getMessage());
        assertEquals("state 'y' has no rhs expression", assertThrows(IllegalArgumentException.class,
                () -> new ExpressionModel(List.of("x", "y"), List.of(), Map.of("x", "1"))).getMessage());
    }
}
