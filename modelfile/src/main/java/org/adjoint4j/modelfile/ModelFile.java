package org.adjoint4j.modelfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.ReverseModeOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.ir.Differentiation;
import org.adjoint4j.modelfile.ir.Interpreter;
import org.adjoint4j.modelfile.ir.Node;
import org.hipparchus.util.Binary64;

/**
 * A model without Java code: a JSON file in the modelling language (constants, arrays of states and
 * parameters, derived quantities, conditionals, sums, observables, events), elaborated to an
 * expression graph and compiled to JVM bytecode with symbolic derivatives ({@link CompiledOde}), or
 * interpreted on the reverse-mode tape ({@link Compilation#INTERPRETED}, the reference). The
 * language and its conventions are in the {@code modelfile} package documentation; a model file is
 * data: nothing in it can run code.
 *
 * <p>Initial values may be expressions of parameters: the gradient of a {@link #problem()} is then
 * with respect to the initial state as a vector of its own, and {@link #totalParameterGradient}
 * adds {@code (dy0/dp)^T dJ/dy0} (dy0/dp from the symbolic gradient of each initial value).
 */
public final class ModelFile {

    /** How a model file's expressions are evaluated. */
    public enum Compilation {
        /** Compiled to bytecode with symbolic derivatives (the default). */
        COMPILED,
        /** Interpreted: the right-hand side on the reverse-mode tape, the reference. */
        INTERPRETED
    }

    private final ModelDefinition definition;
    private final ParametricOde model;
    private final Objective objective;
    private final Map<String, StateFunction> observables = new LinkedHashMap<>();
    private final double[] initialState;
    private final int[][] jacobianColumns;
    private final double[][] jacobianValues;
    private final boolean initialValuesDependOnParameters;
    private final Compilation compilation;

    private ModelFile(ModelDefinition definition, Compilation compilation) {
        this.definition = definition;
        this.compilation = compilation;
        boolean compiled = compilation == Compilation.COMPILED;
        this.model = compiled ? new CompiledOde(definition) : new ReverseModeOde(new InterpretedOde(definition));
        int n = definition.stateDimension();
        int m = definition.parameterDimension();
        Objective o = Objective.none();
        if (definition.terminal() != null) {
            o = o.withTerminal(new CompiledFunction(definition.graph(), definition.terminal(), n, m, compiled));
        }
        if (definition.running() != null) {
            o = o.withRunning(new CompiledFunction(definition.graph(), definition.running(), n, m, compiled));
        }
        this.objective = o;
        for (Map.Entry<String, Node> e : definition.observables().entrySet()) {
            observables.put(e.getKey(), new CompiledFunction(definition.graph(), e.getValue(), n, m, compiled));
        }
        // y0(p), and dy0/dp row by row from the symbolic gradient of each initial value that reads a
        // parameter (sparse: an initial value usually reads few of them).
        double[] p = definition.parameters();
        Interpreter interpreter = new Interpreter();
        Interpreter.Inputs<Binary64> at = (kind, index) -> new Binary64(p[index]);
        Binary64[] y0 = interpreter.evaluate(definition.initialState(), definition.graph().size(), at, Binary64.ZERO);
        this.initialState = new double[n];
        this.jacobianColumns = new int[n][];
        this.jacobianValues = new double[n][];
        boolean depends = false;
        Differentiation d = new Differentiation(definition.graph());
        for (int i = 0; i < n; i++) {
            initialState[i] = y0[i].getReal();
            if (!Double.isFinite(initialState[i])) {
                throw new IllegalArgumentException("model file " + definition.name() + ": the initial value of "
                        + definition.stateNames().get(i) + " is " + initialState[i]);
            }
            Node y0i = definition.initialState().get(i);
            if (y0i.isConstant()) {
                continue;
            }
            Map<Node, Node> adjoints = d.adjoint(List.of(y0i), List.of(definition.graph().one()));
            List<Node> inputs = new ArrayList<>(adjoints.keySet());
            inputs.sort((a, b) -> Integer.compare(a.index(), b.index()));
            List<Node> partials = new ArrayList<>();
            for (Node input : inputs) {
                partials.add(adjoints.get(input));
            }
            Binary64[] values = interpreter.evaluate(partials, definition.graph().size(), at, Binary64.ZERO);
            jacobianColumns[i] = new int[inputs.size()];
            jacobianValues[i] = new double[inputs.size()];
            for (int k = 0; k < inputs.size(); k++) {
                jacobianColumns[i][k] = inputs.get(k).index();
                jacobianValues[i][k] = values[k].getReal();
                depends |= values[k].getReal() != 0.0;
            }
        }
        this.initialValuesDependOnParameters = depends;
    }

