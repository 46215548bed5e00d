package org.adjoint4j.modelfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.adjoint4j.model.FieldParametricOde;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * A model {@code y' = f(t, y, p)} written as one expression per state, over the names {@code t},
 * the states and the parameters. Runs on doubles through the compiled programs and on any field,
 * so {@link org.adjoint4j.model.ReverseModeOde} differentiates it with the tape.
 */
public final class ExpressionModel implements FieldParametricOde {

    private final List<String> states;
    private final List<String> parameters;
    private final Expression[] rhs;
    private final ThreadLocal<double[][]> buffers;

    /**
     * @param states state names, in order
     * @param parameters parameter names, in order
     * @param rhs the right-hand side of each state, by state name (every state needs one)
     * @throws IllegalArgumentException naming a bad or repeated name, a missing right-hand side, or
     *         (an {@link ExpressionException}) the position of an error inside an expression
     */
    public ExpressionModel(List<String> states, List<String> parameters, Map<String, String> rhs) {
        this.states = List.copyOf(states);
        this.parameters = List.copyOf(parameters);
        List<String> names = inputNames(this.states, this.parameters);
        for (String s : rhs.keySet()) {
            if (!this.states.contains(s)) {
                throw new IllegalArgumentException("rhs given for '" + s + "', which is not a state (states: "
                        + String.join(", ", this.states) + ")");
            }
        }
        this.rhs = new Expression[this.states.size()];
        for (int i = 0; i < this.states.size(); i++) {
            String s = this.states.get(i);
            String text = rhs.get(s);
            if (text == null) {
                throw new IllegalArgumentException("state '" + s + "' has no rhs expression");
            }
            this.rhs[i] = ExpressionCompiler.compile(text, names);
        }
        int stack = 1;
        for (Expression e : this.rhs) {
            stack = Math.max(stack, e.stackSize());
        }
        int maxStack = stack;
        this.buffers = ThreadLocal.withInitial(() -> new double[][] {new double[names.size()], new double[maxStack]});
    }

    /**
     * The names an expression of a model may use: {@code t}, then the states, then the
     * parameters; checked to be identifiers, distinct and not function names.
     *
     * @param states state names
     * @param parameters parameter names
     * @return the input names in order
     */
    public static List<String> inputNames(List<String> states, List<String> parameters) {
        List<String> names = new ArrayList<>();
        names.add("t");
        names.addAll(states);
        names.addAll(parameters);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n == null || !n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + n + "' is not a valid name (letters, digits and _, not "
                        + "starting with a digit)");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("name '" + n + "' is used twice" + (n.equals("t")
                        ? " (t is time)" : ""));
            }
            for (Expression.Function f : Expression.Function.values()) {
                if (f.name().equalsIgnoreCase(n)) {
                    throw new IllegalArgumentException("name '" + n + "' is a function name");
                }
            }
        }
        return names;
    }

    /** @return the state names */
    public List<String> states() {
        return states;
    }

    /** @return the parameter names */
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public int stateDimension() {
        return states.size();
    }

    @Override
    public int parameterDimension() {
        return parameters.size();
    }

    @Override
    public String stateName(int i) {
        return states.get(i);
    }

    @Override
    public String parameterName(int j) {
        return parameters.get(j);
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        double[][] b = buffers.get();
        double[] inputs = b[0];
        inputs[0] = t;
        System.arraycopy(y, 0, inputs, 1, y.length);
        System.arraycopy(p, 0, inputs, 1 + y.length, p.length);
        for (int i = 0; i < rhs.length; i++) {
            yDot[i] = rhs[i].evaluate(inputs, b[1]);
        }
    }

    @Override
    public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
        T[] inputs = MathArrays.buildArray(t.getField(), 1 + y.length + p.length);
        inputs[0] = t;
        System.arraycopy(y, 0, inputs, 1, y.length);
        System.arraycopy(p, 0, inputs, 1 + y.length, p.length);
        for (int i = 0; i < rhs.length; i++) {
            yDot[i] = rhs[i].evaluate(inputs);
        }
    }
}
