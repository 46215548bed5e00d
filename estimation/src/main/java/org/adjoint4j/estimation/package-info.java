/**
 * Parameter estimation: least squares of a model against observed data, with Levenberg–Marquardt
 * on forward-sensitivity Jacobians for few parameters and L-BFGS on adjoint gradients for many,
 * log-parameters for positive quantities, bounds, and standard errors from the Gauss–Newton
 * Hessian.
 */
package org.adjoint4j.estimation;
