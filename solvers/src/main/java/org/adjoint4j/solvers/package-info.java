/**
 * The model API, Jacobians, forward integration with step logging, and replayable steppers.
 *
 * <p>A model {@code y' = f(t, y, p)} is a {@link org.adjoint4j.model.ParametricOde}: an in-place
 * right-hand side and the vector-Jacobian products {@code (df/dy)^T w} and {@code (df/dp)^T w} the
 * adjoint needs. Derivatives come by hand, from an EJML Jacobian
 * ({@link org.adjoint4j.model.DenseJacobianOde}, {@link org.adjoint4j.model.SparseJacobianOde}),
 * or automatically from a right-hand side written once over Hipparchus {@code CalculusFieldElement}
 * ({@link org.adjoint4j.model.FieldParametricOde}, {@link org.adjoint4j.model.ForwardModeOde}).
 *
 * <p>Explicit Runge–Kutta methods are Hipparchus's own tableaus ({@link org.adjoint4j.solvers.RungeKuttaMethod});
 * adaptive runs use Hipparchus's integrators and record the accepted grid
 * ({@link org.adjoint4j.solvers.AdaptiveIntegration}, {@link org.adjoint4j.solvers.StepGrid}), and
 * {@link org.adjoint4j.solvers.ExplicitRungeKuttaStepper} replays any step of that grid bit for bit,
 * optionally keeping its stages on a {@link org.adjoint4j.solvers.StepTape}.
 */
package org.adjoint4j.solvers;

