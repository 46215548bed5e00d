package org.adjoint4j.solvers;

import java.util.List;
import java.util.stream.Collectors;
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
 * The Runge–Kutta methods of the toolkit, by name: Hipparchus's explicit methods and our diagonally
 * implicit ones.
 * <pre>
 *   euler, midpoint, rk4, gill, three-eighths, luther   explicit, fixed steps (orders 1, 2, 4, 4, 4, 6)
 *   dopri5, dop853, higham-hall                        explicit embedded pairs (5(4), 8(5,3), 5(4))
 *   beuler    backward Euler                           order 1, L-stable
 *   cn        Crank–Nicolson (trapezoid, ESDIRK)       order 2, A-stable; embedded: explicit Euler
 *   sdirk2    Alexander's SDIRK, gamma = 1 - 1/sqrt 2  order 2, L-stable, stiffly accurate; embedded order 1
 *   esdirk3   Kennedy &amp; Carpenter ESDIRK3(2)4L[2]SA    order 3(2), L-stable, stiffly accurate
 *   esdirk4   Kennedy &amp; Carpenter ESDIRK4(3)6L[2]SA    order 4(3), L-stable, stiffly accurate
 * </pre>
 * The Kennedy–Carpenter tableaus are the implicit parts of ARK3(2)4L[2]SA and ARK4(3)6L[2]SA
 * (Appl. Numer. Math. 44 (2003) 139–181), as SUNDIALS ARKODE tabulates them. A new method is one
 * more constant here (this list is the name lookup), not a case in a switch.
 */
public final class RungeKuttaMethods {

    /** Forward Euler, order 1. */
    public static final RungeKuttaMethod EULER = new ExplicitRungeKutta("euler", 1, () -> new EulerIntegrator(1.0), null);
    /** Explicit midpoint, order 2. */
    public static final RungeKuttaMethod MIDPOINT = new ExplicitRungeKutta("midpoint", 2,
            () -> new MidpointIntegrator(1.0), null);
    /** The classical fourth-order method. */
    public static final RungeKuttaMethod RK4 = new ExplicitRungeKutta("rk4", 4,
            () -> new ClassicalRungeKuttaIntegrator(1.0), null);
    /** Gill's fourth-order method. */
    public static final RungeKuttaMethod GILL = new ExplicitRungeKutta("gill", 4, () -> new GillIntegrator(1.0), null);
    /** Kutta's 3/8 rule, order 4. */
    public static final RungeKuttaMethod THREE_EIGHTHS = new ExplicitRungeKutta("three-eighths", 4,
            () -> new ThreeEighthesIntegrator(1.0), null);
    /** Luther's sixth-order method. */
    public static final RungeKuttaMethod LUTHER = new ExplicitRungeKutta("luther", 6, () -> new LutherIntegrator(1.0),
            null);
    /** Dormand–Prince 5(4), adaptive (Hipparchus DormandPrince54Integrator). */
    public static final RungeKuttaMethod DOPRI5 = new ExplicitRungeKutta("dopri5", 5,
            () -> new DormandPrince54Integrator(1e-10, 1.0, 1e-8, 1e-8), DormandPrince54Integrator::new);
    /** Dormand–Prince 8(5,3), adaptive (Hipparchus DormandPrince853Integrator). */
    public static final RungeKuttaMethod DOP853 = new ExplicitRungeKutta("dop853", 8,
            () -> new DormandPrince853Integrator(1e-10, 1.0, 1e-8, 1e-8), DormandPrince853Integrator::new);
    /** Higham–Hall 5(4), adaptive. */
    public static final RungeKuttaMethod HIGHAM_HALL = new ExplicitRungeKutta("higham-hall", 5,
            () -> new HighamHall54Integrator(1e-10, 1.0, 1e-8, 1e-8), HighamHall54Integrator::new);
    /** Backward Euler. */
    public static final RungeKuttaMethod BEULER = new DiagonallyImplicitRungeKutta(backwardEuler());
    /** Crank–Nicolson (implicit trapezoid). */
    public static final RungeKuttaMethod CN = new DiagonallyImplicitRungeKutta(crankNicolson());
    /** Alexander's two-stage L-stable SDIRK. */
    public static final RungeKuttaMethod SDIRK2 = new DiagonallyImplicitRungeKutta(sdirk2());
    /** ESDIRK3(2)4L[2]SA. */
    public static final RungeKuttaMethod ESDIRK3 = new DiagonallyImplicitRungeKutta(esdirk3());
    /** ESDIRK4(3)6L[2]SA. */
    public static final RungeKuttaMethod ESDIRK4 = new DiagonallyImplicitRungeKutta(esdirk4());

