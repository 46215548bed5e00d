package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.adjoint4j.autodiff.Tape;
import org.adjoint4j.autodiff.TapeVariable;
import org.adjoint4j.modelfile.lang.ExpressionException;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expression language: values, precedence, derivatives on the tape, and positioned errors. */
class ExpressionTest {

    private static final List<String> XY = List.of("x", "y");

    private static double eval(String text, double x, double y) {
        return ScalarExpression.parse(text, XY).evaluate(new double[] {x, y});
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
        "max(x, y, 7, -1) + min(3, x, y)|7.5",
        "pow(x, 3) + abs(-y)|8.5",
        "sqrt(x * 8) + exp(0) + log(1) + ln(1)|5",
        "relu(-x) + relu(y)|0.5",
        "tanh(0) + sin(0) + cos(0) + tan(0)|1",
        "atan2(1, 1) * 4|3.141592653589793",
        "hypot(3, 4)|5",
        "log10(100) + sinh(0) + cosh(0) + asin(0) + acos(1) + atan(0)|3",
        "+x|2",
        "floor(2.7) + ceil(2.2) + sign(-y) + heaviside(0) + heaviside(-3)|5",
        "if(x > y, 10, 20) + if(x < y, 1, 2)|12",
        "(x >= 2) + (x <= 1) + (x == 2) + (x != 2) + (y < x and x < 3) + (y > x or y == 0.5) + not (x > 1)|4",
        "piecewise(1, x < 0, 2, x < 2, 3, x < 5, 4)|3",
        "sum(k, 1, 4, k^2) + prod(k, 1, 4, k)|54",
        "sum(k, 0, 2, x^k)|7",
        "pi - 4 * atan(1) + e - exp(1)|0",
    })
    void valuesAndPrecedence(String text, double expected) {
        assertEquals(expected, eval(text, 2.0, 0.5), 1e-15);
    }

    /** The seed's f(x, y) = x sin y + y exp x, differentiated on the tape. */
    @Test
    void tapeDifferentiatesAnExpression() {
        ScalarExpression f = ScalarExpression.parse("x*sin(y) + y*exp(x)", XY);
        Tape tape = new Tape();
        TapeVariable x = tape.variable("x", 2.0);
        TapeVariable y = tape.variable("y", 0.5);
        TapeVariable v = f.evaluate(tape.field().getZero(), new TapeVariable[] {x, y});
        double[] g = tape.gradient(v, x, y);
        assertEquals(Math.sin(0.5) + 0.5 * Math.exp(2), g[0], 1e-15);
        assertEquals(2 * Math.cos(0.5) + Math.exp(2), g[1], 1e-14);
        assertEquals(f.evaluate(new double[] {2.0, 0.5}), v.getReal(), 0.0);
        Gradient gg = f.evaluate(Gradient.constant(2, 0.0), new Gradient[] {Gradient.variable(2, 0, 2.0),
            Gradient.variable(2, 1, 0.5)});
        assertArrayEquals(gg.getGradient(), g, 1e-14);
    }

    /** Only the branch taken is recorded on the tape: the other is never evaluated. */
    @Test
    void onlyTheBranchTakenIsRecorded() {
        ScalarExpression f = ScalarExpression.parse("if(x > 0, sqrt(x), log(-x) * y * y)", XY);
        Tape tape = new Tape();
        TapeVariable x = tape.variable("x", 4.0);
        TapeVariable y = tape.variable("y", 3.0);
        TapeVariable v = f.evaluate(tape.field().getZero(), new TapeVariable[] {x, y});
        assertEquals(2.0, v.getReal(), 0.0);
        double[] g = tape.gradient(v, x, y);
        assertArrayEquals(new double[] {0.25, 0.0}, g, 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "x*y - z|unknown name 'z' (known: x, y) at position 7 in 'x*y - z'",
        "x*sine(y)|unknown function 'sine' (functions: abs, acos, asin, atan, atan2, ceil, cos, cosh, exp, floor, heaviside, hypot, if, ln, log, log10, max, min, not, piecewise, pow, prod, relu, sign, sin, sinh, sqrt, sum, tan, tanh) at position 3 in 'x*sine(y)'",
        "x*(y + 1|unclosed '(' at position 3 in 'x*(y + 1'",
        "x + * y|unexpected '*' at position 5 in 'x + * y'",
        "x y|unexpected 'y' at position 3 in 'x y'",
        "pow(x)|function 'pow' takes 2 arguments, got 1 at position 1 in 'pow(x)'",
        "sin(x, y)|function 'sin' takes 1 argument, got 2 at position 1 in 'sin(x, y)'",
        "x +|unexpected end of expression at position 4 in 'x +'",
        "1.2.3|invalid number '1.2.3' at position 1 in '1.2.3'",
        "Sin(x)|unknown function 'Sin' (function names are lower case) at position 1 in 'Sin(x)'",
        "max(x)|function 'max' takes 2 or more arguments, got 1 at position 1 in 'max(x)'",
        "piecewise(1, x < 0)|piecewise takes value, condition pairs and an otherwise value (an odd number, at least 3), got 2 arguments at position 1 in 'piecewise(1, x < 0)'",
        "sum(x, 0, 2, x)|the index 'x' of sum hides a parameter of that name at position 5 in 'sum(x, 0, 2, x)'",
        "sum(k, 0, y, k)|sum's upper bound must be a number here (an expression of constants and indices), but it depends on states, parameters or time at position 11 in 'sum(k, 0, y, k)'",
        "sum(k, 0, 1.5, k)|sum's upper bound must be an integer, got 1.5 at position 11 in 'sum(k, 0, 1.5, k)'",
        "x[1]|parameter 'x' is not an array at position 1 in 'x[1]'",
        "sin|'sin' is a function: call it, as sin(...) at position 1 in 'sin'",
    })
    void errorsPointAtThePosition(String text, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> ScalarExpression.parse(text, XY));
        assertEquals(message, e.getMessage());
    }

    @Test
    void empty() {
        assertEquals("empty expression at position 1 in '  '",
                assertThrows(ExpressionException.class, () -> ScalarExpression.parse("  ", XY)).getMessage());
    }
}
