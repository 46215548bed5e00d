package org.adjoint4j.modelfile.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds expression graphs: every node is made here, equal nodes are made once (hash-consing, so
 * shared subexpressions are one node), arguments of {@code +} and {@code *} are put in a canonical
 * order (IEEE addition and multiplication commute exactly), and constants fold. Simplifications
 * keep values exact: {@code x + 0 = x}, {@code 1 x = x}, {@code x / 1 = x}, {@code -(-x) = x},
 * {@code x^1 = x}, {@code select(c, x, x) = x}, a constant condition picks its branch; and
 * {@code 0 x = 0}, which is what derivative graphs need (it differs from IEEE only for infinite or
 * NaN x). Not thread-safe; a model's graphs are built once, then only read.
 */
public final class Graph {

    /** Open addressing: nodes by hash, null for empty; at most half full. */
    private Node[] table = new Node[1 << 10];
    private final List<Node> nodes = new ArrayList<>();
    private final Node zero;
    private final Node one;

    /** An empty graph (with the constants 0 and 1). */
    public Graph() {
        this.zero = constant(0.0);
        this.one = constant(1.0);
    }

    /** @return the number of nodes made */
    public int size() {
        return nodes.size();
    }

    /**
     * @param id a node's number
     * @return the node
     */
    public Node node(int id) {
        return nodes.get(id);
    }

    /** @return the constant 0 */
    public Node zero() {
        return zero;
    }

    /** @return the constant 1 */
    public Node one() {
        return one;
    }

    /**
     * @param x a number
     * @return the constant x
     */
    public Node constant(double x) {
        return intern(Op.CONSTANT, new Node[0], x, null, -1);
    }

    /**
     * @param kind the kind of input
     * @param index its component (0 for time)
     * @return the input node
     */
    public Node input(Input kind, int index) {
        return intern(Op.INPUT, new Node[0], 0.0, kind, kind == Input.TIME ? 0 : index);
    }

    /**
     * @param a base
     * @param k an integer exponent
     * @return a^k
     */
    public Node powerInteger(Node a, int k) {
        if (k == 0) {
            return one;
        }
        if (k == 1) {
            return a;
        }
        if (a.isConstant()) {
            return constant(Math.pow(a.value(), k));
        }
        return intern(Op.POWER_INTEGER, new Node[] {a}, k, null, -1);
    }

    /**
     * Applies an operation, folding constants and simplifying.
     *
     * @param op the operation (not {@link Op#CONSTANT}, {@link Op#INPUT} or {@link Op#POWER_INTEGER})
     * @param args its arguments
     * @return the node
     */
    public Node apply(Op op, Node... args) {
        if (args.length != op.arity()) {
            throw new IllegalArgumentException(op + " takes " + op.arity() + " arguments, got " + args.length);
        }
        Node folded = fold(op, args);
        if (folded != null) {
            return folded;
        }
        Node simple = simplify(op, args);
        if (simple != null) {
            return simple;
        }
        if ((op == Op.ADD || op == Op.MULTIPLY) && args[0].id() > args[1].id()) {
            args = new Node[] {args[1], args[0]};
        }
        return intern(op, args.clone(), 0.0, null, -1);
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return a + b
     */
    public Node add(Node a, Node b) {
        return apply(Op.ADD, a, b);
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return a - b
     */
    public Node subtract(Node a, Node b) {
        return apply(Op.SUBTRACT, a, b);
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return a b
     */
    public Node multiply(Node a, Node b) {
        return apply(Op.MULTIPLY, a, b);
    }

    /**
     * @param a an operand
     * @param b an operand
     * @return a / b
     */
    public Node divide(Node a, Node b) {
        return apply(Op.DIVIDE, a, b);
    }

    /**
     * @param a an operand
     * @return -a
     */
    public Node negate(Node a) {
        return apply(Op.NEGATE, a);
    }

    /**
     * @param c the condition
     * @param a an operand
     * @param b an operand
     * @return select(c, a, b)
     */
    public Node select(Node c, Node a, Node b) {
        return apply(Op.SELECT, c, a, b);
    }

    private Node fold(Op op, Node[] args) {
        for (Node a : args) {
            if (!a.isConstant()) {
                return null;
            }
        }
        if (op == Op.MULTIPLY_GUARDED) {
            return constant(args[0].value() == 0.0 ? 0.0 : args[0].value() * args[1].value());
        }
        double[] x = new double[args.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = args[k].value();
        }
        return constant(Semantics.apply(op, x, 0));
    }

    private Node simplify(Op op, Node[] a) {
        switch (op) {
            case ADD:
                return a[0] == zero ? a[1] : a[1] == zero ? a[0] : null;
            case SUBTRACT:
                return a[1] == zero ? a[0] : a[0] == zero ? negate(a[1]) : null;
            case MULTIPLY:
            case MULTIPLY_GUARDED:
                if (a[0] == zero || a[1] == zero) {
                    return zero;
                }
                if (a[0] == one) {
                    return a[1];
                }
                if (a[1] == one) {
                    return a[0];
                }
                if (op == Op.MULTIPLY && a[0].isConstant(-1.0)) {
                    return negate(a[1]);
                }
                if (op == Op.MULTIPLY && a[1].isConstant(-1.0)) {
                    return negate(a[0]);
                }
                return null;
            case DIVIDE:
                if (a[1] == one) {
                    return a[0];
                }
                return a[0] == zero ? zero : null;
            case NEGATE:
                return a[0].op() == Op.NEGATE ? a[0].argument(0) : null;
            case SELECT:
                if (a[1] == a[2]) {
                    return a[1];
                }
                if (a[0].isConstant()) {
                    return a[0].value() != 0.0 ? a[1] : a[2];
                }
                return null;
            default:
                return null;
        }
    }

    private Node intern(Op op, Node[] args, double value, Input input, int index) {
        int h = op.ordinal();
        for (Node a : args) {
            h = 31 * h + a.id();
        }
        long bits = Double.doubleToLongBits(value);
        h = 31 * h + (int) (bits ^ (bits >>> 29) ^ (bits >>> 47));
        h = 31 * h + (input == null ? -1 : input.ordinal());
        h = 31 * h + index;
        // Mix (MurmurHash3's finalizer): constants that are integers differ only in high bits.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        int mask = table.length - 1;
        int at = h & mask;
        for (Node n = table[at]; n != null; n = table[at]) {
            if (n.hash() == h && n.sameAs(op, args, value, input, index)) {
                return n;
            }
            at = (at + 1) & mask;
        }
        Node n = new Node(nodes.size(), op, args, value, input, index, h);
        nodes.add(n);
        table[at] = n;
        if (2 * nodes.size() > table.length) {
            grow();
        }
        return n;
    }

    private void grow() {
        Node[] bigger = new Node[2 * table.length];
        int mask = bigger.length - 1;
        for (Node n : nodes) {
            int at = n.hash() & mask;
            while (bigger[at] != null) {
                at = (at + 1) & mask;
            }
            bigger[at] = n;
        }
        table = bigger;
    }
}
