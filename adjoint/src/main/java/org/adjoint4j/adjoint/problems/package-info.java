/**
 * The reference problems every peer comparison uses, exactly as {@code reference/problems.md}
 * defines them: model, parameters, initial state, time span and objective. Each model has
 * hand-written vector-Jacobian products and a field version (for forward-mode oracles).
 */
package org.adjoint4j.adjoint.problems;
