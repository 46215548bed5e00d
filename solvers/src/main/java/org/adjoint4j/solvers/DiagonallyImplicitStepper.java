package org.adjoint4j.solvers;

import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.linear.StageMatrix;

/**
 * A step of a diagonally implicit Runge–Kutta method (backward Euler, Crank–Nicolson, SDIRK,
 * ESDIRK), replayable bit for bit:
 * <pre>
 *   z_i = y_n + h sum_{j&lt;i} a_ij k_j
 *   Y_i = z_i + h a_ii f(t_n + c_i h, Y_i)          (Newton; explicit when a_ii = 0)
 *   k_i = (Y_i - z_i) / (h a_ii)                    (= f(Y_i) at the solution, robust when stiff)
 *   y_{n+1} = y_n + h sum_i b_i k_i
 * </pre>
 * Newton iterates {@code Y += dY}, {@code (I - h a_ii J) dY = -(Y - z_i - h a_ii f(Y))}, with J
 * evaluated once at the step's start {@code (t_n, y_n)} and its factorization reused across the
 * iterations and every stage with the same {@code h a_ii} (all stages of an ESDIRK); when the
 * iteration stalls the Jacobian is refreshed at the current iterate. Every decision depends only on
 * {@code (t_n, h_n, y_n)}, so a replay from a snapshot reproduces the forward run's states exactly;
 * a Jacobian carried over from an earlier step would not (its point depends on the path), so
 * across steps only an identical matrix is reused (linear problems, fixed steps).
 * Nothing is allocated per step.
 */
public final class DiagonallyImplicitStepper implements ReplayStepper {

    private final ParametricOde model;
    private final double[] parameters;
    private final NewtonSettings newton;
    private final StageMatrix matrix;
    private final int stages;
    private final int n;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[] bHat;
    private final double[][] k;
    private final double[] z;
    private final double[] stage;
    private final double[] f;
    private final double[] residual;
    private final double[] update;
    private long newtonIterations;

