package org.adjoint4j.adjoint;

import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.AdaptiveIntegration;
import org.adjoint4j.solvers.StiffnessCheck;
import org.adjoint4j.solvers.StiffnessException;

/**
 * Watches an explicit run for steps limited by stability ({@link StiffnessCheck}). Adaptive runs
 * are sampled at accepted steps 16, 32, ..., 256 and then every 256th (at most ~25% extra work on
 * short runs, ~2% on long ones); the run is stiff once {@value #CONFIRMATIONS} samples in a row have
 * {@code h rho(f_y) >= } {@value #PINNED} of the stability limit: accuracy-limited steps of the
 * reference problems stay below 0.1 of it, stability-limited ones hover near 1. A fixed grid is
 * checked at its first and last steps, and is unstable where {@code h rho(f_y)} exceeds the limit.
 */
final class StiffnessMonitor implements AdaptiveIntegration.StepListener {

    static final int CONFIRMATIONS = 4;
    static final double PINNED = 0.5;

    private final StiffnessCheck check;
    private final double[] state;
    private final boolean stop;
    private double previousTime;
    private int nextSample = 16;
    private int pinnedInRow;
    private String warning;

    /**
     * @param model the model without quadratures (n states)
     * @param parameters p (referenced)
     * @param method the explicit method
     * @param t0 the initial time
     * @param stop whether to throw at once when stiffness is certain
     */
    StiffnessMonitor(ParametricOde model, double[] parameters, DiscreteMethod method, double t0, boolean stop) {
        this.check = new StiffnessCheck(model, parameters, method.name(), method.stabilityLimit());
        this.state = new double[model.stateDimension()];
        this.previousTime = t0;
        this.stop = stop;
    }

    @Override
    public void accepted(int step, double t, double[] y) {
        double h = t - previousTime;
        previousTime = t;
        if (step < nextSample || warning != null) {
            return;
        }
        nextSample = step < 256 ? step + 16 : step + 256;
        System.arraycopy(y, 0, state, 0, state.length);
        double ratio = check.ratio(t, state, h);
        pinnedInRow = ratio >= PINNED ? pinnedInRow + 1 : 0;
        if (pinnedInRow >= CONFIRMATIONS) {
            warning = "the problem is stiff: the steps of the explicit run are limited by stability, not accuracy ("
                    + check.describe(t, h, ratio) + ", after " + step + " steps); its frozen-grid gradient is not the "
                    + "derivative of the solution: use an implicit method (esdirk4)";
            if (stop) {
                throw new StiffnessException(warning, t, step);
            }
        }
    }

    /** @return the warning, or null if the run was not found stiff */
    String warning() {
        return warning;
    }

    /**
     * @param t0 the first step's time
     * @param y0 the state there (n components at least)
     * @param h0 the first step
     * @param t1 the last step's end
     * @param y1 the final state
     * @param h1 the last step
     * @return a warning if a fixed step exceeds the stability limit there, or null
     */
    String checkFixedSteps(double t0, double[] y0, double h0, double t1, double[] y1, double h1) {
        System.arraycopy(y0, 0, state, 0, state.length);
        double first = check.ratio(t0, state, h0);
        System.arraycopy(y1, 0, state, 0, state.length);
        double last = check.ratio(t1, state, h1);
        if (first < 1 && last < 1) {
            return null;
        }
        boolean atStart = first >= last;
        return "the fixed steps are beyond the explicit method's stability limit ("
                + check.describe(atStart ? t0 : t1, atStart ? h0 : h1, Math.max(first, last))
                + "): the run is unstable and J is not the solution's; take more steps or an implicit method";
    }
}
