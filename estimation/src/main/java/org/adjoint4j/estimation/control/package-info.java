/**
 * Optimal control by direct single shooting: controls piecewise constant or piecewise linear over
 * K intervals become parameters of the model, the cost becomes a terminal term plus a quadrature
 * state, and L-BFGS minimizes it with one adjoint gradient per evaluation, at a cost per step that
 * does not grow with K (each step's adjoint touches only the active interval's coefficients).
 */
package org.adjoint4j.estimation.control;
