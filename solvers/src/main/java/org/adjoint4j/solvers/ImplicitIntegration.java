package org.adjoint4j.solvers;

import org.adjoint4j.model.ParametricOde;

/**
 * Adaptive integration with an embedded diagonally implicit method, recording the accepted grid
 * exactly as {@link AdaptiveIntegration} does for Hipparchus's explicit pairs (and with the same
 * listener), so that {@link DiagonallyImplicitStepper} replays it bit for bit: each accepted step is
 * that stepper's own step from {@code (t_n, h_n, y_n)}.
 *
 * <p>Step control as in Hairer &amp; Wanner's codes: the error estimate
 * {@code err = h sum (b_i - bHat_i) k_i} is measured in the RMS norm of
 * {@code err_j / (atol_j + rtol_j max(|y_n,j|, |y_n+1,j|))}; a step is accepted when the norm is at
 * most 1, and the next step is {@code h * min(5, max(0.2, 0.9 norm^(-1/(q+1))))} with q the embedded
 * order (no growth right after a rejection). A Newton failure quarters the step. Breakpoints are hit
 * exactly by integrating piecewise between them; the first step follows Hairer's starting-step
 * estimate. With {@link ForwardTapes}, each attempt is a taped step and the accepted steps' tapes
 * are handed over, so a store-all adjoint does not replay the forward sweep.
 */
public final class ImplicitIntegration {

    private ImplicitIntegration() {
    }

    /**
     * Integrates from t0 to t1.
     *
     * @param method an adaptive implicit method
     * @param model the model
     * @param parameters p (not modified)
     * @param t0 initial time
     * @param y0 initial state (not modified)
     * @param t1 final time
     * @param breakpoints times that must be grid points (not modified), may be null
     * @param relativeTolerance per component
     * @param absoluteTolerance per component
     * @param maxSteps most accepted steps
     * @param newton when stages are solved
     * @param listener sees every accepted state, or null
     * @param tapes receives the accepted steps' tapes, or null
     * @return the grid and the final state
     * @throws IntegrationException naming the time if the step size underflows or steps run out
     */
    public static AdaptiveIntegration.Result integrate(RungeKuttaMethod method, ParametricOde model, double[] parameters,
            double t0, double[] y0, double t1, double[] breakpoints, double[] relativeTolerance,
            double[] absoluteTolerance, int maxSteps, NewtonSettings newton, AdaptiveIntegration.StepListener listener,
            ForwardTapes tapes) {
        if (!method.isAdaptive()) {
            throw new IllegalArgumentException("method " + method.name() + " has no error estimate: give a number "
                    + "of steps, or use cn, sdirk2, esdirk3 or esdirk4");
        }
        ButcherTableau tableau = method.tableau();
        DiagonallyImplicitStepper stepper = new DiagonallyImplicitStepper(tableau, model, parameters, newton);
        int n = y0.length;
        double[] y = y0.clone();
        double[] next = new double[n];
        double[] error = new double[n];
        double exponent = -1.0 / (tableau.embeddedOrder() + 1);
        StepGrid.Builder grid = new StepGrid.Builder(1024);
        double[] ends = Breakpoints.inner(t0, t1, breakpoints);
        double t = t0;
        double h = initialStep(model, parameters, t0, y0, t1 - t0, relativeTolerance, absoluteTolerance,
                Math.min(method.order(), tableau.embeddedOrder() + 1));
        double minimum = 16 * Math.ulp(Math.max(Math.abs(t0), Math.abs(t1)));
        for (int segment = 0; segment <= ends.length; segment++) {
            double end = segment < ends.length ? ends[segment] : t1;
            boolean rejected = false;
            while (t < end) {
                if (grid.count() >= maxSteps) {
                    throw new IntegrationException("more than " + maxSteps + " steps before t=" + t1 + " (reached t=" + t
                            + ")", t, grid.count(), null);
                }
                boolean last = t + h >= end || t + 1.0001 * h >= end;
                double step = last ? end - t : h;
                double norm;
                StepTape tape = tapes == null ? null : tapes.next();
                try {
                    if (tape != null) {
                        stepper.tapedStep(t, step, y, next, tape, error);
                    } else {
                        stepper.advance(t, step, y, next, error);
                    }
                    norm = errorNorm(error, y, next, relativeTolerance, absoluteTolerance);
                } catch (DiagonallyImplicitStepper.NewtonFailure failure) {
                    norm = Double.NaN;
                }
                if (!(norm <= 1.0)) {
                    h = Double.isNaN(norm) ? step * 0.25
                            : step * Math.max(0.2, 0.9 * Math.pow(norm, exponent));
                    rejected = true;
                    if (h < minimum) {
                        throw new IntegrationException(method.name() + ": step size underflow at t=" + t + " (h=" + h
                                + ") after " + grid.count() + " steps", t, grid.count(), null);
                    }
                    continue;
                }
                grid.add(t, step);
                if (tape != null) {
                    tapes.accepted(grid.count() - 1);
                }
                double[] tmp = y;
                y = next;
                next = tmp;
                t = last ? end : t + step;
                if (listener != null) {
                    listener.accepted(grid.count(), t, y.clone());
                    if (listener.finished()) {
                        return new AdaptiveIntegration.Result(grid.build(), y);
                    }
                }
                double growth = norm == 0.0 ? 5.0 : Math.min(5.0, Math.max(0.2, 0.9 * Math.pow(norm, exponent)));
                if (rejected) {
                    growth = Math.min(1.0, growth);
                }
                rejected = false;
                double proposal = Math.min(step * growth, t1 - t0);
                // A step clipped to a breakpoint says nothing against the size planned before it.
                h = last && growth >= 1.0 ? Math.max(proposal, h) : proposal;
            }
        }
        return new AdaptiveIntegration.Result(grid.build(), y);
    }

