package org.adjoint4j.autodiff;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.SinCos;

/**
 * A value recorded on a {@link Tape}: every operation records a node with the local partials of
 * the result with respect to its operands (formulas as Hipparchus's first-order derivatives use
 * them). The field's zero and one, and variables of index -1, are constants outside the tape.
 * Valid until the tape's next reset (variables are pooled).
 */
public final class TapeVariable implements CalculusFieldElement<TapeVariable> {

    final Tape tape;
    int index;
    double value;

    TapeVariable(Tape tape, int index, double value) {
        this.tape = tape;
        this.index = index;
        this.value = value;
    }

    void set(int i, double v) {
        this.index = i;
        this.value = v;
    }

    /** @return the node index on the tape, or -1 for a constant outside it */
    public int index() {
        return index;
    }

    private TapeVariable unary(TapeOperation op, double v, double d) {
        return tape.record(op, v, index, d, -1, 0);
    }

    private TapeVariable unary(TapeOperation op, double v, double d, double c) {
        return tape.record(op, v, index, d, -1, 0, c);
    }

    private TapeVariable binary(TapeOperation op, double v, double dThis, TapeVariable other, double dOther) {
        if (other.tape != tape) {
            throw new IllegalArgumentException("cannot combine variables of two tapes");
        }
        return tape.record(op, v, index, dThis, other.index, dOther);
    }

    @Override
    public double getReal() {
        return value;
    }

    @Override
    public Field<TapeVariable> getField() {
        return tape.field();
    }

    @Override
    public TapeVariable getAddendum() {
        return unary(TapeOperation.ADD_CONSTANT, 0.0, 1.0, -value);
    }

    @Override
    public TapeVariable newInstance(double v) {
        return tape.constant(v);
    }

    @Override
    public TapeVariable add(TapeVariable a) {
        return binary(TapeOperation.ADD, value + a.value, 1.0, a, 1.0);
    }

    @Override
    public TapeVariable add(double a) {
        return unary(TapeOperation.ADD_CONSTANT, value + a, 1.0, a);
    }

    @Override
    public TapeVariable subtract(TapeVariable a) {
        return binary(TapeOperation.SUBTRACT, value - a.value, 1.0, a, -1.0);
    }

    @Override
    public TapeVariable subtract(double a) {
        return unary(TapeOperation.ADD_CONSTANT, value - a, 1.0, -a);
    }

    @Override
    public TapeVariable negate() {
        return unary(TapeOperation.NEGATE, -value, -1.0);
    }

    @Override
    public TapeVariable multiply(TapeVariable a) {
        return binary(TapeOperation.MULTIPLY, value * a.value, a.value, a, value);
    }

    @Override
    public TapeVariable multiply(double a) {
        return unary(TapeOperation.SCALE, value * a, a, a);
    }

    @Override
    public TapeVariable multiply(int n) {
        return multiply((double) n);
    }

    @Override
    public TapeVariable divide(TapeVariable a) {
        double inv = 1.0 / a.value;
        double q = value * inv;
        return binary(TapeOperation.DIVIDE, value / a.value, inv, a, -q * inv);
    }

    @Override
    public TapeVariable divide(double a) {
        return unary(TapeOperation.SCALE, value / a, 1.0 / a, 1.0 / a);
    }

    @Override
    public TapeVariable reciprocal() {
        double inv = 1.0 / value;
        return unary(TapeOperation.RECIPROCAL, inv, -inv * inv);
    }

    @Override
    public TapeVariable square() {
        return unary(TapeOperation.SQUARE, value * value, 2 * value);
    }

    @Override
    public TapeVariable sqrt() {
        double s = FastMath.sqrt(value);
        return unary(TapeOperation.SQRT, s, 1 / (2 * s));
    }

    @Override
    public TapeVariable cbrt() {
        double c = FastMath.cbrt(value);
        return unary(TapeOperation.CBRT, c, 1 / (3 * c * c));
    }

    @Override
    public TapeVariable rootN(int n) {
        if (n == 2) {
            return sqrt();
        }
        if (n == 3) {
            return cbrt();
        }
        double r = FastMath.pow(value, 1.0 / n);
        return unary(TapeOperation.ROOT, r, 1 / (n * FastMath.pow(r, n - 1)), n);
    }

    @Override
    public TapeVariable pow(double p) {
        if (p == 0) {
            return tape.constant(1.0);
        }
        double valuePm1 = FastMath.pow(value, p - 1);
        return unary(TapeOperation.POW_CONSTANT, valuePm1 * value, p * valuePm1, p);
    }

