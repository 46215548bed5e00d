package org.adjoint4j.adjoint;

import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.ButcherTableau;
import org.adjoint4j.solvers.StepTape;

/**
 * The discrete adjoint of an explicit Runge–Kutta step with its step size frozen:
 * <pre>
 *   for i = s-1, ..., 0:
 *     kbar_i = h (b_i lambda + sum_{j&gt;i} a_ji Ybar_j)
 *     Ybar_i = f_y(t + c_i h, Y_i)^T kbar_i,     mu += f_p(t + c_i h, Y_i)^T kbar_i
 *   lambda &lt;- lambda + sum_i Ybar_i
 * </pre>
 * one combined vector-Jacobian product per stage, at the stage states kept on the tape. A stage
 * whose {@code kbar} is zero by the tableau ({@code b_i = 0} and {@code a_ji = 0} for all
 * {@code j > i}) is skipped. Nothing is allocated per step.
 */
public final class ExplicitRungeKuttaAdjoint implements DiscreteAdjointStepper {

    private final ParametricOde model;
    private final double[] parameters;
    private final int stages;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final boolean[] needed;
    private final double[][] yBar;
    private final double[] kBar;
    private final double[] muStage;

    /**
     * @param tableau the explicit tableau of the forward steps
     * @param model the model (the same as the forward's)
     * @param parameters p (not modified; referenced)
     */
    public ExplicitRungeKuttaAdjoint(ButcherTableau tableau, ParametricOde model, double[] parameters) {
        if (!tableau.isExplicit()) {
            throw new IllegalArgumentException("tableau " + tableau.name() + " is not explicit");
        }
        this.model = model;
        this.parameters = parameters;
        this.stages = tableau.stages();
        int n = model.stateDimension();
        this.c = tableau.nodes();
        this.a = tableau.matrix();
        this.b = tableau.weights();
        this.needed = tableau.contributingStages();
        this.yBar = new double[stages][n];
        this.kBar = new double[n];
        this.muStage = new double[model.parameterDimension()];
    }

    @Override
    public void reverse(StepTape tape, double[] lambda, double[] mu) {
        double t = tape.time();
        double h = tape.stepSize();
        for (int i = stages - 1; i >= 0; i--) {
            double[] yBarI = yBar[i];
            if (!needed[i]) {
                java.util.Arrays.fill(yBarI, 0.0);
                continue;
            }
            StageCotangents.slope(h, b[i], lambda, a, i, yBar, kBar);
            double ti = t + h * c[i];
            model.vjp(ti, tape.stage(i), parameters, kBar, yBarI, muStage);
            StageCotangents.addParameters(mu, muStage, model.parameterSupportStart(ti), model.parameterSupportEnd(ti));
        }
        StageCotangents.addStages(lambda, yBar, needed);
    }
}
