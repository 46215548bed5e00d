package org.adjoint4j.solvers;

import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * A diagonally implicit Runge–Kutta method (backward Euler, SDIRK, ESDIRK) given by its tableau:
 * steps by {@link DiagonallyImplicitStepper} with Newton's method on EJML LU, adaptive runs (when
 * the tableau has embedded weights) by {@link ImplicitIntegration}.
 */
public final class DiagonallyImplicitRungeKutta implements RungeKuttaMethod {

    private final ButcherTableau tableau;

    /**
     * @param tableau a diagonally implicit tableau
     * @throws IllegalArgumentException if it is not
     */
    public DiagonallyImplicitRungeKutta(ButcherTableau tableau) {
        if (!tableau.isDiagonallyImplicit()) {
            throw new IllegalArgumentException("tableau " + tableau.name() + " is not diagonally implicit");
        }
        this.tableau = tableau;
    }

    @Override
    public String name() {
        return tableau.name();
    }

    @Override
    public int order() {
        return tableau.order();
    }

    @Override
    public ButcherTableau tableau() {
        return tableau;
    }

    @Override
    public boolean isAdaptive() {
        return tableau.hasEmbedded();
    }

    @Override
    public boolean isImplicit() {
        return true;
    }

    @Override
    public ReplayStepper stepper(ParametricOde model, double[] parameters, NewtonSettings newton) {
        return new DiagonallyImplicitStepper(tableau, model, parameters, newton);
    }

    @Override
    public GradientStepper gradientStepper(FieldParametricOde model, Gradient[] parameters) {
        return new GradientDiagonallyImplicitStepper(tableau, model, parameters)::step;
    }

    @Override
    public AdaptiveIntegration.Result integrate(ParametricOde model, double[] parameters, double t0, double[] y0,
            double t1, double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance, int maxSteps,
            NewtonSettings newton, AdaptiveIntegration.StepListener listener) {
        return integrate(model, parameters, t0, y0, t1, breakpoints, relativeTolerance, absoluteTolerance, maxSteps,
                newton, listener, null);
    }

    @Override
    public AdaptiveIntegration.Result integrate(ParametricOde model, double[] parameters, double t0, double[] y0,
            double t1, double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance, int maxSteps,
            NewtonSettings newton, AdaptiveIntegration.StepListener listener, ForwardTapes tapes) {
        return ImplicitIntegration.integrate(this, model, parameters, t0, y0, t1, breakpoints, relativeTolerance,
                absoluteTolerance, maxSteps, newton, listener, tapes);
    }

    @Override
    public String toString() {
        return name();
    }
}
