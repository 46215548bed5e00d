package org.adjoint4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleConsumer;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Property tests: for random inputs (seeded, 300 per domain, plus the domain's ends and signed
 * zeros), every {@link org.hipparchus.CalculusFieldElement} operation the tape implements gives the
 * same value and derivatives as Hipparchus's forward-mode {@link Gradient}, including the special
 * functions, to 1e-13 relative (and the same non-finite values where Hipparchus gives them).
 */
class TapeAgreesWithGradientTest {

    /** An operation written once for both fields. */
    interface Unary {
        <T extends CalculusFieldElement<T>> T apply(T x);
    }

    /** A binary operation written once for both fields. */
    interface Binary {
        <T extends CalculusFieldElement<T>> T apply(T x, T y);
    }

    private static void close(double expected, double actual, String what) {
        if (!Double.isFinite(expected)) {
            assertEquals(expected, actual, what + " (non-finite, as Hipparchus gives it)");
            return;
        }
        double scale = Math.max(1.0, Math.abs(expected));
        assertEquals(expected, actual, 1e-13 * scale, what);
    }

    private static void checkUnary(String name, Unary op, double x0) {
        Gradient g = op.apply(Gradient.variable(1, 0, x0));
        Tape tape = new Tape();
        TapeVariable x = tape.variable(x0);
        TapeVariable r = op.apply(x);
        close(g.getValue(), r.getReal(), name + "(" + x0 + ") value");
        close(g.getGradient()[0], tape.gradient(r, x)[0], name + "'(" + x0 + ")");
    }

    private static void checkBinary(String name, Binary op, double x0, double y0) {
        Gradient g = op.apply(Gradient.variable(2, 0, x0), Gradient.variable(2, 1, y0));
        Tape tape = new Tape();
        TapeVariable x = tape.variable(x0);
        TapeVariable y = tape.variable(y0);
        TapeVariable r = op.apply(x, y);
        double[] d = tape.gradient(r, x, y);
        close(g.getValue(), r.getReal(), name + "(" + x0 + ", " + y0 + ") value");
        close(g.getGradient()[0], d[0], name + " d/dx at (" + x0 + ", " + y0 + ")");
        close(g.getGradient()[1], d[1], name + " d/dy at (" + x0 + ", " + y0 + ")");
    }

    private static void forAll(double min, double max, DoubleConsumer property) {
        Random random = new Random(Double.doubleToLongBits(min) ^ Double.doubleToLongBits(max));
        double[] edges = {min, max, (min + max) / 2, 0.0, -0.0};
        for (double e : edges) {
            if (e >= min && e <= max) {
                property.accept(e);
            }
        }
        for (int i = 0; i < 300; i++) {
            property.accept(min + (max - min) * random.nextDouble());
        }
    }

    @Test
    void elementaryFunctionsOnTheRealLine() {
        forAll(-3, 3, TapeAgreesWithGradientTest::elementary);
    }

