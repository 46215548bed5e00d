/**
 * Problems whose exact gradients are known in closed form: exponential decay, a linear system
 * through its matrix exponential, the harmonic oscillator, the logistic equation, Lotka–Volterra
 * linearized at its equilibrium, and the heat equation with constant diffusivity through its
 * Fourier modes. Each gives its solution over any Hipparchus field, so its exact J and gradient
 * come from the closed form differentiated in forward mode (no hand-derived formula to get
 * wrong); running costs are integrated by composite Gauss–Legendre quadrature of the closed form,
 * exact to rounding for these smooth solutions.
 */
package org.adjoint4j.validation.problems;
