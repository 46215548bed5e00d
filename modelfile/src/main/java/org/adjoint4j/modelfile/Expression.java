package org.adjoint4j.modelfile;

import java.util.List;
import org.adjoint4j.autodiff.TapeVariable;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.MathArrays;

/**
 * A compiled expression: a program for a stack machine over named inputs, evaluated on doubles or
 * on any field. {@code max}, {@code min} and {@code relu} pass on the argument taken (at a tie the
 * second argument; {@code relu} has derivative 0 at 0), so only the branch taken is differentiated.
 * Immutable and thread-safe.
 */
public final class Expression {

    static final int CONST = 0;
    static final int VAR = 1;
    static final int NEG = 2;
    static final int ADD = 3;
    static final int SUB = 4;
    static final int MUL = 5;
    static final int DIV = 6;
    static final int POW_CONST = 7;
    static final int POW = 8;
    static final int CALL = 9;

    /** Unary and binary functions, by name; their ordinal is the CALL operand. */
    enum Function {
        SIN(1), COS(1), TAN(1), EXP(1), LOG(1), SQRT(1), ABS(1), TANH(1), ASIN(1), ACOS(1), ATAN(1), SINH(1),
        COSH(1), LOG10(1), RELU(1), MIN(2), MAX(2), POW(2), ATAN2(2), HYPOT(2);

        final int arity;

        Function(int arity) {
            this.arity = arity;
        }
    }

    private final String text;
    private final List<String> names;
    private final int[] code;
    private final int[] operand;
    private final double[] constant;
    private final int maxStack;

    Expression(String text, List<String> names, int[] code, int[] operand, double[] constant, int maxStack) {
        this.text = text;
        this.names = List.copyOf(names);
        this.code = code;
        this.operand = operand;
        this.constant = constant;
        this.maxStack = maxStack;
    }

    /** @return the source text */
    public String text() {
        return text;
    }

    /** @return the input names, in the order the inputs are given */
    public List<String> names() {
        return names;
    }

    /**
     * Evaluates on doubles.
     *
     * @param inputs one value per name (not modified)
     * @return the value
     */
    public double evaluate(double[] inputs) {
        return evaluate(inputs, new double[maxStack]);
    }

    /**
     * Evaluates on doubles with a caller's stack, allocating nothing.
     *
     * @param inputs one value per name (not modified)
     * @param stack work array of at least {@link #stackSize()} (modified)
     * @return the value
     */
    public double evaluate(double[] inputs, double[] stack) {
        int sp = 0;
        for (int pc = 0; pc < code.length; pc++) {
            int k = operand[pc];
            switch (code[pc]) {
                case CONST:
                    stack[sp++] = constant[k];
                    break;
                case VAR:
                    stack[sp++] = inputs[k];
                    break;
                case NEG:
                    stack[sp - 1] = -stack[sp - 1];
                    break;
                case ADD:
                    sp--;
                    stack[sp - 1] += stack[sp];
                    break;
                case SUB:
                    sp--;
                    stack[sp - 1] -= stack[sp];
                    break;
                case MUL:
                    sp--;
                    stack[sp - 1] *= stack[sp];
                    break;
                case DIV:
                    sp--;
                    stack[sp - 1] /= stack[sp];
                    break;
                case POW_CONST:
                    stack[sp - 1] = powConstant(stack[sp - 1], constant[k]);
                    break;
                case POW:
                    sp--;
                    stack[sp - 1] = FastMath.pow(stack[sp - 1], stack[sp]);
                    break;
                default:
                    Function f = Function.values()[k];
                    if (f.arity == 2) {
                        sp--;
                        stack[sp - 1] = call2(f, stack[sp - 1], stack[sp]);
                    } else {
                        stack[sp - 1] = call1(f, stack[sp - 1]);
                    }
            }
        }
        return stack[0];
    }

    /** @return the stack size an evaluation needs */
    public int stackSize() {
        return maxStack;
    }

