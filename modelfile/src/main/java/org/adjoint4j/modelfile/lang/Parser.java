package org.adjoint4j.modelfile.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one expression of the modelling language into a {@link Syntax} tree:
 * <pre>
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | compare
 *   compare := sum (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') sum)?
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?           right associative: a^b^c = a^(b^c), -x^2 = -(x^2)
 *   primary := number | name | name '[' expr ']' | name '(' expr (',' expr)* ')' | '(' expr ')'
 * </pre>
 * Names are letters, digits and underscores (letters of any script), not starting with a digit.
 * An error names what is wrong and its 1-based position ({@link ExpressionException}).
 */
public final class Parser {

    private final String text;
    private int at;

    private Parser(String text) {
        this.text = text;
    }

    /**
     * @param text the expression
     * @return its syntax tree
     * @throws ExpressionException naming the problem and its position
     */
    public static Syntax parse(String text) {
        if (text == null) {
            throw new ExpressionException("", 1, "empty expression");
        }
        Parser p = new Parser(text);
        p.skipSpaces();
        if (p.at >= text.length()) {
            throw new ExpressionException(text, 1, "empty expression");
        }
        Syntax e = p.or();
        p.skipSpaces();
        if (p.at < text.length()) {
            throw p.unexpected();
        }
        return e;
    }

    private ExpressionException error(int position, String message) {
        return new ExpressionException(text, position + 1, message);
    }

    private ExpressionException unexpected() {
        if (at >= text.length()) {
            return error(at, "unexpected end of expression");
        }
        int start = at;
        if (isNameStart(text.codePointAt(at))) {
            int end = start;
            while (end < text.length() && isNamePart(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            return error(start, "unexpected '" + text.substring(start, end) + "'");
        }
        return error(start, "unexpected '" + new String(Character.toChars(text.codePointAt(at))) + "'");
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean peek(String token) {
        skipSpaces();
        if (!text.startsWith(token, at)) {
            return false;
        }
        if (Character.isLetter(token.charAt(0))) {
            int end = at + token.length();
            return end >= text.length() || !isNamePart(text.codePointAt(end));
        }
        return true;
    }

    private boolean accept(String token) {
        if (peek(token)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private Syntax or() {
        Syntax left = and();
        while (true) {
            int position = at + 1;
            if (!accept("or")) {
                return left;
            }
            left = new Syntax.Binary("or", left, and(), position);
        }
    }

    private Syntax and() {
        Syntax left = not();
        while (true) {
            int position = at + 1;
            if (!accept("and")) {
                return left;
            }
            left = new Syntax.Binary("and", left, not(), position);
        }
    }

    private Syntax not() {
        skipSpaces();
        int position = at + 1;
        if (accept("not")) {
            return new Syntax.Unary("not", not(), position);
        }
        return compare();
    }

    private Syntax compare() {
        Syntax left = sum();
        skipSpaces();
        int position = at + 1;
        for (String op : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
            if (accept(op)) {
                return new Syntax.Binary(op, left, sum(), position);
            }
        }
        return left;
    }

    private Syntax sum() {
        Syntax left = product();
        while (true) {
            skipSpaces();
            int position = at + 1;
            if (accept("+")) {
                left = new Syntax.Binary("+", left, product(), position);
            } else if (accept("-")) {
                left = new Syntax.Binary("-", left, product(), position);
            } else {
                return left;
            }
        }
    }

    private Syntax product() {
        Syntax left = unary();
        while (true) {
            skipSpaces();
            int position = at + 1;
            if (accept("*")) {
                left = new Syntax.Binary("*", left, unary(), position);
            } else if (accept("/")) {
                left = new Syntax.Binary("/", left, unary(), position);
            } else {
                return left;
            }
        }
    }

    private Syntax unary() {
        skipSpaces();
        int position = at + 1;
        if (accept("-")) {
            return new Syntax.Unary("-", unary(), position);
        }
        if (accept("+")) {
            return new Syntax.Unary("+", unary(), position);
        }
        return power();
    }

    private Syntax power() {
        Syntax base = primary();
        skipSpaces();
        int position = at + 1;
        if (accept("^")) {
            return new Syntax.Binary("^", base, unary(), position);
        }
        return base;
    }

    private Syntax primary() {
        skipSpaces();
        if (at >= text.length()) {
            throw unexpected();
        }
        int start = at;
        char c = text.charAt(at);
        if (c == '(') {
            at++;
            Syntax inner = or();
            if (!accept(")")) {
                throw error(start, "unclosed '('");
            }
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (isNameStart(text.codePointAt(at))) {
            String name = name();
            skipSpaces();
            if (at < text.length() && text.charAt(at) == '(') {
                int open = at;
                at++;
                List<Syntax> args = new ArrayList<>();
                skipSpaces();
                if (!accept(")")) {
                    do {
                        args.add(or());
                    } while (accept(","));
                    if (!accept(")")) {
                        if (at >= text.length()) {
                            throw error(open, "unclosed '('");
                        }
                        throw unexpected();
                    }
                }
                return new Syntax.Call(name, args, start + 1);
            }
            if (at < text.length() && text.charAt(at) == '[') {
                int open = at;
                at++;
                Syntax index = or();
                if (!accept("]")) {
                    throw error(open, "unclosed '['");
                }
                return new Syntax.Element(name, index, start + 1);
            }
            return new Syntax.Name(name, start + 1);
        }
        throw unexpected();
    }

    private Syntax number() {
        int start = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
            at++;
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            int mark = at;
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (at < text.length() && Character.isDigit(text.charAt(at))) {
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
            } else {
                at = mark;
            }
        }
        String literal = text.substring(start, at);
        try {
            return new Syntax.Number(Double.parseDouble(literal), start + 1);
        } catch (NumberFormatException e) {
            throw error(start, "invalid number '" + literal + "'");
        }
    }

    private String name() {
        int start = at;
        while (at < text.length() && isNamePart(text.codePointAt(at))) {
            at += Character.charCount(text.codePointAt(at));
        }
        return text.substring(start, at);
    }

    /**
     * @param name a candidate name
     * @return whether it is a name of the language (letters, digits, underscores, not starting with a digit)
     */
    public static boolean isName(String name) {
        if (name == null || name.isEmpty() || !isNameStart(name.codePointAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            if (!isNamePart(name.codePointAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(int c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(int c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
