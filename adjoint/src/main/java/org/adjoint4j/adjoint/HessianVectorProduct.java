package org.adjoint4j.adjoint;

import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.ReverseModeOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.StepGrid;
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
 * vector-Jacobian products, which hold the second-order terms {@code d/de (f_y^T w, f_p^T w)}, come
 * from the model's field version by reverse over forward mode (a tape over Hipparchus
 * {@code FieldGradient}s), so the model needs {@link ParametricOde#field()}.
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
        return new GradientProblem(problem.name() + " (tangent)", new ReverseModeOde(new TangentSystem(model, field, q)),
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

    /** The directional derivative of an objective term along (s, q). */
    private static final class Directional implements StateFunction {
        private final StateFunction g;
        private final int n;
        private final double[] q;

        Directional(StateFunction g, int n, double[] q) {
            this.g = g;
            this.n = n;
            this.q = q.clone();
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
