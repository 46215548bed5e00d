/**
 * Gradient checks a user can call on any problem, each returning its numbers rather than a
 * verdict alone: the Taylor test ({@link org.adjoint4j.validation.TaylorCheck}), a finite-difference
 * sweep ({@link org.adjoint4j.validation.FiniteDifferenceCheck}), the forward-mode cross-check
 * through the same discrete scheme ({@link org.adjoint4j.validation.ForwardModeCheck}) and the
 * adjoint dot-product test ({@link org.adjoint4j.validation.DotProductCheck}); convergence studies
 * against problems with analytic gradients ({@link org.adjoint4j.validation.problems}); and the
 * suite behind {@code ./adjoint4j validate} ({@link org.adjoint4j.validation.ValidationSuite}).
 *
 * <p>All checks differentiate J as a function of {@code x = (p, y0)}, parameters first, on a
 * frozen grid ({@link org.adjoint4j.validation.DiscreteObjective}): an adaptive run's step
 * choices would otherwise make J only piecewise smooth in x.
 */
package org.adjoint4j.validation;
