package org.adjoint4j.solvers;

import java.util.function.Supplier;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.ButcherArrayProvider;

/**
 * An explicit Runge–Kutta method of Hipparchus: its tableau is read from the Hipparchus integrator
 * ({@link ButcherTableau#fromHipparchus}), fixed grids are replayed by
 * {@link ExplicitRungeKuttaStepper} in Hipparchus's own floating-point order, and an embedded pair
 * runs adaptively with Hipparchus's integrator itself ({@link AdaptiveIntegration}).
 */
public final class ExplicitRungeKutta implements RungeKuttaMethod {

    /** Builds Hipparchus's adaptive integrator for an embedded pair. */
    @FunctionalInterface
    public interface AdaptiveIntegrator {
        /**
         * @param minStep smallest step allowed
         * @param maxStep largest step allowed
         * @param absoluteTolerance per component
         * @param relativeTolerance per component
         * @return the integrator
         */
        AdaptiveStepsizeIntegrator create(double minStep, double maxStep, double[] absoluteTolerance,
                double[] relativeTolerance);
    }

    private final String name;
    private final int order;
    private final Supplier<ButcherArrayProvider> provider;
    private final AdaptiveIntegrator adaptive;
    private volatile ButcherTableau tableau;

    /**
     * @param name the name, e.g. {@code rk4}
     * @param order the order of accuracy
     * @param provider the Hipparchus integrator whose tableau this is (built once, on first use)
     * @param adaptive its adaptive integrator for an embedded pair, or null for a fixed-step method
     */
    public ExplicitRungeKutta(String name, int order, Supplier<ButcherArrayProvider> provider,
            AdaptiveIntegrator adaptive) {
        this.name = name;
        this.order = order;
        this.provider = provider;
        this.adaptive = adaptive;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int order() {
        return order;
    }

    /** @return the tableau, without stages that do not enter the step's result */
    @Override
    public ButcherTableau tableau() {
        ButcherTableau t = tableau;
        if (t == null) {
            t = ButcherTableau.fromHipparchus(name, order, provider.get());
            tableau = t;
        }
        return t;
    }

    @Override
    public boolean isAdaptive() {
        return adaptive != null;
    }

    @Override
    public boolean isImplicit() {
        return false;
    }

    @Override
    public ReplayStepper stepper(ParametricOde model, double[] parameters, NewtonSettings newton) {
        return new ExplicitRungeKuttaStepper(tableau(), model, parameters);
    }

    @Override
    public GradientStepper gradientStepper(FieldParametricOde model, Gradient[] parameters) {
        return new FieldExplicitRungeKuttaStepper<>(tableau(), model, parameters)::step;
    }

    @Override
    public AdaptiveIntegration.Result integrate(ParametricOde model, double[] parameters, double t0, double[] y0,
            double t1, double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance, int maxSteps,
            NewtonSettings newton, AdaptiveIntegration.StepListener listener) {
        if (adaptive == null) {
            throw new IllegalStateException("method " + name + " has no error estimate: give a fixed number of steps");
        }
        return AdaptiveIntegration.integrate(name, adaptive, model, parameters, t0, y0, t1, breakpoints,
                relativeTolerance, absoluteTolerance, maxSteps, listener);
    }

    @Override
    public String toString() {
        return name;
    }
}
