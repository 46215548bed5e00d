package org.adjoint4j.solvers;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.ButcherArrayProvider;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EulerIntegrator;
import org.hipparchus.ode.nonstiff.GillIntegrator;
import org.hipparchus.ode.nonstiff.HighamHall54Integrator;
import org.hipparchus.ode.nonstiff.LutherIntegrator;
import org.hipparchus.ode.nonstiff.MidpointIntegrator;
import org.hipparchus.ode.nonstiff.ThreeEighthesIntegrator;

/**
 * The explicit Runge–Kutta methods of Hipparchus, by command-line name, with their tableaus.
 * Embedded pairs ({@link #isAdaptive()}) also run adaptively with Hipparchus's own integrator;
 * every method runs on a given grid with {@link ExplicitRungeKuttaStepper}.
 */
public enum ExplicitMethod implements RungeKuttaMethod {
    /** Forward Euler, order 1. */
    EULER("euler", 1, false),
    /** Explicit midpoint, order 2. */
    MIDPOINT("midpoint", 2, false),
    /** The classical fourth-order method. */
    RK4("rk4", 4, false),
    /** Gill's fourth-order method. */
    GILL("gill", 4, false),
    /** Kutta's 3/8 rule, order 4. */
    THREE_EIGHTHS("three-eighths", 4, false),
    /** Luther's sixth-order method. */
    LUTHER("luther", 6, false),
    /** Dormand–Prince 5(4), adaptive (Hipparchus DormandPrince54Integrator). */
    DOPRI5("dopri5", 5, true),
    /** Dormand–Prince 8(5,3), adaptive (Hipparchus DormandPrince853Integrator). */
    DOP853("dop853", 8, true),
    /** Higham–Hall 5(4), adaptive. */
    HIGHAM_HALL("higham-hall", 5, true);

    private final String cliName;
    private final int order;
    private final boolean adaptive;
    private ButcherTableau tableau;

    ExplicitMethod(String cliName, int order, boolean adaptive) {
        this.cliName = cliName;
        this.order = order;
        this.adaptive = adaptive;
    }

    /** @return the command-line name, e.g. {@code dopri5} */
    @Override
    public String cliName() {
        return cliName;
    }

    /** @return the order of accuracy */
    @Override
    public int order() {
        return order;
    }

    /** @return whether the method is an embedded pair that Hipparchus runs with step-size control */
    @Override
    public boolean isAdaptive() {
        return adaptive;
    }

    @Override
    public boolean isImplicit() {
        return false;
    }

    /** @return the tableau, without stages that do not enter the step's result */
    @Override
    public synchronized ButcherTableau tableau() {
        if (tableau == null) {
            tableau = ButcherTableau.fromHipparchus(cliName, order, provider());
        }
        return tableau;
    }

    /**
     * Hipparchus's adaptive integrator for this embedded pair.
     *
     * @param minStep smallest step allowed
     * @param maxStep largest step allowed
     * @param absoluteTolerance per component
     * @param relativeTolerance per component
     * @return the integrator
     */
    public AdaptiveStepsizeIntegrator adaptiveIntegrator(double minStep, double maxStep, double[] absoluteTolerance,
            double[] relativeTolerance) {
        switch (this) {
            case DOPRI5:
                return new DormandPrince54Integrator(minStep, maxStep, absoluteTolerance, relativeTolerance);
            case DOP853:
                return new DormandPrince853Integrator(minStep, maxStep, absoluteTolerance, relativeTolerance);
            case HIGHAM_HALL:
                return new HighamHall54Integrator(minStep, maxStep, absoluteTolerance, relativeTolerance);
            default:
                throw new IllegalArgumentException("method " + cliName + " has no error estimate: give a fixed number "
                        + "of steps, or use an adaptive method (" + adaptiveNames() + ")");
        }
    }

    private ButcherArrayProvider provider() {
        switch (this) {
            case EULER:
                return new EulerIntegrator(1.0);
            case MIDPOINT:
                return new MidpointIntegrator(1.0);
            case RK4:
                return new ClassicalRungeKuttaIntegrator(1.0);
            case GILL:
                return new GillIntegrator(1.0);
            case THREE_EIGHTHS:
                return new ThreeEighthesIntegrator(1.0);
            case LUTHER:
                return new LutherIntegrator(1.0);
            case DOPRI5:
                return new DormandPrince54Integrator(1e-10, 1.0, 1e-8, 1e-8);
            case DOP853:
                return new DormandPrince853Integrator(1e-10, 1.0, 1e-8, 1e-8);
            default:
                return new HighamHall54Integrator(1e-10, 1.0, 1e-8, 1e-8);
        }
    }

    /**
     * Finds a method by its command-line name.
     *
     * @param name e.g. {@code rk4}
     * @return the method
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static ExplicitMethod fromCliName(String name) {
        for (ExplicitMethod m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown explicit method '" + name + "'; known: "
                + Arrays.stream(values()).map(ExplicitMethod::cliName).collect(Collectors.joining(", ")));
    }

    private static String adaptiveNames() {
        return Arrays.stream(values()).filter(ExplicitMethod::isAdaptive).map(ExplicitMethod::cliName)
                .collect(Collectors.joining(", "));
    }
}
