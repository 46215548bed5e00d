package org.adjoint4j.modelfile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Node;
import org.adjoint4j.modelfile.ir.Op;
import org.adjoint4j.modelfile.lang.ExpressionException;
import org.adjoint4j.modelfile.lang.Syntax;

/**
 * Gives an expression its meaning in a {@link Scope}: names become graph nodes (constants fold, so
 * an expression of constants and index variables is a number here), {@code name[index]} picks an
 * element (the index must be an integer in range where it is evaluated), {@code sum} and
 * {@code prod} unroll, an {@code if} or {@code piecewise} whose condition is a number keeps only
 * the branch it takes (the other is never evaluated), and kinks are lowered to selections with one
 * convention for their derivatives:
 * <pre>
 *   relu(x)      = x if x &gt; 0 else 0            relu'(0) = 0
 *   abs(x)       = x, -x, or 0 at x = 0          abs'(0) = 0
 *   max(a, b)    = a if a &gt; b else b            at a tie, b (and its derivative)
 *   min(a, b)    = a if a &lt; b else b            at a tie, b
 *   heaviside(x) = 1 if x &gt;= 0 else 0           derivative 0
 *   sign, floor, ceil, comparisons, and, or, not: derivative 0
 *   if(c, a, b), piecewise(...): the derivative of the branch taken
 * </pre>
 */
final class Elaborator {

    /** The functions of the language and their arities (-1: two or more). */
    static final Map<String, Integer> FUNCTIONS = new TreeMap<>();

    static {
        for (String f : new String[] {"sin", "cos", "tan", "exp", "log", "ln", "log10", "sqrt", "abs", "tanh", "asin",
            "acos", "atan", "sinh", "cosh", "relu", "floor", "ceil", "sign", "heaviside", "not"}) {
            FUNCTIONS.put(f, 1);
        }
        for (String f : new String[] {"pow", "atan2", "hypot"}) {
            FUNCTIONS.put(f, 2);
        }
        FUNCTIONS.put("min", -1);
        FUNCTIONS.put("max", -1);
        FUNCTIONS.put("if", 3);
        FUNCTIONS.put("piecewise", -3);
        FUNCTIONS.put("sum", 4);
        FUNCTIONS.put("prod", 4);
    }

    private final Graph g;
    private final Scope scope;
    private final String text;

    /**
     * @param graph where nodes go
     * @param scope the names in scope
     * @param text the expression's text, for messages
     */
    Elaborator(Graph graph, Scope scope, String text) {
        this.g = graph;
        this.scope = scope;
        this.text = text;
    }

    private ExpressionException error(Syntax at, String message) {
        return new ExpressionException(text, at.position(), message);
    }

    /**
     * @param e a syntax tree
     * @return its node
     */
    Node node(Syntax e) {
        if (e instanceof Syntax.Number) {
            return g.constant(((Syntax.Number) e).value());
        }
        if (e instanceof Syntax.Name) {
            return name((Syntax.Name) e);
        }
        if (e instanceof Syntax.Element) {
            return element((Syntax.Element) e);
        }
        if (e instanceof Syntax.Unary) {
            Syntax.Unary u = (Syntax.Unary) e;
            Node a = node(u.operand());
            switch (u.operator()) {
                case "-":
                    return g.negate(a);
                case "+":
                    return a;
                default:
                    return g.apply(Op.NOT, a);
            }
        }
        if (e instanceof Syntax.Binary) {
            return binary((Syntax.Binary) e);
        }
        return call((Syntax.Call) e);
    }

    /**
     * @param e an expression that must be a number where it is evaluated
     * @param what what it is, for messages
     * @return its value
     */
    double number(Syntax e, String what) {
        Node n = node(e);
        if (!n.isConstant()) {
            throw error(e, what + " must be a number here (an expression of constants and indices), but it depends on "
                    + "states, parameters or time");
        }
        return n.value();
    }