    /**
     * @param tableau a diagonally implicit tableau
     * @param model the model
     * @param parameters p (not modified; referenced)
     * @param newton when a stage is solved
     */
    public DiagonallyImplicitStepper(ButcherTableau tableau, ParametricOde model, double[] parameters,
            NewtonSettings newton) {
        if (!tableau.isDiagonallyImplicit()) {
            throw new IllegalArgumentException("tableau " + tableau.name() + " is not diagonally implicit");
        }
        this.model = model;
        this.parameters = parameters;
        this.newton = newton;
        this.matrix = StageMatrix.of(model, parameters);
        this.stages = tableau.stages();
        this.n = model.stateDimension();
        this.c = tableau.nodes();
        this.a = tableau.matrix();
        this.b = tableau.weights();
        this.bHat = tableau.embeddedWeights();
        this.k = new double[stages][n];
        this.z = new double[n];
        this.stage = new double[n];
        this.f = new double[n];
        this.residual = new double[n];
        this.update = new double[n];
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public int stages() {
        return stages;
    }

    /** @return the stage matrices (counts of Jacobians, factorizations and solves) */
    public StageMatrix matrix() {
        return matrix;
    }

    /** @return Newton iterations so far */
    public long newtonIterations() {
        return newtonIterations;
    }

    @Override
    public void advance(double t, double h, double[] y, double[] yNext) {
        step(t, h, y, yNext, null, null);
    }

    @Override
    public void tapedStep(double t, double h, double[] y, double[] yNext, StepTape tape) {
        step(t, h, y, yNext, tape, null);
    }

    /**
     * A step with the embedded error estimate {@code err = h sum_i (b_i - bHat_i) k_i}.
     *
     * @param t start time
     * @param h step size
     * @param y {@code y_n} (not modified)
     * @param yNext receives {@code y_{n+1}} (modified)
     * @param error receives the error estimate (modified)
     */
    public void advance(double t, double h, double[] y, double[] yNext, double[] error) {
        if (bHat == null) {
            throw new IllegalStateException("this tableau has no embedded error estimate");
        }
        step(t, h, y, yNext, null, error);
    }

    /**
     * A taped step with the embedded error estimate: {@link #tapedStep(double, double, double[],
     * double[], StepTape)} and {@link #advance(double, double, double[], double[], double[])} in one,
     * the same arithmetic as either.
     *
     * @param t start time
     * @param h step size
     * @param y {@code y_n} (not modified)
     * @param yNext receives {@code y_{n+1}} (modified)
     * @param tape receives the step's stages (modified)
     * @param error receives the error estimate (modified)
     */
    public void tapedStep(double t, double h, double[] y, double[] yNext, StepTape tape, double[] error) {
        if (bHat == null) {
            throw new IllegalStateException("this tableau has no embedded error estimate");
        }
        step(t, h, y, yNext, tape, error);
    }

    private void step(double t, double h, double[] y, double[] yNext, StepTape tape, double[] error) {
        if (tape != null) {
            tape.set(t, h);
            if (tape.keepsStartSeparately()) {
                System.arraycopy(y, 0, tape.startState(), 0, n);
            }
        }
        boolean jacobian = false;
        for (int i = 0; i < stages; i++) {
            double[] yi = tape != null ? tape.stage(i) : stage;
            double[] ai = a[i];
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int l = 0; l < i; l++) {
                    sum += k[l][j] * ai[l];
                }
                z[j] = y[j] + h * sum;
            }
            double ti = t + h * c[i];
            if (ai[i] == 0.0) {
                System.arraycopy(z, 0, yi, 0, n);
                model.rhs(ti, yi, parameters, k[i]);
                continue;
            }
            double gamma = h * ai[i];
            // The trivial predictor y_n: extrapolating with earlier stage slopes overshoots badly
            // in stiff transients, where those slopes are large.
            System.arraycopy(y, 0, yi, 0, n);
            if (!jacobian) {
                matrix.jacobianAt(t, y);
                jacobian = true;
            }
            solveStage(ti, gamma, yi, t, h, i);
            for (int j = 0; j < n; j++) {
                k[i][j] = (yi[j] - z[j]) / gamma;
            }
        }
        for (int j = 0; j < n; j++) {
            double sum = 0.0;
            for (int l = 0; l < stages; l++) {
                sum += k[l][j] * b[l];
            }
            yNext[j] = y[j] + h * sum;
        }
        if (error != null) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int l = 0; l < stages; l++) {
                    sum += k[l][j] * (b[l] - bHat[l]);
                }
                error[j] = h * sum;
            }
        }
    }

    /**
     * Newton on Y = z + gamma f(ti, Y), from the guess in yi: simplified Newton on the current
     * factorization while it contracts; when it stalls (an update not 10% smaller than the last)
     * or runs out of iterations, the Jacobian is refreshed at the current iterate, up to
     * {@code maxIterations} times, which turns into full Newton where the step-start Jacobian is
     * a poor model (the start of a stiff transient).
     */
    private void solveStage(double ti, double gamma, double[] yi, double t, double h, int i) {
        matrix.factor(gamma);
        double previous = Double.POSITIVE_INFINITY;
        int refreshes = 0;
        int sinceRefresh = 0;
        int total = 0;
        while (true) {
            model.rhs(ti, yi, parameters, f);
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(f[j])) {
                    // Retryable in adaptive runs (the iterate may have left the model's domain); with
                    // fixed steps this message is what the user sees.
                    throw new NewtonFailure("right-hand side component " + j + " (" + model.stateName(j) + ") is "
                            + f[j] + " at stage " + i + " (t=" + ti + ") of the step from t=" + t + " with h=" + h
                            + ", Newton iteration " + (total + 1), t);
                }
                residual[j] = -(yi[j] - z[j] - gamma * f[j]);
            }
            matrix.solve(residual, update);
            double ratio = 0.0;
            for (int j = 0; j < n; j++) {
                yi[j] += update[j];
                double r = Math.abs(update[j]) / (Math.abs(yi[j]) + newton.absoluteFloor());
                if (!(r <= ratio)) {
                    ratio = r; // NaN propagates
                }
            }
            newtonIterations++;
            total++;
            sinceRefresh++;
            if (ratio <= newton.tolerance()) {
                return;
            }
            boolean finite = Double.isFinite(ratio);
            boolean stalled = sinceRefresh >= 2 && ratio > 0.9 * previous;
            if (finite && !stalled && sinceRefresh < newton.maxIterations()) {
                previous = ratio;
                continue;
            }
            if (!finite || refreshes >= newton.maxIterations()) {
                throw new NewtonFailure("Newton's method did not converge in stage " + i + " of the step from t=" + t
                        + " with h=" + h + " (last relative update " + ratio + " after " + total + " iterations and "
                        + refreshes + " Jacobian refreshes); the step may be too large for the problem's "
                        + "nonlinearity: take more steps or a tighter tolerance", t);
            }
            matrix.jacobianAt(ti, yi);
            matrix.factor(gamma);
            refreshes++;
            sinceRefresh = 0;
            previous = Double.POSITIVE_INFINITY;
        }
    }

    /** A stage whose Newton iteration failed; adaptive runs retry with a smaller step. */
    public static final class NewtonFailure extends IntegrationException {
        private static final long serialVersionUID = 1L;

        NewtonFailure(String message, double t) {
            super(message, t, -1, null);
        }
    }

    /** A tape that keeps y_n apart when the first stage is implicit (SDIRK, backward Euler). */
    @Override
    public StepTape newTape() {
        return new StepTape(stages, n, a[0][0] == 0.0);
    }

    @Override
    public long tapeBytes() {
        return StepTape.bytes(stages, n, a[0][0] == 0.0);
    }

    @Override
    public long linearSolves() {
        return matrix.solves();
    }

    @Override
    public String diagnose(double t, double h, double[] y) {
        for (int i = 0; i < stages; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(k[i][j])) {
                    return "stage derivative k_" + i + " component " + j + " (" + model.stateName(j) + ") is " + k[i][j]
                            + " (t=" + (t + h * c[i]) + ")";
                }
            }
        }
        return null;
    }
}
