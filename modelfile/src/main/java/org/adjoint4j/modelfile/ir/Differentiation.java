package org.adjoint4j.modelfile.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Symbolic differentiation on an expression {@link Graph}: the derivative of a node is built as more
 * nodes of the same graph, so derivatives share subexpressions with the values and with each other.
 * <pre>
 *   tangent (forward):  dn = sum_k (d n / d a_k) da_k,  inputs mapped to direction inputs
 *   adjoint (reverse):  abar_k += nbar (d n / d a_k),  from seeds on the outputs
 * </pre>
 * with the local partials of each operation (e.g. {@code d sqrt(a) = da / (2 sqrt(a))},
 * {@code d select(c, a, b) = select(c, da, db)}; comparisons, logic, floor, ceil and sign have
 * derivative 0). Where a graph selects between branches, adjoint products are guarded
 * ({@code 0 x = 0} even for an infinite or NaN partial of a branch not taken).
 */
public final class Differentiation {

    private final Graph g;
    private int[] mark = new int[0];
    private int generation;

    /** @param graph the graph whose nodes are differentiated and which receives the derivatives */
    public Differentiation(Graph graph) {
        this.g = graph;
    }

    /**
     * @param node a node
     * @return whether it depends on the state or on time: a function of the parameters (and
     *         constants) alone is not
     */
    public boolean readsStateOrTime(Node node) {
        for (Node r : reachable(List.of(node))) {
            if (r.input() == Input.STATE || r.input() == Input.TIME) {
                return true;
            }
        }
        return false;
    }

