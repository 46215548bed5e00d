package org.adjoint4j.modelfile;

import java.util.List;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.modelfile.ir.Input;
import org.adjoint4j.modelfile.ir.Interpreter;
import org.adjoint4j.modelfile.ir.Node;
import org.hipparchus.CalculusFieldElement;

/**
 * A model file's right-hand side interpreted over any Hipparchus field: the reference for the
 * compiled model, its {@code field()} version (forward mode, tangents for checks, second order), and,
 * on the reverse-mode tape, what {@code --compile off} runs. Thread-safe (an interpreter per thread).
 */
final class InterpretedOde implements FieldParametricOde {

    private final ModelDefinition model;
    private final List<Node> rhs;
    private final ThreadLocal<Interpreter> interpreter = ThreadLocal.withInitial(Interpreter::new);

    InterpretedOde(ModelDefinition model) {
        this.model = model;
        this.rhs = model.rhs();
    }

    @Override
    public int stateDimension() {
        return model.stateDimension();
    }

    @Override
    public int parameterDimension() {
        return model.parameterDimension();
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
    public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
        T[] f = interpreter.get().evaluate(rhs, model.graph().size(), (kind, index) -> kind == Input.TIME ? t
                : kind == Input.STATE ? y[index] : p[index], t.getField().getZero());
        System.arraycopy(f, 0, yDot, 0, f.length);
    }
}
