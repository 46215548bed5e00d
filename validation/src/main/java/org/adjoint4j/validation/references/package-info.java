/**
 * Reference computations that share no code with the adjoint: Hipparchus's variational equations
 * for Lotka–Volterra, the continuous forward-sensitivity system of Robertson, CVODES's published
 * adjoint results, and the Fourier adjoint of the heat equation. {@link
 * org.adjoint4j.validation.AccuracyReport} measures the toolkit's gradients against them.
 */
package org.adjoint4j.validation.references;
