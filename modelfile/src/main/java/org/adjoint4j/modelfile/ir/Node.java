package org.adjoint4j.modelfile.ir;

/**
 * A node of the expression graph: an operation on earlier nodes. Nodes are made only by a
 * {@link Graph}, which gives equal nodes one identity (hash-consing), so a shared subexpression is
 * one node and is computed once: common-subexpression elimination by construction. Immutable.
 */
public final class Node {

    private final int id;
    private final Op op;
    private final Node[] arguments;
    private final double value;
    private final Input input;
    private final int index;
    private final int hash;

    Node(int id, Op op, Node[] arguments, double value, Input input, int index, int hash) {
        this.id = id;
        this.op = op;
        this.arguments = arguments;
        this.value = value;
        this.input = input;
        this.index = index;
        this.hash = hash;
    }

    /** @return the node's number in its graph, increasing with creation (arguments come first) */
    public int id() {
        return id;
    }

    /** @return the operation */
    public Op op() {
        return op;
    }

    /** @return the number of arguments */
    public int arity() {
        return arguments.length;
    }

    /**
     * @param k an argument's position
     * @return the argument
     */
    public Node argument(int k) {
        return arguments[k];
    }

    /** @return the number of a constant, or the exponent of {@link Op#POWER_INTEGER} */
    public double value() {
        return value;
    }

    /** @return the kind of an input node, or null */
    public Input input() {
        return input;
    }

    /** @return the component of an input node */
    public int index() {
        return index;
    }

    /** @return whether this is a constant */
    public boolean isConstant() {
        return op == Op.CONSTANT;
    }

    /**
     * @param x a number
     * @return whether this is the constant x (bitwise, so -0.0 is not 0.0)
     */
    public boolean isConstant(double x) {
        return op == Op.CONSTANT && Double.doubleToLongBits(value) == Double.doubleToLongBits(x);
    }

    /** Hash-consing key equality: same operation, same argument identities, same payload. */
    boolean sameAs(Op otherOp, Node[] otherArguments, double otherValue, Input otherInput, int otherIndex) {
        if (op != otherOp || input != otherInput || index != otherIndex
                || Double.doubleToLongBits(value) != Double.doubleToLongBits(otherValue)
                || arguments.length != otherArguments.length) {
            return false;
        }
        for (int k = 0; k < arguments.length; k++) {
            if (arguments[k] != otherArguments[k]) {
                return false;
            }
        }
        return true;
    }

    int hash() {
        return hash;
    }

    @Override
    public String toString() {
        switch (op) {
            case CONSTANT:
                return Double.toString(value);
            case INPUT:
                return input.name().toLowerCase(java.util.Locale.ROOT) + (input == Input.TIME ? "" : "[" + index + "]");
            default:
                StringBuilder b = new StringBuilder(op.name().toLowerCase(java.util.Locale.ROOT)).append('(');
                for (int k = 0; k < arguments.length; k++) {
                    b.append(k == 0 ? "" : ", ").append('#').append(arguments[k].id);
                }
                if (op == Op.POWER_INTEGER) {
                    b.append(", ").append((int) value);
                }
                return b.append(')').toString();
        }
    }
}
