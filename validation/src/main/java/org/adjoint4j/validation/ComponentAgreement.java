package org.adjoint4j.validation;

/**
 * How one gradient component compares with an independent value.
 *
 * @param index the component of x = (p, y0)
 * @param name its name, e.g. {@code p:a}
 * @param expected the independent value (finite differences, forward mode, ...)
 * @param observed the adjoint's value
 * @param error the check's error measure (relative unless the check says otherwise)
 * @param passed whether the error is within the check's tolerance
 */
public record ComponentAgreement(int index, String name, double expected, double observed, double error,
        boolean passed) {
}