    /**
     * Evaluates on a field: on a tape every operation is recorded and differentiated.
     *
     * @param inputs one element per name (not modified)
     * @param <T> the field
     * @return the value
     */
    public <T extends CalculusFieldElement<T>> T evaluate(T[] inputs) {
        T[] stack = MathArrays.buildArray(inputs[0].getField(), maxStack);
        int sp = 0;
        for (int pc = 0; pc < code.length; pc++) {
            int k = operand[pc];
            switch (code[pc]) {
                case CONST:
                    stack[sp++] = inputs[0].newInstance(constant[k]);
                    break;
                case VAR:
                    stack[sp++] = inputs[k];
                    break;
                case NEG:
                    stack[sp - 1] = stack[sp - 1].negate();
                    break;
                case ADD:
                    sp--;
                    stack[sp - 1] = stack[sp - 1].add(stack[sp]);
                    break;
                case SUB:
                    sp--;
                    stack[sp - 1] = stack[sp - 1].subtract(stack[sp]);
                    break;
                case MUL:
                    sp--;
                    stack[sp - 1] = stack[sp - 1].multiply(stack[sp]);
                    break;
                case DIV:
                    sp--;
                    stack[sp - 1] = stack[sp - 1].divide(stack[sp]);
                    break;
                case POW_CONST:
                    double e = constant[k];
                    stack[sp - 1] = e == Math.rint(e) && Math.abs(e) < Integer.MAX_VALUE
                            ? stack[sp - 1].pow((int) e) : stack[sp - 1].pow(e);
                    break;
                case POW:
                    sp--;
                    stack[sp - 1] = stack[sp - 1].pow(stack[sp]);
                    break;
                default:
                    Function f = Function.values()[k];
                    if (f.arity == 2) {
                        sp--;
                        stack[sp - 1] = call2(f, stack[sp - 1], stack[sp]);
                    } else {
                        stack[sp - 1] = call1(f, stack[sp - 1]);
                    }
            }
        }
        return stack[0];
    }

    private static double powConstant(double x, double e) {
        return e == Math.rint(e) && Math.abs(e) < Integer.MAX_VALUE ? FastMath.pow(x, (int) e) : FastMath.pow(x, e);
    }

    private static double call1(Function f, double x) {
        switch (f) {
            case SIN:
                return FastMath.sin(x);
            case COS:
                return FastMath.cos(x);
            case TAN:
                return FastMath.tan(x);
            case EXP:
                return FastMath.exp(x);
            case LOG:
                return FastMath.log(x);
            case SQRT:
                return FastMath.sqrt(x);
            case ABS:
                return FastMath.abs(x);
            case TANH:
                return FastMath.tanh(x);
            case ASIN:
                return FastMath.asin(x);
            case ACOS:
                return FastMath.acos(x);
            case ATAN:
                return FastMath.atan(x);
            case SINH:
                return FastMath.sinh(x);
            case COSH:
                return FastMath.cosh(x);
            case LOG10:
                return FastMath.log10(x);
            default:
                return x > 0 ? x : 0.0;
        }
    }

    private static double call2(Function f, double a, double b) {
        switch (f) {
            case MIN:
                return a < b ? a : b;
            case MAX:
                return a > b ? a : b;
            case POW:
                return FastMath.pow(a, b);
            case ATAN2:
                return FastMath.atan2(a, b);
            default:
                return FastMath.hypot(a, b);
        }
    }

    private static <T extends CalculusFieldElement<T>> T call1(Function f, T x) {
        switch (f) {
            case SIN:
                return x.sin();
            case COS:
                return x.cos();
            case TAN:
                return x.tan();
            case EXP:
                return x.exp();
            case LOG:
                return x.log();
            case SQRT:
                return x.sqrt();
            case ABS:
                return x.abs();
            case TANH:
                return x.tanh();
            case ASIN:
                return x.asin();
            case ACOS:
                return x.acos();
            case ATAN:
                return x.atan();
            case SINH:
                return x.sinh();
            case COSH:
                return x.cosh();
            case LOG10:
                return x.log10();
            default:
                return relu(x);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends CalculusFieldElement<T>> T relu(T x) {
        if (x instanceof TapeVariable) {
            return (T) ((TapeVariable) x).relu(); // recorded as its own node, named in printed tapes
        }
        return x.getReal() > 0 ? x : x.getField().getZero();
    }

    @SuppressWarnings("unchecked")
    private static <T extends CalculusFieldElement<T>> T call2(Function f, T a, T b) {
        switch (f) {
            case MIN:
                if (a instanceof TapeVariable) {
                    return (T) ((TapeVariable) a).min((TapeVariable) b);
                }
                return a.getReal() < b.getReal() ? a : b;
            case MAX:
                if (a instanceof TapeVariable) {
                    return (T) ((TapeVariable) a).max((TapeVariable) b);
                }
                return a.getReal() > b.getReal() ? a : b;
            case POW:
                return a.pow(b);
            case ATAN2:
                return a.atan2(b);
            default:
                return a.hypot(b);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