    private static final List<RungeKuttaMethod> ALL = List.of(EULER, MIDPOINT, RK4, GILL, THREE_EIGHTHS, LUTHER,
            DOPRI5, DOP853, HIGHAM_HALL, BEULER, CN, SDIRK2, ESDIRK3, ESDIRK4);

    private RungeKuttaMethods() {
    }

    /** @return every method, explicit ones first */
    public static List<RungeKuttaMethod> all() {
        return ALL;
    }

    /** @return the explicit methods */
    public static List<RungeKuttaMethod> explicit() {
        return ALL.stream().filter(m -> !m.isImplicit()).collect(Collectors.toUnmodifiableList());
    }

    /** @return the diagonally implicit methods */
    public static List<RungeKuttaMethod> implicit() {
        return ALL.stream().filter(RungeKuttaMethod::isImplicit).collect(Collectors.toUnmodifiableList());
    }

    /**
     * @param name e.g. {@code rk4} or {@code esdirk4}
     * @return the method
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static RungeKuttaMethod byName(String name) {
        for (RungeKuttaMethod m : ALL) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; known: " + names(ALL));
    }

    /**
     * @param methods some methods
     * @return their names, comma separated
     */
    public static String names(List<RungeKuttaMethod> methods) {
        return methods.stream().map(RungeKuttaMethod::name).collect(Collectors.joining(", "));
    }

    /** @return the names of the adaptive methods, comma separated */
    public static String adaptiveNames() {
        return names(ALL.stream().filter(RungeKuttaMethod::isAdaptive).collect(Collectors.toList()));
    }

    private static ButcherTableau backwardEuler() {
        return new ButcherTableau("beuler", 1, new double[] {1}, new double[][] {{1}}, new double[] {1});
    }

    private static ButcherTableau crankNicolson() {
        return new ButcherTableau("cn", 2, new double[] {0, 1}, new double[][] {{0, 0}, {0.5, 0.5}},
                new double[] {0.5, 0.5}, new double[] {1, 0}, 1);
    }

    private static ButcherTableau sdirk2() {
        double g = 1 - Math.sqrt(0.5);
        return new ButcherTableau("sdirk2", 2, new double[] {g, 1}, new double[][] {{g, 0}, {1 - g, g}},
                new double[] {1 - g, g}, new double[] {1, 0}, 1);
    }

    private static ButcherTableau esdirk3() {
        double g = 0.4358665215084589994160194511935568425293;
        double[][] a = {
            {0, 0, 0, 0},
            {g, g, 0, 0},
            {0.2576482460664272457999960162840797092643, -0.09351476757488624521601546747763655179361, g, 0},
            {0.1876410243467238251612921441668043913795, -0.5952974735769549480478230275858851737782,
                0.9717899277217721234705114322255239398694, g}};
        double[] c = {0, 0.8717330430169179988320389023871136850586, 0.6, 1};
        double[] b = a[3].clone();
        double[] bHat = {0.2147402862233891404862383406484193714659, -0.4851622638849390928209050808398155895845,
            0.86872500252038755116621237682951240796, 0.4016969751411624011684543633618838101586};
        return new ButcherTableau("esdirk3", 3, c, a, b, bHat, 2);
    }

    private static ButcherTableau esdirk4() {
        double g = 0.25;
        double[][] a = {
            {0, 0, 0, 0, 0, 0},
            {g, g, 0, 0, 0, 0},
            {8611.0 / 62500.0, -1743.0 / 31250.0, g, 0, 0, 0},
            {5012029.0 / 34652500.0, -654441.0 / 2922500.0, 174375.0 / 388108.0, g, 0, 0},
            {15267082809.0 / 155376265600.0, -71443401.0 / 120774400.0, 730878875.0 / 902184768.0,
                2285395.0 / 8070912.0, g, 0},
            {82889.0 / 524892.0, 0, 15625.0 / 83664.0, 69875.0 / 102672.0, -2260.0 / 8211.0, g}};
        double[] c = {0, 0.5, 83.0 / 250.0, 31.0 / 50.0, 17.0 / 20.0, 1};
        double[] b = a[5].clone();
        double[] bHat = {4586570599.0 / 29645900160.0, 0, 178811875.0 / 945068544.0,
            814220225.0 / 1159782912.0, -3700637.0 / 11593932.0, 61727.0 / 225920.0};
        return new ButcherTableau("esdirk4", 4, c, a, b, bHat, 3);
    }
}
