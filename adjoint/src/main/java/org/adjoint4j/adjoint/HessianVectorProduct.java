package org.adjoint4j.adjoint;

import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ColumnColoring;
import org.adjoint4j.model.ForwardingOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.ReverseModeOde;
import org.adjoint4j.model.StateJacobian;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.StepGrid;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.FieldGradient;

/**
 * Exact discrete Hessian-vector products of J with respect to {@code theta = (p, y0)}, by
 * forward-over-adjoint: the discrete adjoint of the tangent-linear scheme.
 *
 * <p>Along a direction {@code (q, v)} the tangent-linear (variational) system of the model is
 * <pre>
 *   y' = f(t, y, p),              y(t0) = y0,
 *   s' = f_y(t, y, p) s + f_p(t, y, p) q,    s(t0) = v,
 * </pre>
 * and a Runge–Kutta method applied to it on a frozen grid is, stage by stage, the tangent of the
 * same method applied to the model (Runge–Kutta methods commute with linearization; for implicit
 * stages at their exact solution). Its objective, the directional derivative of every term,
 * <pre>
 *   Jt = d/de J(theta + e (q, v)) = grad J . (q, v)      (terminal, running and observation terms),
 * </pre>
 * is therefore the directional derivative of the discrete J, exactly, and the discrete adjoint of
 * the tangent system, which {@link GradientSolver} computes for every method and every
 * checkpointing schedule, is
 * <pre>
 *   dJt/dp = (H (q, v))_p,   dJt/dy0 = (H (q, v))_y0,   dJt/dv = dJ/dy0.
 * </pre>
 * The tangent system runs on the grid of the original problem (the adaptive grid is chosen for
 * the model, not its tangent). Its right-hand side is the model's {@code rhs} and {@code jvp}; its
 * vector-Jacobian products, which hold the second-order terms {@code d/de (f_y^T w, f_p^T w)}, are
 * the model's {@code vjp} and {@link ParametricOde#vjpTangent} (by hand where the model has it,
 * else forward over forward mode on its field version), and the objective terms' gradients their
 * {@code gradient} and {@link StateFunction#gradientTangent}. The Jacobian implicit methods factor
 * comes from a tape over the field version (Hipparchus {@code FieldGradient}s), so the model needs
 * {@link ParametricOde#field()}.
 */
public final class HessianVectorProduct {

    /**
     * One product.
     *
     * @param directionalDerivative {@code grad J . (q, v)}
     * @param parameterProduct {@code (H (q, v))_p}, length m
     * @param initialStateProduct {@code (H (q, v))_y0}, length n
     * @param initialStateGradient {@code dJ/dy0} (from the same sweep), length n
     * @param grid the grid of the run
     */
    public record Result(double directionalDerivative, double[] parameterProduct, double[] initialStateProduct,
            double[] initialStateGradient, StepGrid grid) {
    }

    private HessianVectorProduct() {
    }

    /**
     * @param problem the problem (its model must have a field version)
     * @param options method, stepping and checkpoints
     * @param q the direction in p, length m (not modified)
     * @param v the direction in y0, length n (not modified)
     * @return {@code H (q, v)} and what comes with it
     * @throws IllegalArgumentException naming a direction of the wrong length or with a non-finite
     *         entry, or a model without a field version
     */
    public static Result of(GradientProblem problem, GradientOptions options, double[] q, double[] v) {
        return of(problem, options, GradientSolver.grid(problem, options), q, v);
    }

