/** Gradient-based minimization for fits and optimal control: limited-memory BFGS with bounds. */
package org.adjoint4j.estimation.optimize;
