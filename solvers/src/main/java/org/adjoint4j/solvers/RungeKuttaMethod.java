package org.adjoint4j.solvers;

import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * A Runge–Kutta method, forward side: its tableau, a replayable stepper on a given grid, and, for an
 * embedded pair, an adaptive run that records the grid it accepts. Explicit methods
 * ({@link ExplicitRungeKutta}, Hipparchus's tableaus and integrators) and diagonally implicit ones
 * ({@link DiagonallyImplicitRungeKutta}) are the two families; {@link RungeKuttaMethods} lists them
 * by name. The discrete adjoint of every method is the one of its tableau (in the adjoint module).
 */
public interface RungeKuttaMethod {

    /** @return the method's name, e.g. {@code rk4} or {@code esdirk4} */
    String name();

    /** @return the order of accuracy */
    int order();

    /** @return its tableau */
    ButcherTableau tableau();

    /** @return whether it has an embedded error estimate, so that it runs with step-size control */
    boolean isAdaptive();

    /** @return whether some stage is implicit ({@code a_ii != 0}) */
    default boolean isImplicit() {
        return !tableau().isExplicit();
    }

    /**
     * A stepper that replays this method's steps bit for bit.
     *
     * @param model the model
     * @param parameters p (not modified; referenced)
     * @param newton when implicit stages are solved (ignored by explicit methods)
     * @return the stepper (holds work arrays: one per thread)
     */
    ReplayStepper stepper(ParametricOde model, double[] parameters, NewtonSettings newton);

    /**
     * The tangent-linear map of this method's steps ({@link RungeKuttaTangent}).
     *
     * @param model the model
     * @param parameters p (not modified; referenced)
     * @param newton when implicit stages are solved
     * @return the tangent stepper (one per thread)
     */
    default TangentStepper tangentStepper(ParametricOde model, double[] parameters, NewtonSettings newton) {
        return new RungeKuttaTangent(tableau(), stepper(model, parameters, newton), model, parameters);
    }

    /**
     * The same steps on Hipparchus Gradients: forward mode of the discrete scheme.
     *
     * @param model the right-hand side over any field
     * @param parameters p as Gradients (their derivatives seed the parameter directions)
     * @return the stepper
     */
    GradientStepper gradientStepper(FieldParametricOde model, Gradient[] parameters);

    /**
     * An adaptive run from t0 to t1 that records the accepted grid, each step being exactly the
     * stepper's step from {@code (t_n, h_n, y_n)}.
     *
     * @param model the model
     * @param parameters p (not modified)
     * @param t0 initial time
     * @param y0 initial state (not modified)
     * @param t1 final time
     * @param breakpoints times that must be grid points (not modified), may be null
     * @param relativeTolerance per component
     * @param absoluteTolerance per component
     * @param maxSteps most accepted steps
     * @param newton when implicit stages are solved
     * @param listener sees every accepted state, or null
     * @return the grid and the final state
     * @throws IllegalStateException if the method has no error estimate
     * @throws IntegrationException naming the time if the run fails
     */
    AdaptiveIntegration.Result integrate(ParametricOde model, double[] parameters, double t0, double[] y0, double t1,
            double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance, int maxSteps,
            NewtonSettings newton, AdaptiveIntegration.StepListener listener);

    /**
     * The same run, handing the accepted steps' tapes to {@code tapes} where the method can tape
     * its adaptive steps (our implicit methods); the default, for runs that cannot (Hipparchus's
     * explicit pairs), takes none.
     *
     * @param model the model
     * @param parameters p (not modified)
     * @param t0 initial time
     * @param y0 initial state (not modified)
     * @param t1 final time
     * @param breakpoints times that must be grid points (not modified), may be null
     * @param relativeTolerance per component
     * @param absoluteTolerance per component
     * @param maxSteps most accepted steps
     * @param newton when implicit stages are solved
     * @param listener sees every accepted state, or null
     * @param tapes receives the accepted steps' tapes (when the method tapes them)
     * @return the grid and the final state
     */
    default AdaptiveIntegration.Result integrate(ParametricOde model, double[] parameters, double t0, double[] y0,
            double t1, double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance, int maxSteps,
            NewtonSettings newton, AdaptiveIntegration.StepListener listener, ForwardTapes tapes) {
        return integrate(model, parameters, t0, y0, t1, breakpoints, relativeTolerance, absoluteTolerance, maxSteps,
                newton, listener);
    }
}
