package org.adjoint4j.autodiff;

/** The elementary operations a tape records, with the symbols a printed tape shows. */
public enum TapeOperation {
    /** An independent variable. */
    INPUT("input"),
    /** A constant: no parents. */
    CONSTANT("const"),
    /** a + b. */
    ADD("+"),
    /** a - b. */
    SUBTRACT("-"),
    /** a * b. */
    MULTIPLY("*"),
    /** a / b. */
    DIVIDE("/"),
    /** -a. */
    NEGATE("neg"),
    /** a + c, c a constant. */
    ADD_CONSTANT("+c"),
    /** a * c, c a constant. */
    SCALE("*c"),
    /** 1 / a. */
    RECIPROCAL("1/"),
    /** a^2. */
    SQUARE("sq"),
    /** sqrt(a). */
    SQRT("sqrt"),
    /** cbrt(a). */
    CBRT("cbrt"),
    /** a^(1/n). */
    ROOT("root"),
    /** a^p, p a constant. */
    POW_CONSTANT("pow"),
    /** a^b. */
    POW("pow"),
    /** exp(a). */
    EXP("exp"),
    /** exp(a) - 1. */
    EXPM1("expm1"),
    /** log(a). */
    LOG("log"),
    /** log(1 + a). */
    LOG1P("log1p"),
    /** log10(a). */
    LOG10("log10"),
    /** sin(a). */
    SIN("sin"),
    /** cos(a). */
    COS("cos"),
    /** tan(a). */
    TAN("tan"),
    /** asin(a). */
    ASIN("asin"),
    /** acos(a). */
    ACOS("acos"),
    /** atan(a). */
    ATAN("atan"),
    /** atan2(a, b). */
    ATAN2("atan2"),
    /** sinh(a). */
    SINH("sinh"),
    /** cosh(a). */
    COSH("cosh"),
    /** tanh(a). */
    TANH("tanh"),
    /** asinh(a). */
    ASINH("asinh"),
    /** acosh(a). */
    ACOSH("acosh"),
    /** atanh(a). */
    ATANH("atanh"),
    /** hypot(a, b). */
    HYPOT("hypot"),
    /** |a|. */
    ABS("abs"),
    /** a with the sign of b. */
    COPY_SIGN("copysign"),
    /** IEEE remainder of a by b. */
    REMAINDER("rem"),
    /** a * 2^n. */
    SCALB("scalb"),
    /** max(a, b): the argument taken. */
    MAX("max"),
    /** min(a, b): the argument taken. */
    MIN("min"),
    /** max(a, 0), derivative 0 at 0. */
    RELU("relu");

    private final String symbol;

    TapeOperation(String symbol) {
        this.symbol = symbol;
    }

    /** @return the symbol shown in a printed tape */
    public String symbol() {
        return symbol;
    }
}
