/**
 * Discrete adjoints: objectives, discrete methods with the adjoint of each step
 * ({@link org.adjoint4j.adjoint.DiscreteMethod}, {@link org.adjoint4j.adjoint.RungeKuttaAdjoint}),
 * the executor that runs any checkpointing schedule, tangent-linear sweeps, and gradient results.
 *
 * <p>The adjoint differentiates the discrete map of the accepted steps with step sizes frozen, so
 * the gradient is the exact derivative of the computed objective, to round-off. For an explicit
 * Runge–Kutta step (implicit stages add a transposed stage solve, see {@link org.adjoint4j.adjoint.RungeKuttaAdjoint}) {@code Y_i = y_n + h sum_{j<i} a_ij k_j}, {@code k_i = f(t_n + c_i h, Y_i, p)},
 * {@code y_{n+1} = y_n + h sum_i b_i k_i}, given {@code lambda = dJ/dy_{n+1}}, for i = s-1..0:
 * <pre>
 *   kbar_i = h b_i lambda + h sum_{j&gt;i} a_ji Ybar_j
 *   Ybar_i = f_y(Y_i)^T kbar_i,     mu += f_p(Y_i)^T kbar_i
 * </pre>
 * then {@code dJ/dy_n = lambda + sum_i Ybar_i}; after step 0, {@code dJ/dy_0 = lambda_0} and
 * {@code dJ/dp = mu + dphi/dp}. {@link org.adjoint4j.adjoint.GradientSolver} is the entry point.
 */
package org.adjoint4j.adjoint;
