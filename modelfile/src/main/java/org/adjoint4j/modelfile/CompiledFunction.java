package org.adjoint4j.modelfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.compile.KernelCompiler;
import org.adjoint4j.modelfile.ir.Differentiation;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Input;
import org.adjoint4j.modelfile.ir.Interpreter;
import org.adjoint4j.modelfile.ir.Node;
import org.hipparchus.CalculusFieldElement;

/**
 * A scalar function g(t, y, p) of a model file (an objective term, an observable) compiled with its
 * symbolic gradient {@code (g_y, g_p)}; over any field it is interpreted. Thread-safe.
 */
public final class CompiledFunction implements StateFunction {

    private final Graph graph;
    private final Node node;
    private final int n;
    private final int m;
    private final boolean compiled;
    private final KernelCompiler.Compiled value;
    private final KernelCompiler.Compiled gradient;
    private final ThreadLocal<double[][]> work;
    private final ThreadLocal<Interpreter> interpreter = ThreadLocal.withInitial(Interpreter::new);

    /**
     * @param graph the graph of the function's node
     * @param node g
     * @param n states
     * @param m parameters
     * @param compiled compile to bytecode (else every evaluation is interpreted)
     */
    CompiledFunction(Graph graph, Node node, int n, int m, boolean compiled) {
        this.graph = graph;
        this.node = node;
        this.n = n;
        this.m = m;
        this.compiled = compiled;
        if (compiled) {
            this.value = KernelCompiler.compile(graph, List.of(new KernelCompiler.Output(0, 0, node)));
            Map<Node, Node> adjoints = new Differentiation(graph).adjoint(List.of(node), List.of(graph.one()));
            List<KernelCompiler.Output> outputs = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                outputs.add(new KernelCompiler.Output(0, j, adjoints.getOrDefault(graph.input(Input.STATE, j),
                        graph.zero())));
            }
            for (int k = 0; k < m; k++) {
                outputs.add(new KernelCompiler.Output(1, k, adjoints.getOrDefault(graph.input(Input.PARAMETER, k),
                        graph.zero())));
            }
            this.gradient = KernelCompiler.compile(graph, outputs);
        } else {
            this.value = null;
            this.gradient = null;
        }
        this.work = ThreadLocal.withInitial(() -> new double[][] {null, new double[1], new double[n], new double[m]});
    }

    @Override
    public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
        return interpreter.get().evaluate(List.of(node), graph.size(), (kind, index) -> kind == Input.TIME ? t
                : kind == Input.STATE ? y[index] : p[index], t.getField().getZero())[0];
    }

    @Override
    public double value(double t, double[] y, double[] p) {
        if (!compiled) {
            return StateFunction.super.value(t, y, p);
        }
        double[][] w = work.get();
        value.kernel().run(t, y, p, w[2], w[3], w[1], null, value.work());
        return w[1][0];
    }

    @Override
    public void gradient(double t, double[] y, double[] p, double[] gradientState, double[] gradientParameters) {
        if (!compiled) {
            StateFunction.super.gradient(t, y, p, gradientState, gradientParameters);
            return;
        }
        double[][] w = work.get();
        gradient.kernel().run(t, y, p, w[2], w[3], gradientState, gradientParameters, gradient.work());
    }
}
