package org.adjoint4j.solvers;

import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ForwardModeOde;
import org.adjoint4j.solvers.linear.StageMatrix;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The step of {@link DiagonallyImplicitStepper} on Hipparchus {@link Gradient}s: forward-mode
 * derivatives of the implicit scheme itself. Each stage equation {@code Y = z + h a_ii f(Y)} is
 * solved by Newton in its value and all its derivative parts at once, with the exact Jacobian at
 * the current value, until the value has settled (an update below 1e-14 of its size) and two more
 * iterations have solved the derivative parts' linear equation there. At the solution the derivative parts satisfy the differentiated stage equation
 * {@code (I - h a_ii f_y) Y' = z' + h a_ii f_p p'} (implicit function theorem), so the result is the
 * exact derivative of the discrete map, whatever Newton iterated with. Slopes are formed as in the
 * double stepper, {@code k_i = (Y_i - z_i) / (h a_ii)}, from the same predictor y_n.
 *
 * <p>For validation and forward sensitivities with few directions: each step costs one dense
 * factorization per Newton iteration and one solve per direction. Allocates per step.
 */
public final class GradientDiagonallyImplicitStepper {

    private final FieldParametricOde model;
    private final Gradient[] parameters;
    private final int stages;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final StageMatrix matrix;

    /**
     * @param tableau a diagonally implicit tableau
     * @param model the model over any field
     * @param parameters p as Gradients (not modified; referenced)
     */
    public GradientDiagonallyImplicitStepper(ButcherTableau tableau, FieldParametricOde model,
            Gradient[] parameters) {
        if (!tableau.isDiagonallyImplicit()) {
            throw new IllegalArgumentException("tableau " + tableau.name() + " is not diagonally implicit");
        }
        this.model = model;
        this.parameters = parameters;
        this.stages = tableau.stages();
        this.c = tableau.nodes();
        this.a = tableau.matrix();
        this.b = tableau.weights();
        // A dense forward-mode Jacobian of the field model: independent of any hand-written one.
        this.matrix = StageMatrix.of(new ForwardModeOde(model), Fields.real(parameters));
    }

    /**
     * One step.
     *
     * @param t start time
     * @param h step size
     * @param y {@code y_n} (not modified)
     * @return {@code y_{n+1}}
     * @throws IllegalStateException naming the time if a stage does not settle in 100 iterations
     */
    public Gradient[] step(double t, double h, Gradient[] y) {
        int n = y.length;
        Gradient zero = y[0].getField().getZero();
        Gradient[][] k = new Gradient[stages][n];
        for (int i = 0; i < stages; i++) {
            Gradient[] z = new Gradient[n];
            for (int j = 0; j < n; j++) {
                Gradient sum = zero;
                for (int l = 0; l < i; l++) {
                    sum = sum.add(k[l][j].multiply(a[i][l]));
                }
                z[j] = y[j].add(sum.multiply(h));
            }
            double ti = t + h * c[i];
            if (a[i][i] == 0.0) {
                model.rhs(zero.add(ti), z, parameters, k[i]);
                continue;
            }
            double gamma = h * a[i][i];
            Gradient[] stage = solve(ti, gamma, z, y);
            for (int j = 0; j < n; j++) {
                k[i][j] = stage[j].subtract(z[j]).divide(gamma);
            }
        }
        Gradient[] next = new Gradient[n];
        for (int j = 0; j < n; j++) {
            Gradient sum = zero;
            for (int l = 0; l < stages; l++) {
                sum = sum.add(k[l][j].multiply(b[l]));
            }
            next[j] = y[j].add(sum.multiply(h));
        }
        return next;
    }

    private Gradient[] solve(double ti, double gamma, Gradient[] z, Gradient[] guess) {
        int n = z.length;
        int free = z[0].getFreeParameters();
        Gradient[] stage = guess.clone();
        Gradient[] f = new Gradient[n];
        double[][] residual = new double[1 + free][n];
        double[] update = new double[n];
        double[] values = new double[n];
        int quiet = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            for (int j = 0; j < n; j++) {
                values[j] = stage[j].getValue();
            }
            matrix.jacobianAt(ti, values);
            matrix.factor(gamma);
            model.rhs(z[0].getField().getZero().add(ti), stage, parameters, f);
            for (int j = 0; j < n; j++) {
                Gradient r = stage[j].subtract(z[j]).subtract(f[j].multiply(gamma));
                residual[0][j] = r.getValue();
                for (int d = 0; d < free; d++) {
                    residual[1 + d][j] = r.getPartialDerivative(d);
                }
            }
            double[][] next = new double[1 + free][n];
            for (int j = 0; j < n; j++) {
                next[0][j] = stage[j].getValue();
                double[] g = stage[j].getGradient();
                for (int d = 0; d < free; d++) {
                    next[1 + d][j] = g[d];
                }
            }
            double change = 0;
            double size = 0;
            for (int d = 0; d <= free; d++) {
                matrix.solve(residual[d], update);
                for (int j = 0; j < n; j++) {
                    next[d][j] -= update[j];
                    if (d == 0) {
                        change = Math.max(change, Math.abs(update[j]));
                        size = Math.max(size, Math.abs(next[0][j]));
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                double[] g = new double[free];
                for (int d = 0; d < free; d++) {
                    g[d] = next[1 + d][j];
                }
                stage[j] = new Gradient(next[0][j], g);
            }
            // The derivative parts obey a linear equation: once the value has settled, one
            // iteration with the exact Jacobian there solves it; a second one confirms.
            quiet = change <= 1e-14 * size || quiet > 0 ? quiet + 1 : 0;
            if (quiet == 3) {
                return stage;
            }
        }
        throw new IllegalStateException("forward-mode Newton did not settle in the stage at t=" + ti);
    }
}
