package org.adjoint4j.modelfile;

/**
 * What a model file says about estimating one quantity, a parameter or an initial state
 * {@code y0.<state>}: its bounds (a uniform prior on {@code [lower, upper]}), the scale it is
 * fitted on, and a Gaussian prior {@code N(priorMean, priorDeviation^2)} on its value. Written in
 * the quantity's entry:
 * <pre>
 *   "parameters": {"beta": {"value": 0.3, "bounds": [0.01, 2], "scale": "log",
 *                           "prior": {"normal": [0.3, 0.1]}}},
 *   "states":     {"I": {"initial": 10, "bounds": [1, 100]}}
 * </pre>
 * and {@code "prior": {"uniform": [lo, hi]}} is the same as {@code "bounds": [lo, hi]}.
 *
 * @param name the quantity (flattened: {@code u[3]}, {@code y0.I})
 * @param lower the lower bound, {@code -infinity} without one
 * @param upper the upper bound, {@code +infinity} without one
 * @param scale "log", "lin", or null for the estimator's default
 * @param priorMean the Gaussian prior's mean, NaN without one
 * @param priorDeviation its standard deviation, NaN without one
 */
public record FitSpecification(String name, double lower, double upper, String scale, double priorMean,
        double priorDeviation) {

    /** @return whether the entry bounds the quantity on either side */
    public boolean bounded() {
        return lower > Double.NEGATIVE_INFINITY || upper < Double.POSITIVE_INFINITY;
    }

    /** @return whether the entry gives a Gaussian prior */
    public boolean hasPrior() {
        return !Double.isNaN(priorMean);
    }
}
