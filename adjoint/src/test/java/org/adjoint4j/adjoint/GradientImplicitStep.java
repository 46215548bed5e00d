package org.adjoint4j.adjoint;

import org.adjoint4j.solvers.ButcherTableau;
import org.adjoint4j.solvers.FieldParametricOde;
import org.adjoint4j.solvers.Fields;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * A diagonally implicit Runge–Kutta step on Hipparchus {@link Gradient}s: the same scheme as the
 * production stepper ({@code k_i = (Y_i - z_i) / (h a_ii)}), with each stage equation
 * {@code Y = z + h a_ii f(Y)} solved by Newton in the value and all derivative parts at once,
 * iterated with the exact Jacobian at the current value until value and derivatives stop moving.
 * At the solution the derivative parts satisfy the differentiated stage equation, so this is the
 * forward-mode derivative of the implicit scheme itself (implicit function theorem), computed
 * without any of the adjoint's code: own Jacobian by forward mode, own dense solve.
 */
final class GradientImplicitStep {

    private final ButcherTableau tableau;
    private final FieldParametricOde model;
    private final Gradient[] parameters;
    private final double[] parameterValues;

    GradientImplicitStep(ButcherTableau tableau, FieldParametricOde model, Gradient[] parameters) {
        this.tableau = tableau;
        this.model = model;
        this.parameters = parameters;
        this.parameterValues = Fields.real(parameters);
    }

    Gradient[] step(double t, double h, Gradient[] y) {
        int n = y.length;
        int s = tableau.stages();
        Gradient zero = y[0].getField().getZero();
        Gradient[][] k = new Gradient[s][n];
        for (int i = 0; i < s; i++) {
            Gradient[] z = new Gradient[n];
            for (int j = 0; j < n; j++) {
                Gradient sum = zero;
                for (int l = 0; l < i; l++) {
                    sum = sum.add(k[l][j].multiply(tableau.a(i, l)));
                }
                z[j] = y[j].add(sum.multiply(h));
            }
            double ti = t + h * tableau.c(i);
            double aii = tableau.a(i, i);
            if (aii == 0.0) {
                model.rhs(zero.add(ti), z, parameters, k[i]);
                continue;
            }
            double gamma = h * aii;
            Gradient[] stage = solve(ti, gamma, z, i > 0 ? k[i - 1] : null);
            for (int j = 0; j < n; j++) {
                k[i][j] = stage[j].subtract(z[j]).divide(gamma);
            }
        }
        Gradient[] next = new Gradient[n];
        for (int j = 0; j < n; j++) {
            Gradient sum = zero;
            for (int l = 0; l < s; l++) {
                sum = sum.add(k[l][j].multiply(tableau.b(l)));
            }
            next[j] = y[j].add(sum.multiply(h));
        }
        return next;
    }

    private Gradient[] solve(double ti, double gamma, Gradient[] z, Gradient[] previousK) {
        int n = z.length;
        int free = z[0].getFreeParameters();
        Gradient[] stage = new Gradient[n];
        for (int j = 0; j < n; j++) {
            stage[j] = z[j];
        }
        Gradient[] f = new Gradient[n];
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        DMatrixRMaj rhs = new DMatrixRMaj(n, 1 + free);
        DMatrixRMaj update = new DMatrixRMaj(n, 1 + free);
        int quiet = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            jacobian(ti, Fields.real(stage), m);
            CommonOps_DDRM.scale(-gamma, m);
            for (int j = 0; j < n; j++) {
                m.add(j, j, 1.0);
            }
            model.rhs(z[0].getField().getZero().add(ti), stage, parameters, f);
            for (int j = 0; j < n; j++) {
                Gradient r = stage[j].subtract(z[j]).subtract(f[j].multiply(gamma));
                rhs.set(j, 0, r.getValue());
                double[] g = r.getGradient();
                for (int d = 0; d < free; d++) {
                    rhs.set(j, 1 + d, g[d]);
                }
            }
            if (!CommonOps_DDRM.solve(m, rhs, update)) {
                throw new IllegalStateException("singular stage matrix at t=" + ti);
            }
            // Each part (value, each derivative) measured against its own scale.
            double[] change = new double[1 + free];
            double[] size = new double[1 + free];
            for (int j = 0; j < n; j++) {
                double[] g = stage[j].getGradient().clone();
                for (int d = 0; d < free; d++) {
                    g[d] -= update.get(j, 1 + d);
                    change[1 + d] = Math.max(change[1 + d], Math.abs(update.get(j, 1 + d)));
                    size[1 + d] = Math.max(size[1 + d], Math.abs(g[d]));
                }
                stage[j] = new Gradient(stage[j].getValue() - update.get(j, 0), g);
                change[0] = Math.max(change[0], Math.abs(update.get(j, 0)));
                size[0] = Math.max(size[0], Math.abs(stage[j].getValue()));
            }
            double relative = 0;
            for (int d = 0; d <= free; d++) {
                relative = Math.max(relative, size[d] == 0 ? change[d] : change[d] / size[d]);
            }
            // Quadratic convergence: two consecutive updates at rounding level mean the fixed point.
            quiet = relative <= 1e-13 ? quiet + 1 : 0;
            if (quiet == 2 || (iteration >= 30 && relative <= 1e-11)) {
                return stage;
            }
        }
        throw new IllegalStateException("the oracle's Newton iteration did not settle at t=" + ti);
    }

    /** df/dy at the values, by forward mode with n directions. */
    private void jacobian(double t, double[] y, DMatrixRMaj out) {
        int n = y.length;
        Gradient[] yy = Fields.variables(y, n, 0);
        Gradient[] pp = Fields.constants(parameterValues, n);
        Gradient[] f = new Gradient[n];
        model.rhs(Gradient.constant(n, t), yy, pp, f);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out.set(i, j, f[i].getPartialDerivative(j));
            }
        }
    }
}