    /**
     * Reads and compiles a model file.
     *
     * @param path the file
     * @return the model
     * @throws IllegalArgumentException naming the file, the entry and the position of any problem
     */
    public static ModelFile read(Path path) {
        return read(path, Compilation.COMPILED);
    }

    /**
     * @param path the file
     * @param compilation compiled or interpreted
     * @return the model
     * @throws IllegalArgumentException naming the file, the entry and the position of any problem
     */
    public static ModelFile read(Path path, Compilation compilation) {
        String json;
        try {
            json = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + path + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("model file " + path + " cannot be read: " + e.getMessage());
        }
        return parse(json, path.toString(), compilation);
    }

    /**
     * @param json a model file's text
     * @param source its name, for messages
     * @param compilation compiled or interpreted
     * @return the model
     * @throws IllegalArgumentException naming the source, the entry and the position of any problem
     */
    public static ModelFile parse(String json, String source, Compilation compilation) {
        return new ModelFile(ModelReader.read(json, source), compilation);
    }

    /** @return the model's name */
    public String name() {
        return definition.name();
    }

    /** @return the elaborated model: names, graph, nodes */
    public ModelDefinition definition() {
        return definition;
    }

    /** @return how it is evaluated */
    public Compilation compilation() {
        return compilation;
    }

    /** @return the right-hand side with its derivatives */
    public ParametricOde model() {
        return model;
    }

    /** @return the parameter values of the file (controls last) */
    public double[] parameters() {
        return definition.parameters();
    }

    /** @return y0 at the file's parameters */
    public double[] initialState() {
        return initialState.clone();
    }

    /** @return t0 */
    public double initialTime() {
        return definition.initialTime();
    }

    /** @return T */
    public double finalTime() {
        return definition.finalTime();
    }

    /** @return the objective (terminal and running terms) */
    public Objective objective() {
        return objective;
    }

    /** @return the control names (the last parameters), empty without controls */
    public List<String> controls() {
        return definition.controls();
    }

    /** @return the observables by name, in file order */
    public Map<String, StateFunction> observables() {
        return java.util.Collections.unmodifiableMap(observables);
    }

    /** @return the events the file declares */
    public List<ModelEvent> events() {
        return definition.events();
    }

    /** @return whether some initial value depends on the parameters (then dJ/dp needs dy0/dp) */
    public boolean initialValuesDependOnParameters() {
        return initialValuesDependOnParameters;
    }

    /**
     * @param i a state
     * @param j a parameter
     * @return {@code d y0_i / d p_j} at the file's parameters
     */
    public double initialStateDerivative(int i, int j) {
        if (jacobianColumns[i] == null) {
            return 0.0;
        }
        int k = java.util.Arrays.binarySearch(jacobianColumns[i], j);
        return k < 0 ? 0.0 : jacobianValues[i][k];
    }

    /**
     * The total derivative of J with respect to the parameters when the initial values depend on
     * them: {@code dJ/dp + (dy0/dp)^T dJ/dy0}.
     *
     * @param result a gradient of {@link #problem()}
     * @return the total dJ/dp
     */
    public double[] totalParameterGradient(GradientResult result) {
        double[] g = result.parameterGradient();
        double[] lambda = result.initialStateGradient();
        for (int i = 0; i < lambda.length; i++) {
            if (jacobianColumns[i] != null) {
                for (int k = 0; k < jacobianColumns[i].length; k++) {
                    g[jacobianColumns[i][k]] += jacobianValues[i][k] * lambda[i];
                }
            }
        }
        return g;
    }

    /**
     * @return the gradient problem of the file: its model, parameters, initial state, span and objective
     * @throws IllegalArgumentException if the file declares events, which gradients cannot yet follow
     */
    public GradientProblem problem() {
        if (!definition.events().isEmpty()) {
            throw new IllegalArgumentException("model file " + name() + " declares events (" + definition.events()
                    .get(0).where() + "), which gradients do not follow yet");
        }
        return new GradientProblem(name(), model, definition.parameters(), initialState, initialTime(), finalTime(),
                objective);
    }
}