    /**
     * @param problem the problem (its model must have a field version)
     * @param options method and checkpoints (the stepping is the grid's)
     * @param grid the grid (e.g. that of a gradient already computed)
     * @param q the direction in p, length m (not modified)
     * @param v the direction in y0, length n (not modified)
     * @return {@code H (q, v)} and what comes with it
     * @throws IllegalStateException if an implicit tangent run reached other stage solutions than the
     *         model's own run (its final state differs by more than 1e-8 relative)
     */
    public static Result of(GradientProblem problem, GradientOptions options, StepGrid grid, double[] q, double[] v) {
        int n = problem.model().stateDimension();
        int m = problem.model().parameterDimension();
        requireDirection("q (the direction in p)", q, m);
        requireDirection("v (the direction in y0)", v, n);
        GradientProblem tangent = tangentProblem(problem, q, v);
        GradientResult r = GradientSolver.solveOnGrid(tangent, options.withStopWhenStiff(false), grid);
        if (options.method().isImplicit()) {
            // The tangent run's Newton iterations must reach the stage solutions of the model's own
            // run: a stage equation of a stiff model can have other roots, and a product of another
            // discrete map is not this one's.
            double[][] states = GradientSolver.trajectory(problem, options, grid).states();
            double[] own = states[states.length - 1];
            for (int i = 0; i < n; i++) {
                double a = own[i];
                double b = r.finalState()[i];
                if (!(Math.abs(a - b) <= 1e-8 * Math.max(Math.abs(a), 1e-300) + 1e-12)) {
                    throw new IllegalStateException("the tangent-linear run's implicit stages reached another "
                            + "solution than the model's own run (final " + problem.model().stateName(i) + " " + b
                            + " against " + a + "): its Hessian-vector product would not be this scheme's; take more "
                            + "steps");
                }
            }
        }
        double[] dz = r.initialStateGradient();
        double[] hy = new double[n];
        double[] gy = new double[n];
        System.arraycopy(dz, 0, hy, 0, n);
        System.arraycopy(dz, n, gy, 0, n);
        return new Result(r.value(), r.parameterGradient(), hy, gy, r.grid());
    }

    /**
     * The whole Hessian of J with respect to {@code (p, y0)} by m + n products along the unit
     * directions, on one grid: for small problems.
     *
     * @param problem the problem (its model must have a field version)
     * @param options method, stepping and checkpoints
     * @return the (m + n) x (m + n) Hessian, parameters first; row k is the product along e_k
     */
    public static double[][] hessian(GradientProblem problem, GradientOptions options) {
        return hessian(problem, options, GradientSolver.grid(problem, options));
    }

    /**
     * @param problem the problem (its model must have a field version)
     * @param options method and checkpoints (the stepping is the grid's)
     * @param grid the grid (e.g. that of a gradient already computed)
     * @return the (m + n) x (m + n) Hessian, parameters first; row k is the product along e_k
     */
    public static double[][] hessian(GradientProblem problem, GradientOptions options, StepGrid grid) {
        int n = problem.model().stateDimension();
        int m = problem.model().parameterDimension();
        double[][] h = new double[m + n][];
        for (int k = 0; k < m + n; k++) {
            double[] q = new double[m];
            double[] v = new double[n];
            if (k < m) {
                q[k] = 1;
            } else {
                v[k - m] = 1;
            }
            Result r = of(problem, options, grid, q, v);
            h[k] = new double[m + n];
            System.arraycopy(r.parameterProduct(), 0, h[k], 0, m);
            System.arraycopy(r.initialStateProduct(), 0, h[k], m, n);
        }
        return h;
    }