    /**
     * The nodes the outputs depend on, in an order where arguments come before their users.
     *
     * @param outputs some nodes
     * @return their reachable nodes, sorted by id
     */
    public List<Node> reachable(List<Node> outputs) {
        // Marks reused across calls (a generation per call): a small subgraph of a large graph costs
        // its own size, not the graph's.
        if (mark.length < g.size()) {
            mark = java.util.Arrays.copyOf(mark, Math.max(g.size(), 2 * mark.length));
        }
        generation++;
        List<Node> order = new ArrayList<>();
        List<Node> stack = new ArrayList<>(outputs);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (mark[n.id()] == generation) {
                continue;
            }
            mark[n.id()] = generation;
            order.add(n);
            for (int k = 0; k < n.arity(); k++) {
                stack.add(n.argument(k));
            }
        }
        order.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return order;
    }

    /**
     * Forward mode: the tangent of each output when each input moves in the direction the map
     * gives (null: the input does not move).
     *
     * @param outputs the nodes to differentiate
     * @param direction the tangent of an input node, or null for 0
     * @return the tangent of each output, in order
     */
    public List<Node> tangent(List<Node> outputs, Function<Node, Node> direction) {
        Map<Node, Node> tangents = new HashMap<>();
        for (Node n : reachable(outputs)) {
            Node d;
            if (n.op() == Op.INPUT) {
                d = direction.apply(n);
                d = d == null ? g.zero() : d;
            } else if (n.op() == Op.CONSTANT || n.op().isLogical() || n.op() == Op.FLOOR || n.op() == Op.CEIL
                    || n.op() == Op.SIGN) {
                d = g.zero();
            } else if (n.op() == Op.SELECT) {
                d = g.select(n.argument(0), tangents.get(n.argument(1)), tangents.get(n.argument(2)));
            } else {
                d = g.zero();
                for (int k = 0; k < n.arity(); k++) {
                    Node dk = tangents.get(n.argument(k));
                    if (dk != g.zero()) {
                        d = g.add(d, g.multiply(partial(n, k), dk));
                    }
                }
            }
            tangents.put(n, d);
        }
        List<Node> out = new ArrayList<>(outputs.size());
        for (Node o : outputs) {
            out.add(tangents.get(o));
        }
        return out;
    }

    /**
     * Reverse mode: the adjoints of the inputs, {@code sum_i seed_i d output_i / d input}.
     *
     * @param outputs the nodes differentiated
     * @param seeds one seed per output (the cotangent, or 1 for a gradient)
     * @return the adjoint of every input node reached (inputs not reached are absent)
     */
    public Map<Node, Node> adjoint(List<Node> outputs, List<Node> seeds) {
        List<Node> order = reachable(outputs);
        boolean guarded = false;
        for (Node n : order) {
            guarded |= n.op() == Op.SELECT;
        }
        Map<Node, Node> adjoints = new HashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            adjoints.merge(outputs.get(i), seeds.get(i), g::add);
        }
        Map<Node, Node> inputs = new HashMap<>();
        for (int r = order.size() - 1; r >= 0; r--) {
            Node n = order.get(r);
            Node bar = adjoints.get(n);
            if (bar == null || bar == g.zero()) {
                continue;
            }
            if (n.op() == Op.INPUT) {
                inputs.put(n, bar);
                continue;
            }
            if (n.op() == Op.CONSTANT || n.op().isLogical() || n.op() == Op.FLOOR || n.op() == Op.CEIL
                    || n.op() == Op.SIGN) {
                continue;
            }
            if (n.op() == Op.SELECT) {
                Node c = n.argument(0);
                adjoints.merge(n.argument(1), g.select(c, bar, g.zero()), g::add);
                adjoints.merge(n.argument(2), g.select(c, g.zero(), bar), g::add);
                continue;
            }
            for (int k = 0; k < n.arity(); k++) {
                Node contribution = guarded ? g.apply(Op.MULTIPLY_GUARDED, bar, partial(n, k))
                        : g.multiply(bar, partial(n, k));
                adjoints.merge(n.argument(k), contribution, g::add);
            }
        }
        return inputs;
    }

    /**
     * @param n a node of a differentiable operation
     * @param k an argument's position
     * @return {@code d n / d a_k} as a node
     */
    public Node partial(Node n, int k) {
        Node a = n.argument(0);
        switch (n.op()) {
            case ADD:
                return g.one();
            case SUBTRACT:
                return k == 0 ? g.one() : g.constant(-1.0);
            case MULTIPLY:
                return n.argument(1 - k);
            case MULTIPLY_GUARDED:
                return n.argument(1 - k);
            case DIVIDE:
                // d(a/b)/da = 1/b, d(a/b)/db = -(a/b)/b
                return k == 0 ? g.divide(g.one(), n.argument(1)) : g.negate(g.divide(n, n.argument(1)));
            case NEGATE:
                return g.constant(-1.0);
            case POWER:
                // d a^b / da = b a^(b-1) = b (a^b / a) would fail at a = 0; b a^(b - 1) does not
                return k == 0 ? g.multiply(n.argument(1), g.apply(Op.POWER, a, g.subtract(n.argument(1), g.one())))
                        : g.multiply(n, g.apply(Op.LOG, a));
            case POWER_INTEGER: {
                int e = (int) n.value();
                return g.multiply(g.constant(e), g.powerInteger(a, e - 1));
            }
            case SQRT:
                return g.divide(g.constant(0.5), n);
            case EXP:
                return n;
            case LOG:
                return g.divide(g.one(), a);
            case LOG10:
                return g.divide(g.constant(1.0 / Math.log(10.0)), a);
            case SIN:
                return g.apply(Op.COS, a);
            case COS:
                return g.negate(g.apply(Op.SIN, a));
            case TAN:
                return g.add(g.one(), g.powerInteger(n, 2));
            case ASIN:
                return g.divide(g.one(), g.apply(Op.SQRT, g.subtract(g.one(), g.powerInteger(a, 2))));
            case ACOS:
                return g.negate(g.divide(g.one(), g.apply(Op.SQRT, g.subtract(g.one(), g.powerInteger(a, 2)))));
            case ATAN:
                return g.divide(g.one(), g.add(g.one(), g.powerInteger(a, 2)));
            case ATAN2: {
                // atan2(y, x): d/dy = x / (x^2 + y^2), d/dx = -y / (x^2 + y^2)
                Node y = n.argument(0);
                Node x = n.argument(1);
                Node r2 = g.add(g.powerInteger(x, 2), g.powerInteger(y, 2));
                return k == 0 ? g.divide(x, r2) : g.negate(g.divide(y, r2));
            }
            case SINH:
                return g.apply(Op.COSH, a);
            case COSH:
                return g.apply(Op.SINH, a);
            case TANH:
                return g.subtract(g.one(), g.powerInteger(n, 2));
            case HYPOT:
                return g.divide(n.argument(k), n);
            default:
                throw new IllegalArgumentException("no partial derivative for " + n.op());
        }
    }
}
