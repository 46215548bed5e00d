package org.adjoint4j.modelfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Compiles the expression language (see the package documentation) by recursive descent into an
 * {@link Expression}. Errors name the problem and its 1-based position.
 */
public final class ExpressionCompiler {

    private final String text;
    private final List<String> names;
    private int pos;
    private int[] code = new int[16];
    private int[] operand = new int[16];
    private int size;
    private final List<Double> constants = new ArrayList<>();
    private int depth;
    private int maxDepth;

    private ExpressionCompiler(String text, List<String> names) {
        this.text = text;
        this.names = names;
    }

    /**
     * Compiles an expression over the given input names.
     *
     * @param text the expression, e.g. {@code a*x - b*x*y}
     * @param names the names it may use, in the order inputs will be given
     * @return the compiled expression
     * @throws ExpressionException with the position of an unknown name or a syntax error
     */
    public static Expression compile(String text, List<String> names) {
        if (text == null) {
            throw new IllegalArgumentException("expression must not be null");
        }
        ExpressionCompiler c = new ExpressionCompiler(text, names);
        c.skipSpace();
        if (c.pos >= text.length()) {
            throw new ExpressionException(text, 1, "empty expression");
        }
        c.expression();
        c.skipSpace();
        if (c.pos < text.length()) {
            throw c.error("unexpected '" + text.charAt(c.pos) + "'");
        }
        double[] k = c.constants.stream().mapToDouble(Double::doubleValue).toArray();
        return new Expression(text, names, Arrays.copyOf(c.code, c.size), Arrays.copyOf(c.operand, c.size), k,
                Math.max(1, c.maxDepth));
    }

    private void expression() {
        term();
        while (true) {
            skipSpace();
            if (peek('+')) {
                pos++;
                term();
                emit(Expression.ADD, 0, -1);
            } else if (peek('-')) {
                pos++;
                term();
                emit(Expression.SUB, 0, -1);
            } else {
                return;
            }
        }
    }

    private void term() {
        unary();
        while (true) {
            skipSpace();
            if (peek('*')) {
                pos++;
                unary();
                emit(Expression.MUL, 0, -1);
            } else if (peek('/')) {
                pos++;
                unary();
                emit(Expression.DIV, 0, -1);
            } else {
                return;
            }
        }
    }

    private void unary() {
        skipSpace();
        if (peek('-')) {
            pos++;
            unary();
            if (size > 0 && code[size - 1] == Expression.CONST) {
                int k = operand[size - 1];
                constants.set(k, -constants.get(k)); // fold a negative literal
            } else {
                emit(Expression.NEG, 0, 0);
            }
        } else if (peek('+')) {
            pos++;
            unary();
        } else {
            power();
        }
    }

    private void power() {
        primary();
        skipSpace();
        if (peek('^')) {
            pos++;
            int before = size;
            unary();
            if (size == before + 1 && code[before] == Expression.CONST) {
                // A literal exponent: x^2 uses pow(int), well defined for negative x.
                int k = operand[before];
                size = before;
                depth--;
                emit(Expression.POW_CONST, k, 0);
            } else {
                emit(Expression.POW, 0, -1);
            }
        }
    }

    private void primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of expression");
        }
        char ch = text.charAt(pos);
        if (ch == '(') {
            int open = pos;
            pos++;
            expression();
            skipSpace();
            if (!peek(')')) {
                throw pos >= text.length() ? new ExpressionException(text, open + 1, "unclosed '('")
                        : error("expected ')'");
            }
            pos++;
        } else if (Character.isDigit(ch) || ch == '.') {
            number();
        } else if (Character.isLetter(ch) || ch == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (peek('(')) {
                call(name, start);
            } else {
                int index = names.indexOf(name);
                if (index < 0) {
                    throw new ExpressionException(text, start + 1, "unknown name '" + name + "' (known: "
                            + String.join(", ", names) + ")");
                }
                emit(Expression.VAR, index, 1);
            }
        } else {
            throw error("unexpected '" + ch + "'");
        }
    }

    private void call(String name, int start) {
        Expression.Function f;
        try {
            f = Expression.Function.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(text, start + 1, "unknown function '" + name + "' (functions: "
                    + Arrays.stream(Expression.Function.values()).map(x -> x.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")) + ")");
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new ExpressionException(text, start + 1, "unknown function '" + name + "' (function names are "
                    + "lower case)");
        }
        pos++; // '('
        int arguments = 0;
        skipSpace();
        if (!peek(')')) {
            while (true) {
                expression();
                arguments++;
                skipSpace();
                if (peek(',')) {
                    pos++;
                    continue;
                }
                break;
            }
        }
        skipSpace();
        if (!peek(')')) {
            throw pos >= text.length() ? error("unclosed '(' of " + name) : error("expected ',' or ')'");
        }
        pos++;
        if (arguments != f.arity) {
            throw new ExpressionException(text, start + 1, "function '" + name + "' takes " + f.arity
                    + (f.arity == 1 ? " argument" : " arguments") + ", got " + arguments);
        }
        emit(Expression.CALL, f.ordinal(), 1 - f.arity);
    }

    private void number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark; // "2e" is 2 followed by a name: let the caller complain
            }
        }
        String literal = text.substring(start, pos);
        double value;
        try {
            value = Double.parseDouble(literal);
        } catch (NumberFormatException e) {
            throw new ExpressionException(text, start + 1, "invalid number '" + literal + "'");
        }
        constants.add(value);
        emit(Expression.CONST, constants.size() - 1, 1);
    }

    private void emit(int op, int arg, int stackChange) {
        if (size == code.length) {
            code = Arrays.copyOf(code, 2 * size);
            operand = Arrays.copyOf(operand, 2 * size);
        }
        code[size] = op;
        operand[size] = arg;
        size++;
        depth += stackChange;
        maxDepth = Math.max(maxDepth, depth);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ExpressionException error(String message) {
        return new ExpressionException(text, pos + 1, message);
    }
}