    /**
     * The tangent-linear problem along {@code (q, v)}: states {@code (y, s)}, the same parameters,
     * initial state {@code (y0, v)}, every objective term replaced by its directional derivative.
     *
     * @param problem the problem (its model must have a field version)
     * @param q the direction in p (not modified)
     * @param v the direction in y0 (not modified)
     * @return the tangent problem, whose gradient is the Hessian-vector product
     */
    public static GradientProblem tangentProblem(GradientProblem problem, double[] q, double[] v) {
        ParametricOde model = problem.model();
        FieldParametricOde field = model.field();
        if (field == null) {
            throw new IllegalArgumentException("Hessian-vector products need the model written over "
                    + "CalculusFieldElement (ParametricOde.field()); " + model.getClass().getName() + " has none");
        }
        int n = model.stateDimension();
        double[] z0 = new double[2 * n];
        System.arraycopy(problem.initialState(), 0, z0, 0, n);
        System.arraycopy(v, 0, z0, n, n);
        Objective o = problem.objective();
        Objective tangent = Objective.none();
        if (o.terminal() != null) {
            tangent = tangent.withTerminal(new Directional(o.terminal(), n, q));
        }
        if (o.running() != null) {
            tangent = tangent.withRunning(new Directional(o.running(), n, q));
        }
        for (Objective.Observation observation : o.observations()) {
            tangent = tangent.observation(observation.time(), new Directional(observation.cost(), n, q));
        }
        return new GradientProblem(problem.name() + " (tangent)", new TangentOde(model, field, q),
                problem.parameters(), z0, problem.initialTime(), problem.finalTime(), tangent);
    }

