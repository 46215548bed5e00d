package org.adjoint4j.modelfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateJacobian;
import org.adjoint4j.modelfile.compile.KernelCompiler;
import org.adjoint4j.modelfile.ir.Differentiation;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Input;
import org.adjoint4j.modelfile.ir.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

/**
 * A model file's right-hand side compiled to JVM bytecode with its symbolic derivatives:
 * <pre>
 *   rhs            f(t, y, p)
 *   vjp            (f_y^T w, f_p^T w)        one symbolic reverse sweep over the whole graph
 *   jvp            f_y v + f_p q             one symbolic forward sweep
 *   stateJacobian  the entries f_y[i][j] of the pattern the expressions give, sparse (CSC) when at
 *                  most a quarter of the entries can be nonzero, dense otherwise
 * </pre>
 * Derivatives share subexpressions with the values (one graph, hash-consed). The right-hand side is
 * compiled at once; the derivative kernels on first use. Thread-safe: kernels hold no state, work
 * arrays are per thread. {@link #field()} is the interpreted model, the reference these agree with
 * to rounding.
 */
public final class CompiledOde implements ParametricOde {

    /** Above this fraction of possible nonzeros the Jacobian is dense. */
    private static final double SPARSE_FILL = 0.25;

    private final ModelDefinition model;
    private final int n;
    private final int m;
    private final InterpretedOde field;
    private final KernelCompiler.Compiled rhs;
    private final Lazy vjp;
    private final Lazy vjpState;
    private final Lazy jvp;
    private final Lazy jacobian;
    private final DMatrixSparseCSC pattern;
    private final boolean sparse;
    private final ThreadLocal<Work> work;

    /** A kernel compiled on first use. */
    private static final class Lazy {
        private final Supplier<KernelCompiler.Compiled> make;
        private volatile KernelCompiler.Compiled kernel;

        Lazy(Supplier<KernelCompiler.Compiled> make) {
            this.make = make;
        }

        KernelCompiler.Compiled get() {
            KernelCompiler.Compiled k = kernel;
            if (k == null) {
                synchronized (this) {
                    k = kernel;
                    if (k == null) {
                        k = make.get();
                        kernel = k;
                    }
                }
            }
            return k;
        }
    }

    /** Per-thread scratch. */
    private static final class Work {
        final double[] zeroStates;
        final double[] zeroParameters;
        final double[] stateScratch;
        final double[] parameterScratch;

        Work(int n, int m) {
            zeroStates = new double[n];
            zeroParameters = new double[m];
            stateScratch = new double[n];
            parameterScratch = new double[m];
        }
    }

