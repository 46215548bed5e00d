package org.adjoint4j.modelfile.lang;

/**
 * An expression that cannot be compiled: the message says what is wrong and at which 1-based
 * character position of the expression.
 */
public class ExpressionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Where in the expression the problem is (0-based character position). */
    private final int position;
    /** The expression's text. */
    private final String expression;

    /**
     * @param expression the text
     * @param position 1-based character position of the problem
     * @param message what is wrong
     */
    public ExpressionException(String expression, int position, String message) {
        super(message + " at position " + position + " in '" + expression + "'");
        this.expression = expression;
        this.position = position;
    }

    /** @return the 1-based character position of the problem */
    public int position() {
        return position;
    }

    /** @return the expression's text */
    public String expression() {
        return expression;
    }
}
