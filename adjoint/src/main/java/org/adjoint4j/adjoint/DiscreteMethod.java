package org.adjoint4j.adjoint;

import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.AdaptiveIntegration;
import org.adjoint4j.solvers.ForwardTapes;
import org.adjoint4j.solvers.GradientStepper;
import org.adjoint4j.solvers.NewtonSettings;
import org.adjoint4j.solvers.ReplayStepper;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.TangentStepper;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * A time-stepping method together with its discrete adjoint: what a gradient computation needs of
 * a method, so that a new method is a new class and nothing dispatches on method kinds. Every
 * Runge–Kutta method of the solvers (explicit and diagonally implicit alike) pairs with
 * {@link RungeKuttaAdjoint}: {@link #of(RungeKuttaMethod)}.
 */
public interface DiscreteMethod {

    /** @return the method's name, e.g. {@code dopri5} */
    String name();

    /** @return its order of accuracy */
    int order();

    /** @return whether it runs with step-size control (it has an error estimate) */
    boolean isAdaptive();

    /** @return whether its steps solve implicit equations (Newton) */
    boolean isImplicit();

    /**
     * @return the length of its stability interval on the negative real axis (infinite for an
     *         A-stable method): where an explicit run's steps stop being limited by accuracy
     */
    double stabilityLimit();

    /**
     * @param model the model
     * @param parameters p (not modified; referenced)
     * @param newton how implicit stages are solved
     * @return a stepper replaying this method's steps bit for bit (one per thread)
     */
    ReplayStepper stepper(ParametricOde model, double[] parameters, NewtonSettings newton);

    /**
     * @param model the model (the stepper's)
     * @param parameters p (not modified; referenced)
     * @return the adjoint of the stepper's steps (one per thread)
     */
    DiscreteAdjointStepper adjoint(ParametricOde model, double[] parameters);

    /**
     * @param model the model
     * @param parameters p (not modified; referenced)
     * @param newton how implicit stages are solved
     * @return the tangent-linear map of the stepper's steps (one per thread)
     */
    TangentStepper tangentStepper(ParametricOde model, double[] parameters, NewtonSettings newton);

    /**
     * The same steps on Hipparchus Gradients, the forward-mode oracle of the discrete scheme
     * ({@link ForwardModeGradient}).
     *
     * @param model the right-hand side over any field
     * @param parameters p as Gradients
     * @return the stepper
     */
    GradientStepper gradientStepper(FieldParametricOde model, Gradient[] parameters);

    /**
     * An adaptive forward run that records its grid (see {@link RungeKuttaMethod#integrate}).
     *
     * @param model the model
     * @param parameters p (not modified)
     * @param t0 initial time
     * @param y0 initial state (not modified)
     * @param t1 final time
     * @param breakpoints times that must be grid points, may be null
     * @param relativeTolerance per component
     * @param absoluteTolerance per component
     * @param maxSteps most accepted steps
     * @param newton how implicit stages are solved
     * @param listener sees every accepted state, or null
     * @return the grid and the final state
     */
    AdaptiveIntegration.Result integrate(ParametricOde model, double[] parameters, double t0, double[] y0, double t1,
            double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance, int maxSteps,
            NewtonSettings newton, AdaptiveIntegration.StepListener listener);

    /**
     * The same run, handing the accepted steps' tapes to {@code tapes} where the method tapes its
     * adaptive steps (see {@link RungeKuttaMethod#integrate(ParametricOde, double[], double, double[],
     * double, double[], double[], double[], int, NewtonSettings, AdaptiveIntegration.StepListener,
     * ForwardTapes)}); the default takes none.
     *
     * @param model the model
     * @param parameters p (not modified)
     * @param t0 initial time
     * @param y0 initial state (not modified)
     * @param t1 final time
     * @param breakpoints times that must be grid points, may be null
     * @param relativeTolerance per component
     * @param absoluteTolerance per component
     * @param maxSteps most accepted steps
     * @param newton how implicit stages are solved
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

    /**
     * @param method a Runge–Kutta method
     * @return it with the discrete adjoint of its tableau
     */
    static DiscreteMethod of(RungeKuttaMethod method) {
        return new RungeKuttaDiscreteMethod(method);
    }
}