    private static void requireDirection(String what, double[] d, int length) {
        if (d == null || d.length != length) {
            throw new IllegalArgumentException(what + " has length " + (d == null ? "null" : d.length) + ", expected "
                    + length);
        }
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException(what + " component " + i + " is " + d[i]);
            }
        }
    }

    /** An array of field gradients, without the reflection and zero fill of {@code MathArrays.buildArray}. */
    @SuppressWarnings("unchecked")
    private static <T extends CalculusFieldElement<T>> FieldGradient<T>[] array(int n) {
        return (FieldGradient<T>[]) new FieldGradient<?>[n];
    }

    /** (t, y + e s, p + e q) as first-order field elements in e over the field of t. */
    private static <T extends CalculusFieldElement<T>> FieldGradient<T>[] lift(T[] z, int n, int offset) {
        FieldGradient<T>[] y = array(n);
        for (int i = 0; i < n; i++) {
            y[i] = new FieldGradient<>(z[i], z[offset + i]);
        }
        return y;
    }

    private static <T extends CalculusFieldElement<T>> FieldGradient<T>[] liftParameters(T[] p, double[] q) {
        FieldGradient<T>[] pp = array(p.length);
        for (int j = 0; j < p.length; j++) {
            pp[j] = new FieldGradient<>(p[j], p[j].getField().getZero().add(q[j]));
        }
        return pp;
    }

    /** The variational system {@code (f, f_y s + f_p q)}. */
    private static final class TangentSystem implements FieldParametricOde {
        private final ParametricOde model;
        private final FieldParametricOde field;
        private final double[] q;
        private final int n;
        private final ThreadLocal<double[][]> work;

        TangentSystem(ParametricOde model, FieldParametricOde field, double[] q) {
            this.model = model;
            this.field = field;
            this.q = q.clone();
            this.n = model.stateDimension();
            this.work = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n], new double[n],
                new double[n]});
        }

        @Override
        public int stateDimension() {
            return 2 * n;
        }

        @Override
        public int parameterDimension() {
            return model.parameterDimension();
        }

        @Override
        public String stateName(int i) {
            return i < n ? model.stateName(i) : "d" + model.stateName(i - n);
        }

        @Override
        public String parameterName(int j) {
            return model.parameterName(j);
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] z, T[] p, T[] zDot) {
            FieldGradient<T>[] y = lift(z, n, n);
            FieldGradient<T>[] pp = liftParameters(p, q);
            FieldGradient<T>[] out = array(n);
            field.rhs(new FieldGradient<>(t, t.getField().getZero()), y, pp, out);
            for (int i = 0; i < n; i++) {
                zDot[i] = out[i].getValue();
                zDot[n + i] = out[i].getPartialDerivative(0);
            }
        }

        /** On doubles: the model's own rhs and tangent, without boxing. */
        @Override
        public void rhs(double t, double[] z, double[] p, double[] zDot) {
            double[][] w = work.get();
            System.arraycopy(z, 0, w[0], 0, n);
            System.arraycopy(z, n, w[1], 0, n);
            model.rhs(t, w[0], p, w[2]);
            model.jvp(t, w[0], p, w[1], q, w[3]);
            System.arraycopy(w[2], 0, zDot, 0, n);
            System.arraycopy(w[3], 0, zDot, n, n);
        }
    }

    /**
     * The variational system on doubles, for cotangent {@code (a, b)} of {@code (y, s)}:
     * <pre>
     *   (y)  f_y^T a + d/de f_y(y + e s, p + e q)^T b
     *   (s)  f_y^T b
     *   (p)  f_p^T a + d/de f_p(y + e s, p + e q)^T b
     * </pre>
     * from the model's own first- and second-order products ({@link ParametricOde#vjpTangent}), and
     * its right-hand side from the model's rhs and jvp ({@link TangentSystem}, through the tape);
     * its Jacobian is {@link #stateJacobian()}'s. Its parameters are the model's, read only
     * within the model's support.
     */
    private static final class TangentOde extends ForwardingOde {
        private final ParametricOde model;
        private final double[] q;
        private final int n;
        private final int m;
        private final ThreadLocal<double[][]> work;

        TangentOde(ParametricOde model, FieldParametricOde field, double[] q) {
            // The tape's rhs on doubles is the system's own (the model's rhs and jvp).
            super(new ReverseModeOde(new TangentSystem(model, field, q)));
            this.model = model;
            this.q = q.clone();
            this.n = model.stateDimension();
            this.m = model.parameterDimension();
            this.work = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n], new double[n],
                new double[n], new double[n], new double[n], new double[m], new double[m]});
        }

        @Override
        public int parameterSupportStart(double t) {
            return model.parameterSupportStart(t);
        }

        @Override
        public int parameterSupportEnd(double t) {
            return model.parameterSupportEnd(t);
        }

        @Override
        public void vjpState(double t, double[] z, double[] p, double[] c, double[] out) {
            vjp(t, z, p, c, out, null);
        }

        @Override
        public void vjpParameters(double t, double[] z, double[] p, double[] c, double[] out) {
            double[][] w = split(z, c);
            model.vjpParameters(t, w[0], p, w[2], out);
            model.vjpTangent(t, w[0], p, w[3], w[1], q, w[4], w[7]);
            addWithinSupport(t, w[7], out);
        }

        @Override
        public void vjp(double t, double[] z, double[] p, double[] c, double[] outState, double[] outParameters) {
            double[][] w = split(z, c);
            if (outParameters == null) {
                model.vjpState(t, w[0], p, w[2], w[5]);
            } else {
                model.vjp(t, w[0], p, w[2], w[5], outParameters);
            }
            model.vjpTangent(t, w[0], p, w[3], w[1], q, w[4], w[7]);
            for (int i = 0; i < n; i++) {
                outState[i] = w[5][i] + w[4][i];
            }
            model.vjpState(t, w[0], p, w[3], w[5]);
            System.arraycopy(w[5], 0, outState, n, n);
            if (outParameters != null) {
                addWithinSupport(t, w[7], outParameters);
            }
        }

        /**
         * The tangent system's Jacobian {@code [[J, 0], [M, J]]} with {@code J = f_y} the model's own,
         * in its structure, and {@code M = d/de f_y(y + e s, p + e q)}, whose row i is the
         * second-order product with the cotangent e_i. A sparse J gives M its pattern (where f_i
         * does not read y_j, no derivative of f_i,j is nonzero), and M is filled by one product per
         * color of rows that share no column. A model whose J is bordered (a quadrature) keeps
         * the tape's dense Jacobian.
         */
        @Override
        public StateJacobian stateJacobian() {
            return model.stateJacobian().accept(new StateJacobian.Structure<StateJacobian>() {
                @Override
                public StateJacobian dense(int dimension, StateJacobian.DenseFill fill) {
                    return StateJacobian.dense(2 * n, new BlockDense(fill));
                }

                @Override
                public StateJacobian sparse(DMatrixSparseCSC pattern, StateJacobian.SparseFill fill) {
                    BlockSparse block = new BlockSparse(pattern, fill);
                    return StateJacobian.sparse(block.pattern(), block);
                }

                @Override
                public StateJacobian bordered(StateJacobian inner, StateFunction running) {
                    return delegate.stateJacobian();
                }
            });
        }

        /** The dense {@code [[J, 0], [M, J]]}; its work arrays are made on first use. */
        private final class BlockDense implements StateJacobian.DenseFill {
            private final StateJacobian.DenseFill inner;
            private DMatrixRMaj j;
            private double[] y;
            private double[] s;
            private double[] unit;
            private double[] row;
            private double[] rowParameters;

            BlockDense(StateJacobian.DenseFill inner) {
                this.inner = inner;
            }

            @Override
            public void fill(double t, double[] z, double[] p, DMatrixRMaj jacobian) {
                if (j == null) {
                    j = new DMatrixRMaj(n, n);
                    y = new double[n];
                    s = new double[n];
                    unit = new double[n];
                    row = new double[n];
                    rowParameters = new double[m];
                }
                System.arraycopy(z, 0, y, 0, n);
                System.arraycopy(z, n, s, 0, n);
                inner.fill(t, y, p, j);
                jacobian.zero();
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        double v = j.get(r, c);
                        jacobian.set(r, c, v);
                        jacobian.set(n + r, n + c, v);
                    }
                }
                for (int i = 0; i < n; i++) {
                    unit[i] = 1.0;
                    model.vjpTangent(t, y, p, unit, s, q, row, rowParameters);
                    unit[i] = 0.0;
                    for (int c = 0; c < n; c++) {
                        jacobian.set(n + i, c, row[c]);
                    }
                }
            }
        }

        /** The sparse {@code [[J, 0], [M, J]]} in J's pattern; its work arrays are made on first use. */
        private final class BlockSparse implements StateJacobian.SparseFill {
            private final DMatrixSparseCSC inner;
            private final StateJacobian.SparseFill fill;
            private final int[] rowColor;
            private final int colors;
            private double[] y;
            private double[] s;
            private double[] seed;
            private double[] product;
            private double[] productParameters;

            BlockSparse(DMatrixSparseCSC pattern, StateJacobian.SparseFill fill) {
                this.inner = pattern.copy();
                this.fill = fill;
                this.rowColor = ColumnColoring.rows(pattern);
                this.colors = ColumnColoring.colors(rowColor);
            }

            /** Column c < n: J's rows, then n + J's rows (M); column n + c: n + J's rows. */
            DMatrixSparseCSC pattern() {
                int nz = inner.nz_length;
                DMatrixSparseCSC block = new DMatrixSparseCSC(2 * n, 2 * n, Math.max(1, 3 * nz));
                int k = 0;
                for (int c = 0; c < 2 * n; c++) {
                    block.col_idx[c] = k;
                    int col = c < n ? c : c - n;
                    if (c < n) {
                        for (int e = inner.col_idx[col]; e < inner.col_idx[col + 1]; e++) {
                            block.nz_rows[k++] = inner.nz_rows[e];
                        }
                    }
                    for (int e = inner.col_idx[col]; e < inner.col_idx[col + 1]; e++) {
                        block.nz_rows[k++] = n + inner.nz_rows[e];
                    }
                }
                block.col_idx[2 * n] = k;
                block.nz_length = k;
                block.indicesSorted = true;
                return block;
            }

            @Override
            public void fill(double t, double[] z, double[] p, DMatrixSparseCSC jacobian) {
                if (y == null) {
                    y = new double[n];
                    s = new double[n];
                    seed = new double[n];
                    product = new double[n];
                    productParameters = new double[m];
                }
                System.arraycopy(z, 0, y, 0, n);
                System.arraycopy(z, n, s, 0, n);
                fill.fill(t, y, p, inner);
                for (int c = 0; c < n; c++) {
                    int length = inner.col_idx[c + 1] - inner.col_idx[c];
                    int top = jacobian.col_idx[c];
                    int bottom = jacobian.col_idx[n + c];
                    for (int e = 0; e < length; e++) {
                        double v = inner.nz_values[inner.col_idx[c] + e];
                        jacobian.nz_values[top + e] = v;
                        jacobian.nz_values[bottom + e] = v;
                    }
                }
                for (int color = 0; color < colors; color++) {
                    for (int i = 0; i < n; i++) {
                        seed[i] = rowColor[i] == color ? 1.0 : 0.0;
                    }
                    model.vjpTangent(t, y, p, seed, s, q, product, productParameters);
                    for (int c = 0; c < n; c++) {
                        int length = inner.col_idx[c + 1] - inner.col_idx[c];
                        int at = jacobian.col_idx[c] + length;
                        for (int e = 0; e < length; e++) {
                            if (rowColor[inner.nz_rows[inner.col_idx[c] + e]] == color) {
                                jacobian.nz_values[at + e] = product[c];
                            }
                        }
                    }
                }
            }
        }

        /** y, s, a, b into the work arrays 0 to 3. */
        private double[][] split(double[] z, double[] c) {
            double[][] w = work.get();
            System.arraycopy(z, 0, w[0], 0, n);
            System.arraycopy(z, n, w[1], 0, n);
            System.arraycopy(c, 0, w[2], 0, n);
            System.arraycopy(c, n, w[3], 0, n);
            return w;
        }

        private void addWithinSupport(double t, double[] x, double[] out) {
            int to = model.parameterSupportEnd(t);
            for (int j = model.parameterSupportStart(t); j < to; j++) {
                out[j] += x[j];
            }
        }
    }

    /**
     * The directional derivative of an objective term along (s, q): on doubles
     * {@code g_y . s + g_p . q}, and its gradient from the term's gradient (with respect to s) and
     * its {@link StateFunction#gradientTangent} (with respect to y and p).
     */
    private static final class Directional implements StateFunction {
        private final StateFunction g;
        private final int n;
        private final double[] q;
        private final ThreadLocal<double[][]> work;

        Directional(StateFunction g, int n, double[] q) {
            this.g = g;
            this.n = n;
            this.q = q.clone();
            int m = q.length;
            this.work = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n], new double[n],
                new double[m]});
        }

        @Override
        public double value(double t, double[] z, double[] p) {
            double[][] w = work.get();
            System.arraycopy(z, 0, w[0], 0, n);
            g.gradient(t, w[0], p, w[2], w[3]);
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += w[2][i] * z[n + i];
            }
            for (int j = 0; j < q.length; j++) {
                sum += w[3][j] * q[j];
            }
            return sum;
        }

        @Override
        public void gradient(double t, double[] z, double[] p, double[] gradientState, double[] gradientParameters) {
            double[][] w = work.get();
            System.arraycopy(z, 0, w[0], 0, n);
            System.arraycopy(z, n, w[1], 0, n);
            g.gradient(t, w[0], p, w[2], gradientParameters);
            System.arraycopy(w[2], 0, gradientState, n, n);
            g.gradientTangent(t, w[0], p, w[1], q, w[2], gradientParameters);
            System.arraycopy(w[2], 0, gradientState, 0, n);
        }

        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] z, T[] p) {
            FieldGradient<T>[] y = lift(z, n, n);
            FieldGradient<T>[] pp = liftParameters(p, q);
            return g.value(new FieldGradient<>(t, t.getField().getZero()), y, pp).getPartialDerivative(0);
        }

        @Override
        public int parameterSupportStart(double t) {
            return g.parameterSupportStart(t);
        }

        @Override
        public int parameterSupportEnd(double t) {
            return g.parameterSupportEnd(t);
        }
    }
}
