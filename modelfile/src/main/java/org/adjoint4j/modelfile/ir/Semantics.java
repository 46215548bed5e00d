package org.adjoint4j.modelfile.ir;

/**
 * The value of every operation on doubles, shared by constant folding and the double interpreter,
 * and the helpers compiled code calls (so compiled code, folding and interpretation agree):
 * comparisons give 1 or 0, {@code select(c, a, b)} takes a where c is nonzero.
 */
public final class Semantics {

    private Semantics() {
    }

    /**
     * @param op an operation of arity x.length (not an input)
     * @param x its arguments' values
     * @param exponent the exponent of {@link Op#POWER_INTEGER}
     * @return its value
     */
    public static double apply(Op op, double[] x, int exponent) {
        switch (op) {
            case ADD:
                return x[0] + x[1];
            case SUBTRACT:
                return x[0] - x[1];
            case MULTIPLY:
                return x[0] * x[1];
            case MULTIPLY_GUARDED:
                return multiplyGuarded(x[0], x[1]);
            case DIVIDE:
                return x[0] / x[1];
            case NEGATE:
                return -x[0];
            case POWER:
                return Math.pow(x[0], x[1]);
            case POWER_INTEGER:
                return powerInteger(x[0], exponent);
            case SQRT:
                return Math.sqrt(x[0]);
            case EXP:
                return Math.exp(x[0]);
            case LOG:
                return Math.log(x[0]);
            case LOG10:
                return Math.log10(x[0]);
            case SIN:
                return Math.sin(x[0]);
            case COS:
                return Math.cos(x[0]);
            case TAN:
                return Math.tan(x[0]);
            case ASIN:
                return Math.asin(x[0]);
            case ACOS:
                return Math.acos(x[0]);
            case ATAN:
                return Math.atan(x[0]);
            case ATAN2:
                return Math.atan2(x[0], x[1]);
            case SINH:
                return Math.sinh(x[0]);
            case COSH:
                return Math.cosh(x[0]);
            case TANH:
                return Math.tanh(x[0]);
            case HYPOT:
                return Math.hypot(x[0], x[1]);
            case FLOOR:
                return Math.floor(x[0]);
            case CEIL:
                return Math.ceil(x[0]);
            case SIGN:
                return Math.signum(x[0]);
            case LESS:
                return less(x[0], x[1]);
            case LESS_EQUAL:
                return lessEqual(x[0], x[1]);
            case EQUAL:
                return equal(x[0], x[1]);
            case NOT_EQUAL:
                return notEqual(x[0], x[1]);
            case AND:
                return and(x[0], x[1]);
            case OR:
                return or(x[0], x[1]);
            case NOT:
                return not(x[0]);
            case SELECT:
                return select(x[0], x[1], x[2]);
            default:
                throw new IllegalArgumentException("no value for " + op);
        }
    }

    /**
     * @param x base
     * @param k exponent
     * @return x^k by repeated squaring (exact for small k; 1/x^-k for negative k)
     */
    public static double powerInteger(double x, int k) {
        if (k < 0) {
            return 1.0 / powerInteger(x, -k);
        }
        double result = 1.0;
        double base = x;
        int e = k;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= base;
            }
            base *= base;
            e >>= 1;
        }
        return result;
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return 1 if a &lt; b else 0
     */
    public static double less(double a, double b) {
        return a < b ? 1.0 : 0.0;
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return 1 if a &lt;= b else 0
     */
    public static double lessEqual(double a, double b) {
        return a <= b ? 1.0 : 0.0;
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return 1 if a == b else 0
     */
    public static double equal(double a, double b) {
        return a == b ? 1.0 : 0.0;
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return 1 if a != b else 0
     */
    public static double notEqual(double a, double b) {
        return a != b ? 1.0 : 0.0;
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return 1 if both are nonzero else 0
     */
    public static double and(double a, double b) {
        return a != 0.0 && b != 0.0 ? 1.0 : 0.0;
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return 1 if either is nonzero else 0
     */
    public static double or(double a, double b) {
        return a != 0.0 || b != 0.0 ? 1.0 : 0.0;
    }

    /**
     * @param a an operand
     * @return 1 if a is zero else 0
     */
    public static double not(double a) {
        return a == 0.0 ? 1.0 : 0.0;
    }

    /**
     * @param c the condition
     * @param a an operand
     * @param b an operand
     * @return a where c is nonzero, else b
     */
    public static double select(double c, double a, double b) {
        return c != 0.0 ? a : b;
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return a b, or 0 when a is 0 (whatever b, even infinite or NaN)
     */
    public static double multiplyGuarded(double a, double b) {
        return a == 0.0 ? 0.0 : a * b;
    }
}
