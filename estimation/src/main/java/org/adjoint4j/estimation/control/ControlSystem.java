package org.adjoint4j.estimation.control;

/**
 * A controlled system {@code x' = f(t, x, u)} with the cost
 * {@code J = integral_0^T L(t, x, u) dt + phi(x(T))}, and the derivatives its adjoint needs.
 * Implementations keep no state between calls except work arrays.
 */
public interface ControlSystem {

    /** @return the name, e.g. {@code lqr} */
    String name();

    /** @return n, the number of states */
    int stateDimension();

    /** @return c, the number of controls */
    int controlDimension();

    /** @return x(0) */
    double[] initialState();

    /** @return T */
    double finalTime();

    /**
     * @param i a state
     * @return its name
     */
    default String stateName(int i) {
        return "x" + (i + 1);
    }

    /**
     * @param j a control
     * @return its name
     */
    default String controlName(int j) {
        return "u" + (j + 1);
    }

    /**
     * The bound {@code |u| <= b} the system is posed with (Van der Pol's is 2); none by default.
     *
     * @return b, or positive infinity
     */
    default double controlBound() {
        return Double.POSITIVE_INFINITY;
    }

    /** @return the lower bound of every control the system is posed with ({@code -controlBound()} by default) */
    default double lowerControlBound() {
        return -controlBound();
    }

    /** @return the upper bound of every control the system is posed with ({@code controlBound()} by default) */
    default double upperControlBound() {
        return controlBound();
    }

    /**
     * The exact optimum of the continuous problem where it is known (LQR: from the Riccati
     * equation), the target a discretized control approaches.
     *
     * @return J*, or NaN when not known
     */
    default double exactOptimum() {
        return Double.NaN;
    }

    /**
     * @param t time
     * @param x state (not modified)
     * @param u control (not modified)
     * @param xDot receives f (modified)
     */
    void rhs(double t, double[] x, double[] u, double[] xDot);

    /**
     * @param t time
     * @param x state (not modified)
     * @param u control (not modified)
     * @param w cotangent of f (not modified)
     * @param outState receives {@code (df/dx)^T w} (modified)
     * @param outControl receives {@code (df/du)^T w} (modified)
     */
    void vjp(double t, double[] x, double[] u, double[] w, double[] outState, double[] outControl);

    /**
     * @param t time
     * @param x state (not modified)
     * @param u control (not modified)
     * @return the running cost L
     */
    double running(double t, double[] x, double[] u);

    /**
     * @param t time
     * @param x state (not modified)
     * @param u control (not modified)
     * @param gx receives dL/dx (modified)
     * @param gu receives dL/du (modified)
     */
    void runningGradient(double t, double[] x, double[] u, double[] gx, double[] gu);

    /**
     * @param x the final state (not modified)
     * @return phi
     */
    double terminal(double[] x);

    /**
     * @param x the final state (not modified)
     * @param gx receives dphi/dx (modified)
     */
    void terminalGradient(double[] x, double[] gx);
}