    private static void elementary(double x) {
        checkUnary("exp", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.exp(); } }, x);
        checkUnary("expm1", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.expm1(); } }, x);
        checkUnary("sin", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.sin(); } }, x);
        checkUnary("cos", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.cos(); } }, x);
        checkUnary("atan", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.atan(); } }, x);
        checkUnary("sinh", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.sinh(); } }, x);
        checkUnary("cosh", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.cosh(); } }, x);
        checkUnary("tanh", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.tanh(); } }, x);
        checkUnary("asinh", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.asinh(); } }, x);
        checkUnary("cbrt", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.cbrt(); } }, x);
        checkUnary("square", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.square(); } }, x);
        checkUnary("negate", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.negate(); } }, x);
        checkUnary("abs", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.abs(); } }, x);
        checkUnary("pow(int 3)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.pow(3); } }, x);
        checkUnary("pow(int -2)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.pow(-2); } }, x);
        checkUnary("add(double)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.add(0.3); } }, x);
        checkUnary("subtract(double)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.subtract(0.3); } }, x);
        checkUnary("multiply(double)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.multiply(-1.7); } }, x);
        checkUnary("multiply(int)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.multiply(3); } }, x);
        checkUnary("divide(double)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.divide(2.5); } }, x);
        checkUnary("scalb", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.scalb(3); } }, x);
        checkUnary("toDegrees", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.toDegrees(); } }, x);
        checkUnary("toRadians", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.toRadians(); } }, x);
        checkUnary("getAddendum", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.getAddendum(); } }, x);
        checkUnary("copySign(-1)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.copySign(-1.0); } }, x);
        checkUnary("remainder(0.7)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.remainder(0.7); } }, x);
        checkUnary("sign", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.sign().multiply(v); } }, x);
        checkUnary("floor", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.floor().add(v); } }, x);
        checkUnary("sinCos", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) {
            return v.sinCos().sin().multiply(v.sinCos().cos()); } }, x);
        checkUnary("sinhCosh", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) {
            return v.sinhCosh().sinh().add(v.sinhCosh().cosh()); } }, x);
    }

    @Test
    void functionsOfPositiveArguments() {
        forAll(0.05, 20, TapeAgreesWithGradientTest::positive);
    }

    private static void positive(double x) {
        checkUnary("log", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.log(); } }, x);
        checkUnary("log1p", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.log1p(); } }, x);
        checkUnary("log10", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.log10(); } }, x);
        checkUnary("sqrt", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.sqrt(); } }, x);
        checkUnary("reciprocal", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.reciprocal(); } }, x);
        checkUnary("rootN(5)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.rootN(5); } }, x);
        checkUnary("pow(double 2.7)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.pow(2.7); } }, x);
        checkUnary("pow(double -0.4)", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.pow(-0.4); } }, x);
        checkUnary("acosh", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.add(1.0).acosh(); } }, x);
        checkUnary("tan", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.divide(20).tan(); } }, x);
    }

    @Test
    void functionsOfTheUnitInterval() {
        forAll(-0.95, 0.95, TapeAgreesWithGradientTest::unitInterval);
    }

    private static void unitInterval(double x) {
        checkUnary("asin", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.asin(); } }, x);
        checkUnary("acos", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.acos(); } }, x);
        checkUnary("atanh", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.atanh(); } }, x);
    }

    @Test
    void binaryOperations() {
        Random random = new Random(17);
        for (int i = 0; i < 300; i++) {
            binary(0.1 + 3.9 * random.nextDouble(), -3 + 6 * random.nextDouble());
        }
        binary(0.1, -3);
        binary(4, 3);
        binary(1, 0.0);
        binary(1, -0.0);
    }

    private static void binary(double x, double y) {
        checkBinary("add", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return a.add(b); } }, x, y);
        checkBinary("subtract", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return a.subtract(b); } }, x, y);
        checkBinary("multiply", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return a.multiply(b); } }, x, y);
        checkBinary("divide", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return b.divide(a); } }, x, y);
        checkBinary("pow", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return a.pow(b); } }, x, y);
        checkBinary("atan2", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return b.atan2(a); } }, x, y);
        checkBinary("hypot", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return a.hypot(b); } }, x, y);
        checkBinary("copySign", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return a.copySign(b); } }, x, y);
        checkBinary("remainder", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) { return b.remainder(a); } }, x, y);
        checkBinary("linearCombination2", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) {
            return a.linearCombination(a, b, b, b); } }, x, y);
        checkBinary("linearCombination3", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) {
            return a.linearCombination(a, b, b, b, a, a); } }, x, y);
        checkBinary("linearCombination4", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) {
            return a.linearCombination(a, b, b, b, a, a, b, a); } }, x, y);
        checkBinary("linearCombination(double) 2..4", new Binary() { public <T extends CalculusFieldElement<T>> T apply(T a, T b) {
            return a.linearCombination(0.5, a, -2.0, b).add(a.linearCombination(1.0, a, 2.0, b, 3.0, a))
                    .add(a.linearCombination(1.0, a, 2.0, b, 3.0, a, -1.0, b)); } }, x, y);
        checkBinary("linearCombination arrays", new Binary() { @SuppressWarnings("unchecked")
            public <T extends CalculusFieldElement<T>> T apply(T a, T b) {
                T[] u = org.hipparchus.util.MathArrays.buildArray(a.getField(), 3);
                u[0] = a; u[1] = b; u[2] = a.multiply(b);
                return a.linearCombination(u, u).add(a.linearCombination(new double[] {1, -2, 3}, u)); } }, x, y);
    }

    @Test
    void integerPowers() {
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            int n = random.nextInt(11) - 4;
            double x = -2 + 4 * random.nextDouble();
            checkUnary("pow(" + n + ")", new Unary() { public <T extends CalculusFieldElement<T>> T apply(T v) { return v.pow(n); } }, x);
        }
    }
}
