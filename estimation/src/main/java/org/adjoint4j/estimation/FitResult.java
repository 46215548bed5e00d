package org.adjoint4j.estimation;

import java.util.List;
import org.adjoint4j.adjoint.GradientProblem;

/**
 * The outcome of a fit. Uncertainties are Wald's, from the Gauss–Newton Hessian {@code J_r^T J_r}
 * of the residuals at the estimate, in the fitted coordinates theta (log p for log-scale
 * quantities): {@code C_theta = s^2 (J_r^T J_r)^{-1}} with {@code s^2 = 1} when every value has a
 * sigma (the objective is a likelihood), else {@code s^2 = |r|^2 / (M - q)}; standard errors and
 * covariances are mapped to p by the chain rule ({@code dp/dtheta = p} on log scale), intervals
 * {@code theta +- 1.96 se_theta} mapped back (so asymmetric on log scale). All NaN where not
 * computed (a singular Hessian, too few values): never 0.
 *
 * @param names the fitted quantities (parameters, or {@code y0.<state>})
 * @param values their estimates
 * @param initial their starting values
 * @param standardErrors their standard errors, NaN where unavailable
 * @param covariance their covariance matrix in p (q x q), NaN where unavailable
 * @param correlation their correlation matrix, NaN where unavailable
 * @param lower95 lower ends of 95% confidence intervals, NaN where unavailable
 * @param upper95 upper ends of 95% confidence intervals, NaN where unavailable
 * @param objective the objective at the estimate: the negative log-likelihood when every value has
 *        a sigma ({@code 1/2 |r|^2 + sum log sigma + M/2 log 2 pi}, plus {@code sum log d} for
 *        log-normal values, plus priors), else {@code 1/2 |r|^2}
 * @param objectiveName "negative log-likelihood" or "least squares"
 * @param residualRms {@code sqrt(|r|^2 / M)}
 * @param residuals M, the measured values
 * @param residualValues the weighted residuals r, experiment by experiment, time by time, column by
 *        column (priors last)
 * @param iterations optimizer iterations
 * @param gradientEvaluations evaluations of the residuals with their Jacobian (Levenberg–Marquardt)
 *        or of J with its adjoint gradient (L-BFGS)
 * @param converged whether the optimizer met its convergence test and nothing makes the estimate
 *        untrustworthy (a parameter gone to 0 on log scale, a singular Hessian, a failed model)
 * @param method which path ran, e.g. "levenberg-marquardt, forward sensitivities"
 * @param fitted the first experiment's problem with the estimates
 * @param experiments every experiment's problem with the estimates (and its overrides)
 * @param startObjectives the objective reached from each start of a multistart, in start order
 *        (one entry for a single start)
 * @param warnings what the user must know: a bound reached, a parameter gone to 0, standard errors
 *        unavailable and why (the non-identifiable quantities named), an optimizer that failed
 */
public record FitResult(List<String> names, double[] values, double[] initial, double[] standardErrors,
        double[][] covariance, double[][] correlation, double[] lower95, double[] upper95, double objective,
        String objectiveName, double residualRms, int residuals, double[] residualValues, int iterations,
        int gradientEvaluations, boolean converged, String method, GradientProblem fitted,
        List<GradientProblem> experiments, double[] startObjectives, List<String> warnings) {

    /**
     * The same result with other multistart objectives, method name, counts and extra warnings.
     *
     * @param method the method's description
     * @param start the starting values to report
     * @param iterations all iterations
     * @param evaluations all evaluations
     * @param starts the objective of each start
     * @param moreWarnings warnings to add first
     * @return the copy
     */
    FitResult with(String method, double[] start, int iterations, int evaluations, double[] starts,
            List<String> moreWarnings) {
        List<String> all = new java.util.ArrayList<>(moreWarnings);
        all.addAll(warnings);
        return new FitResult(names, values, start.clone(), standardErrors, covariance, correlation, lower95, upper95,
                objective, objectiveName, residualRms, residuals, residualValues, iterations, evaluations, converged,
                method, fitted, experiments, starts, List.copyOf(all));
    }
}
