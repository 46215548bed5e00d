/**
 * Forward integration: Runge–Kutta methods by name ({@link org.adjoint4j.solvers.RungeKuttaMethods}),
 * explicit ones from Hipparchus's tableaus and integrators ({@link org.adjoint4j.solvers.ExplicitRungeKutta}),
 * diagonally implicit ones with Newton's method of their own
 * ({@link org.adjoint4j.solvers.DiagonallyImplicitRungeKutta}).
 *
 * <p>Adaptive runs record the accepted grid ({@link org.adjoint4j.solvers.StepGrid}); a
 * {@link org.adjoint4j.solvers.ReplayStepper} replays any step of it bit for bit, optionally keeping
 * its stages on a {@link org.adjoint4j.solvers.StepTape} for the adjoint; a
 * {@link org.adjoint4j.solvers.TangentStepper} propagates a tangent through the same steps, and a
 * {@link org.adjoint4j.solvers.GradientStepper} runs them on Hipparchus {@code Gradient}s.
 */
package org.adjoint4j.solvers;
