package org.adjoint4j.estimation;

import java.util.List;
import org.adjoint4j.adjoint.GradientProblem;

/**
 * The outcome of a fit.
 *
 * @param names the fitted parameters
 * @param values their estimates
 * @param initial their starting values
 * @param standardErrors their standard errors from the Gauss–Newton Hessian at the estimate
 *        ({@code s^2 (J_r^T J_r)^{-1}}, {@code s^2 = |r|^2 / (M - q)}; through the chain rule for
 *        log-parameters), NaN where not computed
 * @param objective {@code J = 1/2 |r|^2} at the estimate
 * @param residualRms {@code sqrt(|r|^2 / M)}
 * @param residuals M, the measured values
 * @param iterations optimizer iterations
 * @param gradientEvaluations evaluations of the residuals with their Jacobian (Levenberg–Marquardt)
 *        or of J with its adjoint gradient (L-BFGS)
 * @param converged whether the optimizer met its convergence test (a small projected gradient) and
 *        nothing below makes the estimate untrustworthy (a parameter gone to 0 on log scale, a
 *        singular Hessian)
 * @param method which path ran, e.g. "levenberg-marquardt, forward sensitivities"
 * @param fitted the problem with the estimated parameters
 * @param warnings what the user must know: a bound reached, a parameter gone to 0, standard errors
 *        unavailable and why (the non-identifiable parameters named)
 */
public record FitResult(List<String> names, double[] values, double[] initial, double[] standardErrors,
        double objective, double residualRms, int residuals, int iterations, int gradientEvaluations,
        boolean converged, String method, GradientProblem fitted, List<String> warnings) {
}
