package org.adjoint4j.adjoint;

import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.ButcherTableau;
import org.adjoint4j.solvers.StepTape;
import org.adjoint4j.solvers.linear.StageMatrix;

/**
 * The discrete adjoint of a Runge–Kutta step, explicit or diagonally implicit, with the step size
 * frozen and implicit stages taken as the exact solutions of their equations (implicit function
 * theorem):
 * <pre>
 *   for i = s-1, ..., 0:
 *     kbar_i  = h (b_i lambda + sum_{j&gt;i} a_ji zeta_j)
 *     kappa_i = (I - h a_ii J(Y_i))^{-T} kbar_i        (kappa_i = kbar_i when a_ii = 0)
 *     zeta_i  = J(Y_i)^T kappa_i,    mu += f_p(Y_i)^T kappa_i   (over the parameter support)
 *   lambda &lt;- lambda + sum_i zeta_i
 * </pre>
 * An explicit method is the case {@code a_ii = 0} throughout: one combined vector-Jacobian product
 * per stage at the stage states kept on the tape, and no linear algebra. For implicit stages J is the
 * exact Jacobian at the converged stage state (not the approximate one Newton iterated with); the
 * transposed solve reuses the LU factors, and a factorization is reused when the matrix is bitwise
 * the same (linear problems). A stage whose {@code kbar} is zero by the tableau ({@code b_i = 0}
 * and {@code a_ji = 0} for all {@code j > i}) is skipped. Nothing is allocated per step.
 */
public final class RungeKuttaAdjoint implements DiscreteAdjointStepper {

    private final ParametricOde model;
    private final double[] parameters;
    private final StageMatrix matrix;
    private final int stages;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final boolean[] needed;
    private final double[][] zeta;
    private final double[] kBar;
    private final double[] kappa;
    private final double[] muStage;

    /**
     * @param tableau the tableau of the forward steps, explicit or diagonally implicit
     * @param model the model (the same as the forward's)
     * @param parameters p (not modified; referenced)
     */
    public RungeKuttaAdjoint(ButcherTableau tableau, ParametricOde model, double[] parameters) {
        if (!tableau.isExplicit() && !tableau.isDiagonallyImplicit()) {
            throw new IllegalArgumentException("tableau " + tableau.name() + " is neither explicit nor diagonally "
                    + "implicit");
        }
        this.model = model;
        this.parameters = parameters;
        // Explicit methods never solve: they need no stage matrices (nor a Jacobian structure).
        this.matrix = tableau.isExplicit() ? null : StageMatrix.of(model, parameters);
        this.stages = tableau.stages();
        int n = model.stateDimension();
        this.c = tableau.nodes();
        this.a = tableau.matrix();
        this.b = tableau.weights();
        this.needed = tableau.contributingStages();
        this.zeta = new double[stages][n];
        this.kBar = new double[n];
        this.kappa = new double[n];
        this.muStage = new double[model.parameterDimension()];
    }

    /** @return the linear solves of the adjoint's transposed stage systems */
    @Override
    public long linearSolves() {
        return matrix == null ? 0 : matrix.solves();
    }

    @Override
    public void reverse(StepTape tape, double[] lambda, double[] mu) {
        double t = tape.time();
        double h = tape.stepSize();
        for (int i = stages - 1; i >= 0; i--) {
            double[] zetaI = zeta[i];
            if (!needed[i]) {
                java.util.Arrays.fill(zetaI, 0.0);
                continue;
            }
            StageCotangents.slope(h, b[i], lambda, a, i, zeta, kBar);
            double ti = t + h * c[i];
            double[] yi = tape.stage(i);
            double[] weight = kBar;
            if (a[i][i] != 0.0) {
                matrix.jacobianAt(ti, yi);
                matrix.factor(h * a[i][i]);
                matrix.solveTransposed(kBar, kappa);
                weight = kappa;
            }
            model.vjp(ti, yi, parameters, weight, zetaI, muStage);
            StageCotangents.addParameters(mu, muStage, model.parameterSupportStart(ti), model.parameterSupportEnd(ti));
        }
        StageCotangents.addStages(lambda, zeta, needed);
    }
}
