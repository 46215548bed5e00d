package org.adjoint4j.modelfile.ir;

import java.util.ArrayDeque;
import java.util.List;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * Evaluates graph nodes over any Hipparchus field (doubles as {@code Binary64}, forward-mode
 * {@code Gradient}s, the reverse-mode tape): the reference the compiled code is tested against, and
 * what {@code --compile off} runs. Lazy: a {@code select} evaluates its condition, then only the
 * branch taken, so only that branch is recorded on a tape and a branch not taken can never produce
 * a NaN. Iterative (no recursion), so graphs of any depth evaluate. Not thread-safe (work arrays);
 * one interpreter per thread.
 */
public final class Interpreter {

    /** Gives the values of input nodes. */
    public interface Inputs<T> {
        /**
         * @param kind the input's kind
         * @param index its component
         * @return its value
         */
        T value(Input kind, int index);
    }

    private Object[] values = new Object[0];
    private int[] stamp = new int[0];
    private int generation;
    private final ArrayDeque<Node> stack = new ArrayDeque<>();

    /**
     * @param outputs the nodes to evaluate (all of one graph)
     * @param graphSize the size of their graph
     * @param inputs the inputs' values
     * @param zero the field's zero (for its field and to build constants)
     * @param <T> the field
     * @return the outputs' values, in order
     */
    public <T extends CalculusFieldElement<T>> T[] evaluate(List<Node> outputs, int graphSize, Inputs<T> inputs,
            T zero) {
        if (values.length < graphSize) {
            values = new Object[graphSize];
            stamp = new int[graphSize];
        }
        generation++;
        T[] out = MathArrays.buildArray(zero.getField(), outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            out[i] = value(outputs.get(i), inputs, zero);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T extends CalculusFieldElement<T>> T known(Node n) {
        return stamp[n.id()] == generation ? (T) values[n.id()] : null;
    }

    private void store(Node n, Object v) {
        values[n.id()] = v;
        stamp[n.id()] = generation;
    }

    /** Post-order evaluation with an explicit stack; a select pushes only the branch it takes. */
    private <T extends CalculusFieldElement<T>> T value(Node root, Inputs<T> inputs, T zero) {
        stack.clear();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            if (known(n) != null) {
                stack.pop();
                continue;
            }
            if (n.op() == Op.CONSTANT) {
                store(n, zero.newInstance(n.value()));
                stack.pop();
                continue;
            }
            if (n.op() == Op.INPUT) {
                store(n, inputs.value(n.input(), n.index()));
                stack.pop();
                continue;
            }
            if (n.op() == Op.SELECT) {
                T c = known(n.argument(0));
                if (c == null) {
                    stack.push(n.argument(0));
                    continue;
                }
                Node branch = c.getReal() != 0.0 ? n.argument(1) : n.argument(2);
                T v = known(branch);
                if (v == null) {
                    stack.push(branch);
                    continue;
                }
                store(n, v);
                stack.pop();
                continue;
            }
            boolean ready = true;
            for (int k = n.arity() - 1; k >= 0; k--) {
                if (known(n.argument(k)) == null) {
                    stack.push(n.argument(k));
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            store(n, apply(n, zero));
            stack.pop();
        }
        return known(root);
    }

    private <T extends CalculusFieldElement<T>> T apply(Node n, T zero) {
        T a = known(n.argument(0));
        T b = n.arity() > 1 ? known(n.argument(1)) : null;
        switch (n.op()) {
            case ADD:
                return a.add(b);
            case SUBTRACT:
                return a.subtract(b);
            case MULTIPLY:
                return a.multiply(b);
            case MULTIPLY_GUARDED:
                return a.getReal() == 0.0 ? zero : a.multiply(b);
            case DIVIDE:
                return a.divide(b);
            case NEGATE:
                return a.negate();
            case POWER:
                return a.pow(b);
            case POWER_INTEGER:
                return a.pow((int) n.value());
            case SQRT:
                return a.sqrt();
            case EXP:
                return a.exp();
            case LOG:
                return a.log();
            case LOG10:
                return a.log10();
            case SIN:
                return a.sin();
            case COS:
                return a.cos();
            case TAN:
                return a.tan();
            case ASIN:
                return a.asin();
            case ACOS:
                return a.acos();
            case ATAN:
                return a.atan();
            case ATAN2:
                return a.atan2(b);
            case SINH:
                return a.sinh();
            case COSH:
                return a.cosh();
            case TANH:
                return a.tanh();
            case HYPOT:
                return a.hypot(b);
            case FLOOR:
                return zero.newInstance(Math.floor(a.getReal()));
            case CEIL:
                return zero.newInstance(Math.ceil(a.getReal()));
            case SIGN:
                return zero.newInstance(Math.signum(a.getReal()));
            case LESS:
            case LESS_EQUAL:
            case EQUAL:
            case NOT_EQUAL:
            case AND:
            case OR:
                return zero.newInstance(Semantics.apply(n.op(), new double[] {a.getReal(), b.getReal()}, 0));
            case NOT:
                return zero.newInstance(Semantics.not(a.getReal()));
            default:
                throw new IllegalStateException("cannot interpret " + n.op());
        }
    }
}
