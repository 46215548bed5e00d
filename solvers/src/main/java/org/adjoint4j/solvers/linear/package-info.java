/**
 * The linear systems of implicit Runge–Kutta stages, {@code (I - c J) x = b} and its transpose, on
 * EJML dense and sparse matrices, in the structure the model's
 * {@link org.adjoint4j.model.ParametricOde#stateJacobian()} has (dense LU, sparse LU, or block
 * elimination for a bordered Jacobian with a quadrature state).
 *
 * <p>EJML has no transposed solve: {@link org.adjoint4j.solvers.linear.StageMatrix#solveTransposed}
 * reuses the LU factors ({@code P A = L U}, so {@code A^T x = b} is {@code U^T z = b},
 * {@code L^T w = z}, {@code P x = w}). Its sparse LU has no fill-reducing ordering of use here, so
 * sparse systems are permuted symmetrically by reverse Cuthill–McKee first.
 */
package org.adjoint4j.solvers.linear;
