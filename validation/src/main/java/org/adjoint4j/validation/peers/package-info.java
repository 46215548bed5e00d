/**
 * Side by side with an independent peer: the SUNDIALS CVODES programs of {@code peers/cvodes}
 * ({@link org.adjoint4j.validation.peers.CvodesPrograms}), their runs
 * ({@link org.adjoint4j.validation.peers.CvodesRun}), work-precision curves
 * ({@link org.adjoint4j.validation.peers.WorkPoint}) and the matched-error comparison behind
 * {@code ./adjoint4j bench --cvodes} ({@link org.adjoint4j.validation.peers.CvodesComparison}).
 *
 * <p>Conventions, stated once: a time is the median over timed units of one process (CVODES) or
 * one JVM (ours) after warm-up, divided by the gradients per unit; an error is the gradient's
 * relative error against a tight reference of ours; "ratio" is our time over CVODES's at our
 * error, CVODES's time interpolated log-log along its curve; "spread" is the largest ratio over
 * the smallest across repetitions of the whole comparison.
 */
package org.adjoint4j.validation.peers;