    /** @param model the elaborated model */
    CompiledOde(ModelDefinition model) {
        this.model = model;
        this.n = model.stateDimension();
        this.m = model.parameterDimension();
        this.field = new InterpretedOde(model);
        Graph g = model.graph();
        List<KernelCompiler.Output> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outputs.add(new KernelCompiler.Output(0, i, model.rhs().get(i)));
        }
        this.rhs = KernelCompiler.compile(g, outputs);
        this.vjp = new Lazy(() -> vectorJacobian(true));
        this.vjpState = new Lazy(() -> vectorJacobian(false));
        this.jvp = new Lazy(this::jacobianVector);
        // The pattern of f_y, from the expressions: per output, the states its adjoint reaches.
        Differentiation d = new Differentiation(g);
        List<int[]> entries = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<Node, Node> adjoints = d.adjoint(List.of(model.rhs().get(i)), List.of(g.one()));
            for (Map.Entry<Node, Node> e : adjoints.entrySet()) {
                if (e.getKey().input() == Input.STATE && e.getValue() != g.zero()) {
                    entries.add(new int[] {i, e.getKey().index(), values.size()});
                    values.add(e.getValue());
                }
            }
        }
        entries.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
        this.sparse = entries.size() <= SPARSE_FILL * n * (double) n && n > 1;
        this.pattern = new DMatrixSparseCSC(n, n, Math.max(1, entries.size()));
        List<KernelCompiler.Output> jacobianOutputs = new ArrayList<>();
        int[] counts = new int[n + 1];
        for (int[] e : entries) {
            counts[e[1] + 1]++;
        }
        for (int j = 0; j < n; j++) {
            counts[j + 1] += counts[j];
        }
        System.arraycopy(counts, 0, pattern.col_idx, 0, n + 1);
        for (int k = 0; k < entries.size(); k++) {
            int[] e = entries.get(k);
            pattern.nz_rows[k] = e[0];
            jacobianOutputs.add(new KernelCompiler.Output(0, sparse ? k : e[0] * n + e[1], values.get(e[2])));
        }
        pattern.nz_length = entries.size();
        pattern.indicesSorted = true;
        this.jacobian = new Lazy(() -> KernelCompiler.compile(g, jacobianOutputs));
        this.work = ThreadLocal.withInitial(() -> new Work(n, m));
    }

    private KernelCompiler.Compiled vectorJacobian(boolean withParameters) {
        Graph g = model.graph();
        List<Node> seeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seeds.add(g.input(Input.STATE_SEED, i));
        }
        Map<Node, Node> adjoints = new Differentiation(g).adjoint(model.rhs(), seeds);
        List<KernelCompiler.Output> outputs = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            outputs.add(new KernelCompiler.Output(0, j, adjoints.getOrDefault(g.input(Input.STATE, j), g.zero())));
        }
        if (withParameters) {
            for (int k = 0; k < m; k++) {
                outputs.add(new KernelCompiler.Output(1, k, adjoints.getOrDefault(g.input(Input.PARAMETER, k),
                        g.zero())));
            }
        }
        return KernelCompiler.compile(g, outputs);
    }

    private KernelCompiler.Compiled jacobianVector() {
        Graph g = model.graph();
        Map<Node, Node> direction = new HashMap<>();
        for (int j = 0; j < n; j++) {
            direction.put(g.input(Input.STATE, j), g.input(Input.STATE_SEED, j));
        }
        for (int k = 0; k < m; k++) {
            direction.put(g.input(Input.PARAMETER, k), g.input(Input.PARAMETER_SEED, k));
        }
        List<Node> tangents = new Differentiation(g).tangent(model.rhs(), direction::get);
        List<KernelCompiler.Output> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outputs.add(new KernelCompiler.Output(0, i, tangents.get(i)));
        }
        return KernelCompiler.compile(g, outputs);
    }

    /** @return the elaborated model */
    public ModelDefinition definition() {
        return model;
    }

    /** @return nodes the right-hand side's kernel computes */
    public int rhsNodes() {
        return rhs.nodes();
    }

    /** @return the number of structural nonzeros of df/dy */
    public int jacobianNonzeros() {
        return pattern.nz_length;
    }

    /** @return whether df/dy is handed to implicit methods as a sparse matrix */
    public boolean sparseJacobian() {
        return sparse;
    }

    @Override
    public int stateDimension() {
        return n;
    }

    @Override
    public int parameterDimension() {
        return m;
    }

    @Override
    public String stateName(int i) {
        return model.stateNames().get(i);
    }

    @Override
    public String parameterName(int j) {
        return model.parameterNames().get(j);
    }

    @Override
    public void rhs(double t, double[] y, double[] p, double[] yDot) {
        Work w = work.get();
        rhs.kernel().run(t, y, p, w.zeroStates, w.zeroParameters, yDot, null, rhs.work());
    }

    @Override
    public void vjpState(double t, double[] y, double[] p, double[] wv, double[] out) {
        KernelCompiler.Compiled k = vjpState.get();
        Work w = work.get();
        k.kernel().run(t, y, p, wv, w.zeroParameters, out, null, k.work());
    }

    @Override
    public void vjpParameters(double t, double[] y, double[] p, double[] wv, double[] out) {
        Work w = work.get();
        vjp(t, y, p, wv, w.stateScratch, out);
    }

    @Override
    public void vjp(double t, double[] y, double[] p, double[] wv, double[] outState, double[] outParameters) {
        KernelCompiler.Compiled k = vjp.get();
        Work w = work.get();
        k.kernel().run(t, y, p, wv, w.zeroParameters, outState, outParameters, k.work());
    }

    @Override
    public void jvp(double t, double[] y, double[] p, double[] v, double[] q, double[] out) {
        KernelCompiler.Compiled k = jvp.get();
        Work w = work.get();
        k.kernel().run(t, y, p, v, q == null ? w.zeroParameters : q, out, null, k.work());
    }

    /** @return the Jacobian the expressions give: sparse in their pattern, or dense */
    @Override
    public StateJacobian stateJacobian() {
        if (sparse) {
            return StateJacobian.sparse(pattern, (t, y, p, j) -> {
                KernelCompiler.Compiled k = jacobian.get();
                Work w = work.get();
                k.kernel().run(t, y, p, w.zeroStates, w.zeroParameters, j.nz_values, null, k.work());
            });
        }
        return StateJacobian.dense(n, (t, y, p, j) -> {
            KernelCompiler.Compiled k = jacobian.get();
            Work w = work.get();
            Arrays.fill(j.data, 0, n * n, 0.0);
            k.kernel().run(t, y, p, w.zeroStates, w.zeroParameters, j.data, null, k.work());
        });
    }

    /** @return the interpreted model, over any field */
    @Override
    public FieldParametricOde field() {
        return field;
    }

    /** @return a dense copy of the sparsity pattern, for reports (allocates) */
    DMatrixRMaj patternMatrix() {
        DMatrixRMaj d = new DMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
            for (int k = pattern.col_idx[j]; k < pattern.col_idx[j + 1]; k++) {
                d.set(pattern.nz_rows[k], j, 1.0);
            }
        }
        return d;
    }
}
