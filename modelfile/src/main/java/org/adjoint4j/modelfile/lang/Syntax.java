package org.adjoint4j.modelfile.lang;

import java.util.List;

/**
 * The syntax tree of one expression of the modelling language, as the {@link Parser} reads it;
 * every node keeps its 1-based position in the text for messages. Nothing here evaluates: the
 * elaborator gives the tree its meaning (constants folded, array indices resolved, names bound).
 */
public sealed interface Syntax permits Syntax.Number, Syntax.Name, Syntax.Element, Syntax.Call, Syntax.Unary,
        Syntax.Binary {

    /** @return the 1-based position of the node's first character */
    int position();

    /**
     * A numeric literal.
     *
     * @param value its value
     * @param position where it starts
     */
    record Number(double value, int position) implements Syntax {
    }

    /**
     * A name: a constant, a state, a parameter, a derived quantity, {@code t}, or an index variable.
     *
     * @param name the name
     * @param position where it starts
     */
    record Name(String name, int position) implements Syntax {
    }

    /**
     * An element of an array, {@code name[index]}.
     *
     * @param name the array's name
     * @param index the index expression (an integer where it is evaluated)
     * @param position where the name starts
     */
    record Element(String name, Syntax index, int position) implements Syntax {
    }

    /**
     * A function call, including the special forms {@code if}, {@code piecewise}, {@code sum} and
     * {@code prod}.
     *
     * @param function the function's name
     * @param arguments its arguments
     * @param position where the name starts
     */
    record Call(String function, List<Syntax> arguments, int position) implements Syntax {
        /**
         * @param function the function's name
         * @param arguments its arguments (copied)
         * @param position where the name starts
         */
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * A prefix operator: {@code -}, {@code +} or {@code not}.
     *
     * @param operator the operator
     * @param operand its operand
     * @param position where the operator is
     */
    record Unary(String operator, Syntax operand, int position) implements Syntax {
    }

    /**
     * An infix operator: arithmetic {@code + - * / ^}, comparisons {@code < <= > >= == !=}, logic
     * {@code and or}.
     *
     * @param operator the operator
     * @param left its left operand
     * @param right its right operand
     * @param position where the operator is
     */
    record Binary(String operator, Syntax left, Syntax right, int position) implements Syntax {
    }
}