    @Override
    public TapeVariable pow(int n) {
        if (n == 0) {
            return tape.constant(1.0);
        }
        double valueNm1 = FastMath.pow(value, n - 1);
        return unary(TapeOperation.POW_CONSTANT, valueNm1 * value, n * valueNm1, n);
    }

    @Override
    public TapeVariable pow(TapeVariable e) {
        double p = FastMath.pow(value, e.value);
        double dBase = e.value * FastMath.pow(value, e.value - 1);
        double dExponent = p == 0.0 ? 0.0 : p * FastMath.log(value);
        return binary(TapeOperation.POW, p, dBase, e, dExponent);
    }

    @Override
    public TapeVariable exp() {
        double e = FastMath.exp(value);
        return unary(TapeOperation.EXP, e, e);
    }

    @Override
    public TapeVariable expm1() {
        return unary(TapeOperation.EXPM1, FastMath.expm1(value), FastMath.exp(value));
    }

    @Override
    public TapeVariable log() {
        return unary(TapeOperation.LOG, FastMath.log(value), 1 / value);
    }

    @Override
    public TapeVariable log1p() {
        return unary(TapeOperation.LOG1P, FastMath.log1p(value), 1 / (1 + value));
    }

    @Override
    public TapeVariable log10() {
        return unary(TapeOperation.LOG10, FastMath.log10(value), 1 / (value * FastMath.log(10.0)));
    }

    @Override
    public TapeVariable sin() {
        SinCos sc = FastMath.sinCos(value);
        return unary(TapeOperation.SIN, sc.sin(), sc.cos());
    }

    @Override
    public TapeVariable cos() {
        SinCos sc = FastMath.sinCos(value);
        return unary(TapeOperation.COS, sc.cos(), -sc.sin());
    }

    @Override
    public TapeVariable tan() {
        double t = FastMath.tan(value);
        return unary(TapeOperation.TAN, t, 1 + t * t);
    }

    @Override
    public TapeVariable asin() {
        return unary(TapeOperation.ASIN, FastMath.asin(value), 1 / FastMath.sqrt(1 - value * value));
    }

    @Override
    public TapeVariable acos() {
        return unary(TapeOperation.ACOS, FastMath.acos(value), -1 / FastMath.sqrt(1 - value * value));
    }

    @Override
    public TapeVariable atan() {
        return unary(TapeOperation.ATAN, FastMath.atan(value), 1 / (1 + value * value));
    }

    @Override
    public TapeVariable atan2(TapeVariable x) {
        double inv = 1.0 / (value * value + x.value * x.value);
        return binary(TapeOperation.ATAN2, FastMath.atan2(value, x.value), x.value * inv, x, -value * inv);
    }

    @Override
    public TapeVariable sinh() {
        return unary(TapeOperation.SINH, FastMath.sinh(value), FastMath.cosh(value));
    }

    @Override
    public TapeVariable cosh() {
        return unary(TapeOperation.COSH, FastMath.cosh(value), FastMath.sinh(value));
    }

    @Override
    public TapeVariable tanh() {
        double t = FastMath.tanh(value);
        return unary(TapeOperation.TANH, t, 1 - t * t);
    }

    @Override
    public TapeVariable asinh() {
        return unary(TapeOperation.ASINH, FastMath.asinh(value), 1 / FastMath.sqrt(value * value + 1));
    }

    @Override
    public TapeVariable acosh() {
        return unary(TapeOperation.ACOSH, FastMath.acosh(value), 1 / FastMath.sqrt(value * value - 1));
    }

    @Override
    public TapeVariable atanh() {
        return unary(TapeOperation.ATANH, FastMath.atanh(value), 1 / (1 - value * value));
    }

    @Override
    public TapeVariable hypot(TapeVariable y) {
        double h = FastMath.hypot(value, y.value);
        if (Double.isInfinite(h) || Double.isNaN(h)) {
            return binary(TapeOperation.HYPOT, h, Double.NaN, y, Double.NaN);
        }
        return binary(TapeOperation.HYPOT, h, h == 0 ? 0 : value / h, y, h == 0 ? 0 : y.value / h);
    }

    @Override
    public TapeVariable abs() {
        // The bits also classify -0.0 as negative, as Hipparchus does.
        return unary(TapeOperation.ABS, FastMath.abs(value), Double.doubleToLongBits(value) < 0 ? -1.0 : 1.0);
    }

    @Override
    public TapeVariable copySign(TapeVariable sign) {
        long m = Double.doubleToLongBits(value);
        long s = Double.doubleToLongBits(sign.value);
        boolean same = (m >= 0 && s >= 0) || (m < 0 && s < 0);
        return binary(TapeOperation.COPY_SIGN, same ? value : -value, same ? 1.0 : -1.0, sign, 0.0);
    }

