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
 * A Runge–Kutta method of the solvers with {@link RungeKuttaAdjoint}, the adjoint of its tableau.
 *
 * @param forward the forward method
 */
record RungeKuttaDiscreteMethod(RungeKuttaMethod forward) implements DiscreteMethod {

    RungeKuttaDiscreteMethod {
        if (forward == null) {
            throw new IllegalArgumentException("method must not be null");
        }
    }

    @Override
    public String name() {
        return forward.name();
    }

    @Override
    public int order() {
        return forward.order();
    }

    @Override
    public boolean isAdaptive() {
        return forward.isAdaptive();
    }

    @Override
    public boolean isImplicit() {
        return forward.isImplicit();
    }

    @Override
    public double stabilityLimit() {
        return forward.tableau().realStabilityLimit();
    }

    @Override
    public ReplayStepper stepper(ParametricOde model, double[] parameters, NewtonSettings newton) {
        return forward.stepper(model, parameters, newton);
    }

    @Override
    public DiscreteAdjointStepper adjoint(ParametricOde model, double[] parameters) {
        return new RungeKuttaAdjoint(forward.tableau(), model, parameters);
    }

    @Override
    public TangentStepper tangentStepper(ParametricOde model, double[] parameters, NewtonSettings newton) {
        return forward.tangentStepper(model, parameters, newton);
    }

    @Override
    public GradientStepper gradientStepper(FieldParametricOde model, Gradient[] parameters) {
        return forward.gradientStepper(model, parameters);
    }

    @Override
    public AdaptiveIntegration.Result integrate(ParametricOde model, double[] parameters, double t0, double[] y0,
            double t1, double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance, int maxSteps,
            NewtonSettings newton, AdaptiveIntegration.StepListener listener) {
        return forward.integrate(model, parameters, t0, y0, t1, breakpoints, relativeTolerance, absoluteTolerance,
                maxSteps, newton, listener);
    }

    @Override
    public AdaptiveIntegration.Result integrate(ParametricOde model, double[] parameters, double t0, double[] y0,
            double t1, double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance, int maxSteps,
            NewtonSettings newton, AdaptiveIntegration.StepListener listener, ForwardTapes tapes) {
        return forward.integrate(model, parameters, t0, y0, t1, breakpoints, relativeTolerance, absoluteTolerance,
                maxSteps, newton, listener, tapes);
    }

    @Override
    public String toString() {
        return forward.name();
    }
}
