/**
 * The model API: a parametric ODE {@code y' = f(t, y, p)} ({@link org.adjoint4j.model.ParametricOde})
 * with an in-place right-hand side and the vector-Jacobian products {@code (df/dy)^T w},
 * {@code (df/dp)^T w} a discrete adjoint needs, and its capabilities as default methods: tangents
 * {@code f_y v + f_p q}, the state Jacobian in the structure implicit methods factor
 * ({@link org.adjoint4j.model.StateJacobian}: dense, sparse or bordered), the parameter support,
 * and the field version.
 *
 * <p>Derivatives come by hand, from EJML Jacobians ({@link org.adjoint4j.model.DenseJacobianOde},
 * {@link org.adjoint4j.model.SparseJacobianOde}), or automatically from a right-hand side written
 * once over Hipparchus {@code CalculusFieldElement} ({@link org.adjoint4j.model.ReverseModeOde} on
 * the tape, {@link org.adjoint4j.model.ForwardModeOde}, {@link org.adjoint4j.model.ColoredJacobianOde}
 * for sparse patterns). Every wrapper extends {@link org.adjoint4j.model.ForwardingOde}, so each
 * capability reaches the solvers through any stack of wrappers.
 */
package org.adjoint4j.model;