    @Override
    public TapeVariable copySign(double sign) {
        long m = Double.doubleToLongBits(value);
        long s = Double.doubleToLongBits(sign);
        boolean same = (m >= 0 && s >= 0) || (m < 0 && s < 0);
        return unary(TapeOperation.COPY_SIGN, same ? value : -value, same ? 1.0 : -1.0);
    }

    @Override
    public TapeVariable remainder(double a) {
        return unary(TapeOperation.REMAINDER, FastMath.IEEEremainder(value, a), 1.0);
    }

    @Override
    public TapeVariable remainder(TapeVariable a) {
        double rem = FastMath.IEEEremainder(value, a.value);
        double k = FastMath.rint((value - rem) / a.value);
        return binary(TapeOperation.REMAINDER, rem, 1.0, a, -k);
    }

    @Override
    public TapeVariable scalb(int n) {
        return unary(TapeOperation.SCALB, FastMath.scalb(value, n), FastMath.scalb(1.0, n), n);
    }

    @Override
    public TapeVariable linearCombination(TapeVariable[] a, TapeVariable[] b) {
        TapeVariable sum = a[0].multiply(b[0]);
        for (int i = 1; i < a.length; i++) {
            sum = sum.add(a[i].multiply(b[i]));
        }
        return sum;
    }

    @Override
    public TapeVariable linearCombination(double[] a, TapeVariable[] b) {
        TapeVariable sum = b[0].multiply(a[0]);
        for (int i = 1; i < a.length; i++) {
            sum = sum.add(b[i].multiply(a[i]));
        }
        return sum;
    }

    @Override
    public TapeVariable linearCombination(TapeVariable a1, TapeVariable b1, TapeVariable a2, TapeVariable b2) {
        return a1.multiply(b1).add(a2.multiply(b2));
    }

    @Override
    public TapeVariable linearCombination(double a1, TapeVariable b1, double a2, TapeVariable b2) {
        return b1.multiply(a1).add(b2.multiply(a2));
    }

    @Override
    public TapeVariable linearCombination(TapeVariable a1, TapeVariable b1, TapeVariable a2, TapeVariable b2,
            TapeVariable a3, TapeVariable b3) {
        return a1.multiply(b1).add(a2.multiply(b2)).add(a3.multiply(b3));
    }

    @Override
    public TapeVariable linearCombination(double a1, TapeVariable b1, double a2, TapeVariable b2, double a3,
            TapeVariable b3) {
        return b1.multiply(a1).add(b2.multiply(a2)).add(b3.multiply(a3));
    }

    @Override
    public TapeVariable linearCombination(TapeVariable a1, TapeVariable b1, TapeVariable a2, TapeVariable b2,
            TapeVariable a3, TapeVariable b3, TapeVariable a4, TapeVariable b4) {
        return a1.multiply(b1).add(a2.multiply(b2)).add(a3.multiply(b3)).add(a4.multiply(b4));
    }

    @Override
    public TapeVariable linearCombination(double a1, TapeVariable b1, double a2, TapeVariable b2, double a3,
            TapeVariable b3, double a4, TapeVariable b4) {
        return b1.multiply(a1).add(b2.multiply(a2)).add(b3.multiply(a3)).add(b4.multiply(a4));
    }

    /**
     * The larger of two values; the derivative follows the argument taken ({@code this} when
     * {@code this > other}, else {@code other}, so at a tie the second argument).
     *
     * @param other the other value
     * @return max(this, other)
     */
    public TapeVariable max(TapeVariable other) {
        return value > other.value ? binary(TapeOperation.MAX, value, 1.0, other, 0.0)
                : binary(TapeOperation.MAX, other.value, 0.0, other, 1.0);
    }

    /**
     * The smaller of two values; the derivative follows the argument taken ({@code this} when
     * {@code this < other}, else {@code other}).
     *
     * @param other the other value
     * @return min(this, other)
     */
    public TapeVariable min(TapeVariable other) {
        return value < other.value ? binary(TapeOperation.MIN, value, 1.0, other, 0.0)
                : binary(TapeOperation.MIN, other.value, 0.0, other, 1.0);
    }

    /**
     * The rectified linear unit {@code max(x, 0)} with the subgradient 0 at {@code x = 0} (as
     * PyTorch and TensorFlow choose): derivative 1 for {@code x > 0}, else 0.
     *
     * @return relu(this)
     */
    public TapeVariable relu() {
        return unary(TapeOperation.RELU, value > 0 ? value : 0.0, value > 0 ? 1.0 : 0.0);
    }

    @Override
    public String toString() {
        return "v" + index + "=" + value;
    }
}
