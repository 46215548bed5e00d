package org.adjoint4j.validation;

import org.adjoint4j.adjoint.ForwardModeGradient;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;

/**
 * The adjoint against forward-mode derivatives of the same discrete scheme on the same grid
 * ({@link ForwardModeGradient}: the run on Hipparchus Gradients, implicit stages solved in value
 * and derivatives): both are derivatives of one discrete map, so they agree to rounding (1e-10 is
 * a safe tolerance, 1e-12 typical). Needs the model written over {@code CalculusFieldElement};
 * costs grow with m + n.
 */
public final class ForwardModeCheck {

    private ForwardModeCheck() {
    }

    /**
     * @param f the objective
     * @param tolerance the largest relative error that passes
     * @return the agreement of every component
     */
    public static AgreementReport run(DiscreteObjective f, double tolerance) {
        GradientResult adjoint = GradientSolver.solveOnGrid(f.problem(), f.options(), f.grid());
        ForwardModeGradient.Result forward = ForwardModeGradient.differentiate(f.problem(), f.options().method(),
                f.grid());
        return AgreementReport.compare("forward mode", f, concat(forward.parameterGradient(),
                forward.initialStateGradient()), concat(adjoint.parameterGradient(), adjoint.initialStateGradient()),
                tolerance);
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