    private static double errorNorm(double[] error, double[] y, double[] next, double[] rtol, double[] atol) {
        double sum = 0;
        for (int j = 0; j < error.length; j++) {
            double scale = atol[j] + rtol[j] * Math.max(Math.abs(y[j]), Math.abs(next[j]));
            double e = error[j] / scale;
            sum += e * e;
        }
        return Math.sqrt(sum / error.length);
    }

    /** Hairer, Norsett &amp; Wanner, Solving ODEs I, II.4: the starting step size. */
    private static double initialStep(ParametricOde model, double[] p, double t0, double[] y0, double span,
            double[] rtol, double[] atol, int order) {
        int n = y0.length;
        double[] f0 = new double[n];
        model.rhs(t0, y0, p, f0);
        double d0 = 0;
        double d1 = 0;
        for (int j = 0; j < n; j++) {
            double scale = atol[j] + rtol[j] * Math.abs(y0[j]);
            d0 += (y0[j] / scale) * (y0[j] / scale);
            d1 += (f0[j] / scale) * (f0[j] / scale);
        }
        d0 = Math.sqrt(d0 / n);
        d1 = Math.sqrt(d1 / n);
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, span);
        double[] y1 = new double[n];
        for (int j = 0; j < n; j++) {
            y1[j] = y0[j] + h0 * f0[j];
        }
        double[] f1 = new double[n];
        model.rhs(t0 + h0, y1, p, f1);
        double d2 = 0;
        for (int j = 0; j < n; j++) {
            double scale = atol[j] + rtol[j] * Math.abs(y0[j]);
            double d = (f1[j] - f0[j]) / scale;
            d2 += d * d;
        }
        d2 = Math.sqrt(d2 / n) / h0;
        double h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3)
                : Math.pow(0.01 / Math.max(d1, d2), 1.0 / (order + 1));
        return Math.min(Math.min(100 * h0, h1), span);
    }
}
