package org.adjoint4j.modelfile;

import java.util.List;
import org.adjoint4j.model.StateFunction;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * A cost {@code g(t, y, p)} written as an expression over {@code t}, the states and the
 * parameters; its gradient comes from the tape (the default of {@link StateFunction}).
 */
public final class ExpressionFunction implements StateFunction {

    private final Expression expression;
    private final ThreadLocal<double[][]> buffers;

    /**
     * @param text the expression
     * @param states state names
     * @param parameters parameter names
     * @throws ExpressionException with the position of an error
     */
    public ExpressionFunction(String text, List<String> states, List<String> parameters) {
        List<String> names = ExpressionModel.inputNames(states, parameters);
        this.expression = ExpressionCompiler.compile(text, names);
        int stack = expression.stackSize();
        this.buffers = ThreadLocal.withInitial(() -> new double[][] {new double[names.size()], new double[stack]});
    }

    /** @return the compiled expression */
    public Expression expression() {
        return expression;
    }

    @Override
    public double value(double t, double[] y, double[] p) {
        double[][] b = buffers.get();
        b[0][0] = t;
        System.arraycopy(y, 0, b[0], 1, y.length);
        System.arraycopy(p, 0, b[0], 1 + y.length, p.length);
        return expression.evaluate(b[0], b[1]);
    }

    @Override
    public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
        T[] inputs = MathArrays.buildArray(t.getField(), 1 + y.length + p.length);
        inputs[0] = t;
        System.arraycopy(y, 0, inputs, 1, y.length);
        System.arraycopy(p, 0, inputs, 1 + y.length, p.length);
        return expression.evaluate(inputs);
    }

    @Override
    public String toString() {
        return expression.text();
    }
}
