package org.adjoint4j.modelfile;

/**
 * The noise model of a measured quantity (a state or an observable) in a model file's
 * {@code "noise"} block, {@code "cases": {"distribution": "normal", "sigma": 2.5}}: the data scatter
 * as {@code d = h + sigma e} (normal) or {@code ln d = ln h + sigma e} (log-normal), e standard
 * normal; a sigma in the data ({@code cases_sigma} column) takes precedence over this one.
 *
 * @param quantity the state or observable
 * @param logNormal whether the noise is log-normal (else normal)
 * @param sigma the standard deviation, NaN where the file gives none
 */
public record NoiseSpecification(String quantity, boolean logNormal, double sigma) {
}
