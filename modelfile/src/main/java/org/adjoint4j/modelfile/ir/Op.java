package org.adjoint4j.modelfile.ir;

/**
 * The operations of the intermediate representation, with their arity. Kinks are lowered to
 * {@link #SELECT} when a model is elaborated (relu, abs, max, min, heaviside), so every derivative
 * follows one convention: the derivative of the branch taken.
 */
public enum Op {
    /** A number. */
    CONSTANT(0),
    /** An input: time, a state, a parameter or a seed/direction component (see {@link Input}). */
    INPUT(0),
    /** a + b. */
    ADD(2),
    /** a - b. */
    SUBTRACT(2),
    /** a b. */
    MULTIPLY(2),
    /** a / b. */
    DIVIDE(2),
    /** -a. */
    NEGATE(1),
    /** a^b with b not an integer constant. */
    POWER(2),
    /** a^k for an integer constant k (held in the node's value). */
    POWER_INTEGER(1),
    /** sqrt a. */
    SQRT(1),
    /** e^a. */
    EXP(1),
    /** natural logarithm. */
    LOG(1),
    /** base-10 logarithm. */
    LOG10(1),
    /** sine. */
    SIN(1),
    /** cosine. */
    COS(1),
    /** tangent. */
    TAN(1),
    /** arc sine. */
    ASIN(1),
    /** arc cosine. */
    ACOS(1),
    /** arc tangent. */
    ATAN(1),
    /** atan2(a, b). */
    ATAN2(2),
    /** hyperbolic sine. */
    SINH(1),
    /** hyperbolic cosine. */
    COSH(1),
    /** hyperbolic tangent. */
    TANH(1),
    /** sqrt(a^2 + b^2). */
    HYPOT(2),
    /** floor (derivative 0). */
    FLOOR(1),
    /** ceiling (derivative 0). */
    CEIL(1),
    /** sign: -1, 0 or 1 (derivative 0). */
    SIGN(1),
    /** 1 if a &lt; b else 0. */
    LESS(2),
    /** 1 if a &lt;= b else 0. */
    LESS_EQUAL(2),
    /** 1 if a == b else 0. */
    EQUAL(2),
    /** 1 if a != b else 0. */
    NOT_EQUAL(2),
    /** 1 if a and b are both nonzero else 0. */
    AND(2),
    /** 1 if a or b is nonzero else 0. */
    OR(2),
    /** 1 if a is zero else 0. */
    NOT(1),
    /** b if the condition a is nonzero else c. */
    SELECT(3),
    /** a b, but 0 when a is 0 whatever b is: adjoint propagation through branches not taken. */
    MULTIPLY_GUARDED(2);

    private final int arity;

    Op(int arity) {
        this.arity = arity;
    }

    /** @return the number of arguments */
    public int arity() {
        return arity;
    }

    /** @return whether the result is 0 or 1 and its derivative 0 everywhere */
    public boolean isLogical() {
        return this == LESS || this == LESS_EQUAL || this == EQUAL || this == NOT_EQUAL || this == AND || this == OR
                || this == NOT;
    }
}
