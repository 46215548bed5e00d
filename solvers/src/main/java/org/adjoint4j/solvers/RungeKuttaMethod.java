package org.adjoint4j.solvers;

import java.util.ArrayList;
import java.util.List;

/**
 * A Runge–Kutta method by name: the explicit methods of Hipparchus ({@link ExplicitMethod}) and the
 * diagonally implicit ones of this package ({@link ImplicitMethod}).
 */
public interface RungeKuttaMethod {

    /** @return the command-line name */
    String cliName();

    /** @return the order of accuracy */
    int order();

    /** @return whether the method runs with step-size control */
    boolean isAdaptive();

    /** @return whether its stages are implicit */
    boolean isImplicit();

    /** @return its tableau */
    ButcherTableau tableau();

    /**
     * Finds a method by command-line name among explicit and implicit methods.
     *
     * @param name e.g. {@code rk4} or {@code esdirk4}
     * @return the method
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    static RungeKuttaMethod fromCliName(String name) {
        List<String> known = new ArrayList<>();
        for (ExplicitMethod m : ExplicitMethod.values()) {
            if (m.cliName().equals(name)) {
                return m;
            }
            known.add(m.cliName());
        }
        for (ImplicitMethod m : ImplicitMethod.values()) {
            if (m.cliName().equals(name)) {
                return m;
            }
            known.add(m.cliName());
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; known: " + String.join(", ", known));
    }
}