    /**
     * @param e an expression that must be an integer where it is evaluated
     * @param what what it is, for messages
     * @return its value
     */
    int integer(Syntax e, String what) {
        double x = number(e, what);
        if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) {
            throw error(e, what + " must be an integer, got " + x);
        }
        return (int) x;
    }

    private Node name(Syntax.Name e) {
        Scope.Symbol s = resolve(e.name(), e);
        if (s.array()) {
            throw error(e, s.kind().description + " '" + e.name() + "' is an array of " + s.elements().size()
                    + ": index it, as " + e.name() + "[i]");
        }
        return s.elements().get(0);
    }

    private Node element(Syntax.Element e) {
        Scope.Symbol s = resolve(e.name(), e);
        if (!s.array()) {
            throw error(e, s.kind().description + " '" + e.name() + "' is not an array");
        }
        int index = integer(e.index(), "the index of " + e.name());
        if (index < 0 || index >= s.elements().size()) {
            throw error(e, "index " + index + " is out of range for " + e.name() + " (size " + s.elements().size()
                    + ", indices 0.." + (s.elements().size() - 1) + ")");
        }
        return s.elements().get(index);
    }

    private Scope.Symbol resolve(String name, Syntax at) {
        Scope.Symbol s = scope.get(name);
        if (s != null) {
            return s;
        }
        if (FUNCTIONS.containsKey(name)) {
            throw error(at, "'" + name + "' is a function: call it, as " + name + "(...)");
        }
        String later = scope.later(name);
        if (later != null) {
            throw error(at, "'" + name + "' is used before its definition (a " + later + ")");
        }
        throw error(at, "unknown name '" + name + "' (known: " + String.join(", ", scope.names()) + ")");
    }

    private Node binary(Syntax.Binary e) {
        Node a = node(e.left());
        Node b = node(e.right());
        switch (e.operator()) {
            case "+":
                return g.add(a, b);
            case "-":
                return g.subtract(a, b);
            case "*":
                return g.multiply(a, b);
            case "/":
                return g.divide(a, b);
            case "^":
                return power(g, a, b);
            case "<":
                return g.apply(Op.LESS, a, b);
            case "<=":
                return g.apply(Op.LESS_EQUAL, a, b);
            case ">":
                return g.apply(Op.LESS, b, a);
            case ">=":
                return g.apply(Op.LESS_EQUAL, b, a);
            case "==":
                return g.apply(Op.EQUAL, a, b);
            case "!=":
                return g.apply(Op.NOT_EQUAL, a, b);
            case "and":
                return g.apply(Op.AND, a, b);
            default:
                return g.apply(Op.OR, a, b);
        }
    }

    static Node power(Graph g, Node a, Node b) {
        if (b.isConstant() && b.value() == Math.rint(b.value()) && Math.abs(b.value()) <= 64) {
            return g.powerInteger(a, (int) b.value());
        }
        return g.apply(Op.POWER, a, b);
    }

    private Node call(Syntax.Call e) {
        String f = e.function();
        Integer arity = FUNCTIONS.get(f);
        List<Syntax> args = e.arguments();
        if (arity == null) {
            String hint = FUNCTIONS.containsKey(f.toLowerCase(java.util.Locale.ROOT)) ? "function names are lower case"
                    : "functions: " + String.join(", ", FUNCTIONS.keySet());
            throw error(e, "unknown function '" + f + "' (" + hint + ")");
        }
        if (arity >= 0 && args.size() != arity) {
            throw error(e, "function '" + f + "' takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got "
                    + args.size());
        }
        if (arity == -1 && args.size() < 2) {
            throw error(e, "function '" + f + "' takes 2 or more arguments, got " + args.size());
        }
        switch (f) {
            case "if":
                return conditional(args.get(0), args.get(1), args.get(2));
            case "piecewise":
                return piecewise(e);
            case "sum":
            case "prod":
                return reduction(e);
            default:
                break;
        }
        Node[] x = new Node[args.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = node(args.get(k));
        }
        return function(g, f, x);
    }

    /**
     * The functions of the language on nodes (not {@code if}, {@code piecewise}, {@code sum},
     * {@code prod}), with the kink conventions of the class: shared with the SBML importer, so both
     * lower the same functions the same way.
     *
     * @param g the graph
     * @param f a function name of {@link #FUNCTIONS}
     * @param x its arguments, of the right number
     * @return the node
     */
    static Node function(Graph g, String f, Node... x) {
        switch (f) {
            case "sin":
                return g.apply(Op.SIN, x[0]);
            case "cos":
                return g.apply(Op.COS, x[0]);
            case "tan":
                return g.apply(Op.TAN, x[0]);
            case "exp":
                return g.apply(Op.EXP, x[0]);
            case "log":
            case "ln":
                return g.apply(Op.LOG, x[0]);
            case "log10":
                return g.apply(Op.LOG10, x[0]);
            case "sqrt":
                return g.apply(Op.SQRT, x[0]);
            case "tanh":
                return g.apply(Op.TANH, x[0]);
            case "asin":
                return g.apply(Op.ASIN, x[0]);
            case "acos":
                return g.apply(Op.ACOS, x[0]);
            case "atan":
                return g.apply(Op.ATAN, x[0]);
            case "sinh":
                return g.apply(Op.SINH, x[0]);
            case "cosh":
                return g.apply(Op.COSH, x[0]);
            case "floor":
                return g.apply(Op.FLOOR, x[0]);
            case "ceil":
                return g.apply(Op.CEIL, x[0]);
            case "sign":
                return g.apply(Op.SIGN, x[0]);
            case "not":
                return g.apply(Op.NOT, x[0]);
            case "relu":
                return g.select(g.apply(Op.LESS, g.zero(), x[0]), x[0], g.zero());
            case "abs":
                return g.select(g.apply(Op.LESS, g.zero(), x[0]), x[0],
                        g.select(g.apply(Op.LESS, x[0], g.zero()), g.negate(x[0]), g.zero()));
            case "heaviside":
                return g.select(g.apply(Op.LESS, x[0], g.zero()), g.zero(), g.one());
            case "pow":
                return power(g, x[0], x[1]);
            case "atan2":
                return g.apply(Op.ATAN2, x[0], x[1]);
            case "hypot":
                return g.apply(Op.HYPOT, x[0], x[1]);
            case "max": {
                Node m = x[0];
                for (int k = 1; k < x.length; k++) {
                    m = g.select(g.apply(Op.LESS, x[k], m), m, x[k]);
                }
                return m;
            }
            default: {
                Node m = x[0];
                for (int k = 1; k < x.length; k++) {
                    m = g.select(g.apply(Op.LESS, m, x[k]), m, x[k]);
                }
                return m;
            }
        }
    }

    /** A condition that is a number picks its branch; the other branch is never evaluated. */
    private Node conditional(Syntax condition, Syntax then, Syntax otherwise) {
        Node c = node(condition);
        if (c.isConstant()) {
            return c.value() != 0.0 ? node(then) : node(otherwise);
        }
        return g.select(c, node(then), node(otherwise));
    }

    /** piecewise(v1, c1, v2, c2, ..., otherwise): the first value whose condition holds. */
    private Node piecewise(Syntax.Call e) {
        List<Syntax> args = e.arguments();
        if (args.size() < 3 || args.size() % 2 == 0) {
            throw error(e, "piecewise takes value, condition pairs and an otherwise value (an odd number, at least "
                    + "3), got " + args.size() + " arguments");
        }
        return piece(args, 0);
    }

    private Node piece(List<Syntax> args, int k) {
        if (k == args.size() - 1) {
            return node(args.get(k));
        }
        Node c = node(args.get(k + 1));
        if (c.isConstant()) {
            return c.value() != 0.0 ? node(args.get(k)) : piece(args, k + 2);
        }
        return g.select(c, node(args.get(k)), piece(args, k + 2));
    }

    /** sum(i, from, to, expr) and prod(...), from and to included, unrolled. */
    private Node reduction(Syntax.Call e) {
        List<Syntax> args = e.arguments();
        if (!(args.get(0) instanceof Syntax.Name)) {
            throw error(args.get(0), e.function() + "'s first argument must be the name of its index");
        }
        String index = ((Syntax.Name) args.get(0)).name();
        if (scope.get(index) != null && scope.get(index).kind() != Scope.Kind.INDEX) {
            throw error(args.get(0), "the index '" + index + "' of " + e.function() + " hides a "
                    + scope.get(index).kind().description + " of that name");
        }
        int from = integer(args.get(1), e.function() + "'s lower bound");
        int to = integer(args.get(2), e.function() + "'s upper bound");
        boolean product = e.function().equals("prod");
        Scope.Symbol saved = scope.get(index);
        Node acc = product ? g.one() : g.zero();
        try {
            for (int i = from; i <= to; i++) {
                scope.bind(index, new Scope.Symbol(index, Scope.Kind.INDEX, List.of(g.constant(i)), false));
                Node term = node(args.get(3));
                acc = product ? g.multiply(acc, term) : g.add(acc, term);
            }
        } finally {
            scope.bind(index, saved);
        }
        return acc;
    }
}
