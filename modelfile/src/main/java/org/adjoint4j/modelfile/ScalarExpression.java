package org.adjoint4j.modelfile;

import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Input;
import org.adjoint4j.modelfile.ir.Interpreter;
import org.adjoint4j.modelfile.ir.Node;
import org.adjoint4j.modelfile.lang.ExpressionException;
import org.adjoint4j.modelfile.lang.Parser;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.Binary64;

/**
 * One expression of the modelling language over named inputs, interpreted over any Hipparchus field
 * (on the reverse-mode tape it records exactly the operations of the branch taken): what
 * {@code ./adjoint4j explain} shows step by step. Thread-safe.
 */
public final class ScalarExpression {

    private final String text;
    private final Graph graph = new Graph();
    private final Node node;
    private final int inputs;
    private final ThreadLocal<Interpreter> interpreter = ThreadLocal.withInitial(Interpreter::new);

    private ScalarExpression(String text, List<String> names) {
        this.text = text;
        this.inputs = names.size();
        Scope scope = new Scope();
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            if (!Parser.isName(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a name (letters, digits and underscores, "
                        + "not starting with a digit)");
            }
            scope.define(new Scope.Symbol(name, Scope.Kind.PARAMETER, List.of(graph.input(Input.PARAMETER, k)),
                    false));
        }
        scope.bind("pi", new Scope.Symbol("pi", Scope.Kind.CONSTANT, List.of(graph.constant(Math.PI)), false));
        scope.bind("e", new Scope.Symbol("e", Scope.Kind.CONSTANT, List.of(graph.constant(Math.E)), false));
        this.node = new Elaborator(graph, scope, text).node(Parser.parse(text));
    }

    /**
     * @param text the expression
     * @param names the names of its inputs, in the order values are given
     * @return the expression
     * @throws ExpressionException naming what is wrong and where
     */
    public static ScalarExpression parse(String text, List<String> names) {
        return new ScalarExpression(text, new ArrayList<>(names));
    }

    /** @return the text */
    public String text() {
        return text;
    }

    /**
     * @param zero the field's zero
     * @param values one value per input (not modified)
     * @param <T> the field
     * @return the expression's value
     */
    public <T extends CalculusFieldElement<T>> T evaluate(T zero, T[] values) {
        if (values.length != inputs) {
            throw new IllegalArgumentException("the expression has " + inputs + " inputs, got " + values.length);
        }
        return interpreter.get().evaluate(List.of(node), graph.size(), (kind, index) -> values[index], zero)[0];
    }

    /**
     * @param values one value per input (not modified)
     * @return the value on doubles
     */
    public double evaluate(double[] values) {
        Binary64[] x = new Binary64[values.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = new Binary64(values[k]);
        }
        return evaluate(Binary64.ZERO, x).getReal();
    }
}
