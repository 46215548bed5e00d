package org.adjoint4j.solvers;

import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.linear.StageMatrix;

/**
 * The tangent-linear map of a Runge–Kutta step, explicit or diagonally implicit, with the step size
 * frozen and implicit stages taken as exact solutions (implicit function theorem):
 * <pre>
 *   dz_i = dy_n + h sum_{j&lt;i} a_ij dk_j
 *   (I - h a_ii J(Y_i)) dk_i = J(Y_i) dz_i + f_p(Y_i) q       (dk_i = J dz_i + f_p q when a_ii = 0)
 *   dy_{n+1} = dy_n + h sum_i b_i dk_i
 * </pre>
 * at the stage states {@code Y_i} of the step itself (a taped step of the method's replay stepper,
 * so {@code y_{n+1}} is bit for bit the forward one), with J the exact Jacobian at the converged
 * stage; the right-hand sides are one Jacobian-vector product each, the stage matrices those of
 * Newton's method. Nothing is allocated per step.
 */
public final class RungeKuttaTangent implements TangentStepper {

    private final ReplayStepper stepper;
    private final ParametricOde model;
    private final double[] parameters;
    private final StageMatrix matrix;
    private final StepTape tape;
    private final int stages;
    private final int n;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[][] dk;
    private final double[] dz;
    private final double[] rhs;

    /**
     * @param tableau the method's tableau
     * @param stepper its replay stepper for the same model and parameters
     * @param model the model
     * @param parameters p (not modified; referenced)
     */
    public RungeKuttaTangent(ButcherTableau tableau, ReplayStepper stepper, ParametricOde model,
            double[] parameters) {
        this.stepper = stepper;
        this.model = model;
        this.parameters = parameters;
        this.matrix = tableau.isExplicit() ? null : StageMatrix.of(model, parameters);
        this.tape = stepper.newTape();
        this.stages = tableau.stages();
        this.n = model.stateDimension();
        this.c = tableau.nodes();
        this.a = tableau.matrix();
        this.b = tableau.weights();
        this.dk = new double[stages][n];
        this.dz = new double[n];
        this.rhs = new double[n];
    }

    @Override
    public void step(double t, double h, double[] y, double[] dy, double[] q, double[] yNext, double[] dyNext) {
        stepper.tapedStep(t, h, y, yNext, tape);
        for (int i = 0; i < stages; i++) {
            double[] ai = a[i];
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int l = 0; l < i; l++) {
                    sum += ai[l] * dk[l][j];
                }
                dz[j] = dy[j] + h * sum;
            }
            double ti = t + h * c[i];
            double[] yi = tape.stage(i);
            if (ai[i] == 0.0) {
                model.jvp(ti, yi, parameters, dz, q, dk[i]);
            } else {
                model.jvp(ti, yi, parameters, dz, q, rhs);
                matrix.jacobianAt(ti, yi);
                matrix.factor(h * ai[i]);
                matrix.solve(rhs, dk[i]);
            }
        }
        for (int j = 0; j < n; j++) {
            double sum = 0.0;
            for (int l = 0; l < stages; l++) {
                sum += b[l] * dk[l][j];
            }
            dyNext[j] = dy[j] + h * sum;
        }
    }
}
