package org.adjoint4j.solvers;

import org.adjoint4j.model.ParametricOde;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * A forward run with Hipparchus's own adaptive integrator that records the accepted grid: each
 * accepted step's start {@code t_n} and its exact size {@code h_n}
 * ({@code getCurrentSignedStepsize()}, not a difference of times), so that
 * {@link ExplicitRungeKuttaStepper} replays it bit for bit. Breakpoints (observation times,
 * merged by {@link Breakpoints}) are forced onto the grid by integrating piecewise between them; a listener sees every accepted
 * state, which is how online checkpointing stores snapshots during this very run.
 */
public final class AdaptiveIntegration {

    /** Receives each accepted state, in order. */
    public interface StepListener {
        /**
         * @param stepsDone n + 1 after step n was accepted
         * @param time {@code t_{n+1}}
         * @param state {@code y_{n+1}} (a fresh array owned by the listener)
         */
        void accepted(int stepsDone, double time, double[] state);

        /**
         * Asked after each accepted step: true ends the run there, its grid and final state those
         * of the steps accepted so far (how a hybrid run stops at a step where an event fires).
         *
         * @return whether to stop
         */
        default boolean finished() {
            return false;
        }
    }

    /** Thrown through Hipparchus's integrator by the step handler when the listener has finished. */
    private static final class Finished extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Finished() {
            super(null, null, false, false);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param grid the accepted grid
     * @param finalState {@code y_N}
     */
    public record Result(StepGrid grid, double[] finalState) {
    }

    private AdaptiveIntegration() {
    }

    /**
     * Integrates from t0 to t1 with a Hipparchus embedded pair.
     *
     * @param name the method's name, for messages
     * @param method builds the Hipparchus integrator
     * @param model the model
     * @param parameters p (not modified)
     * @param t0 initial time
     * @param y0 initial state (not modified)
     * @param t1 final time, {@code > t0}
     * @param breakpoints times that must be grid points (not modified)
     * @param relativeTolerance per component
     * @param absoluteTolerance per component
     * @param maxSteps the most steps accepted before giving up
     * @param listener sees each accepted state, or null
     * @return the grid and the final state
     * @throws IntegrationException naming the time and step if Hipparchus fails
     */
    public static Result integrate(String name, ExplicitRungeKutta.AdaptiveIntegrator method, ParametricOde model, double[] parameters, double t0,
            double[] y0, double t1, double[] breakpoints, double[] relativeTolerance, double[] absoluteTolerance,
            int maxSteps, StepListener listener) {
        double span = t1 - t0;
        AdaptiveStepsizeIntegrator integrator = method.create(Math.ulp(Math.max(Math.abs(t0), Math.abs(t1))),
                span, absoluteTolerance, relativeTolerance);
        StepGrid.Builder grid = new StepGrid.Builder(1024);
        double[][] last = new double[1][];
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return model.stateDimension();
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] yDot = new double[y.length];
                model.rhs(t, y, parameters, yDot);
                return yDot;
            }
        };
        integrator.addStepHandler(new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator interpolator) {
                if (grid.count() >= maxSteps) {
                    throw new IntegrationException("more than " + maxSteps + " steps before t=" + t1 + " (reached t="
                            + interpolator.getCurrentState().getTime() + "); the problem may be stiff: try an implicit "
                            + "method, or raise the step limit", interpolator.getCurrentState().getTime(), grid.count(), null);
                }
                grid.add(interpolator.getPreviousState().getTime(), integrator.getCurrentSignedStepsize());
                if (listener != null) {
                    listener.accepted(grid.count(), interpolator.getCurrentState().getTime(),
                            interpolator.getCurrentState().getPrimaryState());
                    if (listener.finished()) {
                        last[0] = interpolator.getCurrentState().getPrimaryState();
                        throw new Finished();
                    }
                }
            }
        });
        double[] ends = Breakpoints.inner(t0, t1, breakpoints);
        double start = t0;
        double[] y = y0.clone();
        try {
            for (int i = 0; i <= ends.length; i++) {
                double end = i < ends.length ? ends[i] : t1;
                ODEStateAndDerivative reached = integrator.integrate(ode, new ODEState(start, y), end);
                y = reached.getPrimaryState();
                start = end;
            }
        } catch (Finished stop) {
            y = last[0];
        } catch (MathIllegalStateException | MathIllegalArgumentException e) {
            // An explicit pair whose steps shrink to nothing on a smooth solution is meeting stiffness.
            String hint = e.getMessage() != null && e.getMessage().contains("minimal step size")
                    ? "; the problem looks stiff: try an implicit method (esdirk4)" : "";
            throw new IntegrationException(name + " failed after " + grid.count() + " steps, near t="
                    + (grid.count() == 0 ? t0 : grid.build().finalTime()) + ": " + e.getMessage() + hint,
                    grid.count() == 0 ? t0 : grid.build().finalTime(), grid.count(), e);
        }
        return new Result(grid.build(), y);
    }
}
