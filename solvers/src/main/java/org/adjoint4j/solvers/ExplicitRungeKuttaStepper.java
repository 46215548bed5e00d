package org.adjoint4j.solvers;

import org.adjoint4j.model.ParametricOde;

/**
 * An explicit Runge–Kutta step from a {@link ButcherTableau}, in the floating-point order of
 * Hipparchus's own integrators ({@code ExplicitRungeKuttaIntegrator.applyInternalButcherWeights}
 * and {@code applyExternalButcherWeights}), so that replaying a recorded grid reproduces
 * Hipparchus's states bit for bit:
 * <pre>
 *   k_0 = f(t, y)
 *   Y_i = y + h (k_0 a_i0 + k_1 a_i1 + ... + k_{i-1} a_{i,i-1}),   k_i = f(t + h c_i, Y_i)
 *   y_{n+1} = y + h (k_0 b_0 + ... + k_{s-1} b_{s-1})
 * </pre>
 * (sums left to right, zero coefficients included). Nothing is allocated per step.
 */
public final class ExplicitRungeKuttaStepper implements ReplayStepper {

    private final ParametricOde model;
    private final double[] parameters;
    private final int stages;
    private final int n;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[][] k;
    private final double[] yStage;

    /**
     * @param tableau an explicit tableau
     * @param model the model
     * @param parameters p (not modified; referenced, not copied)
     */
    public ExplicitRungeKuttaStepper(ButcherTableau tableau, ParametricOde model, double[] parameters) {
        if (!tableau.isExplicit()) {
            throw new IllegalArgumentException("tableau " + tableau.name() + " is not explicit");
        }
        if (parameters.length != model.parameterDimension()) {
            throw new IllegalArgumentException("parameters has length " + parameters.length + ", the model has "
                    + model.parameterDimension() + " parameters");
        }
        this.model = model;
        this.parameters = parameters;
        this.stages = tableau.stages();
        this.n = model.stateDimension();
        this.c = new double[stages];
        this.a = new double[stages][];
        this.b = new double[stages];
        for (int i = 0; i < stages; i++) {
            c[i] = tableau.c(i);
            b[i] = tableau.b(i);
            a[i] = new double[i];
            for (int j = 0; j < i; j++) {
                a[i][j] = tableau.a(i, j);
            }
        }
        this.k = new double[stages][n];
        this.yStage = new double[n];
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public int stages() {
        return stages;
    }

    @Override
    public void advance(double t, double h, double[] y, double[] yNext) {
        model.rhs(t, y, parameters, k[0]);
        for (int i = 1; i < stages; i++) {
            stageState(i, h, y, yStage);
            model.rhs(t + h * c[i], yStage, parameters, k[i]);
        }
        combine(h, y, yNext);
    }

    @Override
    public void tapedStep(double t, double h, double[] y, double[] yNext, StepTape tape) {
        tape.set(t, h);
        System.arraycopy(y, 0, tape.stage(0), 0, n);
        model.rhs(t, y, parameters, k[0]);
        for (int i = 1; i < stages; i++) {
            double[] yi = tape.stage(i);
            stageState(i, h, y, yi);
            model.rhs(t + h * c[i], yi, parameters, k[i]);
        }
        combine(h, y, yNext);
    }

    @Override
    public String diagnose(double t, double h, double[] y) {
        for (int i = 0; i < stages; i++) {
            double ti = t + h * c[i];
            if (i > 0) {
                stageState(i, h, y, yStage);
                String bad = firstNonFinite(yStage, "stage state", i, ti);
                if (bad != null) {
                    return bad;
                }
            }
            model.rhs(ti, i == 0 ? y : yStage, parameters, k[i]);
            String bad = firstNonFinite(k[i], "right-hand side", i, ti);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private String firstNonFinite(double[] v, String what, int stage, double t) {
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                return what + " component " + j + " (" + model.stateName(j) + ") is " + v[j] + " at stage " + stage
                        + " (t=" + t + ")";
            }
        }
        return null;
    }

    private void stageState(int i, double h, double[] y, double[] out) {
        double[] ai = a[i];
        for (int j = 0; j < n; j++) {
            double sum = k[0][j] * ai[0];
            for (int l = 1; l < i; l++) {
                sum += k[l][j] * ai[l];
            }
            out[j] = y[j] + h * sum;
        }
    }

    private void combine(double h, double[] y, double[] yNext) {
        for (int j = 0; j < n; j++) {
            double sum = k[0][j] * b[0];
            for (int l = 1; l < stages; l++) {
                sum += k[l][j] * b[l];
            }
            yNext[j] = y[j] + h * sum;
        }
    }
}
