package org.adjoint4j.validation;

/**
 * One line of the verification suite's report.
 *
 * @param name what was checked, e.g. "gradient order" or "taylor"
 * @param problem the problem and objective, e.g. "linear-system/terminal"
 * @param method the method and its steps or tolerance, e.g. "rk4" or "dopri5 rtol 1e-10"
 * @param expected the bound or target: a tolerance, an order, an exact count
 * @param observed what was measured
 * @param passed whether observed meets expected (see the check's rule)
 * @param detail how observed was obtained, or which components failed
 */
public record ValidationCheck(String name, String problem, String method, double expected, double observed,
        boolean passed, String detail) {
}
