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
import org.adjoint4j.adjoint.HybridProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.Event;
import org.adjoint4j.model.InitialValues;
import org.adjoint4j.model.Jump;
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
    private final List<List<Node>> jacobianNodes;
    private final FileInitialValues initialValues;
    private final boolean initialValuesDependOnParameters;
    private final Compilation compilation;
    private final String text;

    private ModelFile(ModelDefinition definition, Compilation compilation, String text) {
        this.definition = definition;
        this.compilation = compilation;
        this.text = text;
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
        // dy0/dp row by row from the symbolic gradient of each initial value that reads a parameter
        // (sparse: an initial value usually reads few of them), evaluated wherever p is.
        Differentiation d = new Differentiation(definition.graph());
        this.jacobianColumns = new int[n][];
        this.jacobianNodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Node y0i = definition.initialState().get(i);
            List<Node> partials = new ArrayList<>();
            if (!y0i.isConstant()) {
                Map<Node, Node> adjoints = d.adjoint(List.of(y0i), List.of(definition.graph().one()));
                List<Node> inputs = new ArrayList<>(adjoints.keySet());
                inputs.sort((a, b) -> Integer.compare(a.index(), b.index()));
                jacobianColumns[i] = new int[inputs.size()];
                for (int k = 0; k < inputs.size(); k++) {
                    jacobianColumns[i][k] = inputs.get(k).index();
                    partials.add(adjoints.get(inputs.get(k)));
                }
            }
            jacobianNodes.add(partials);
        }
        this.initialValues = new FileInitialValues();
        this.initialState = new double[n];
        initialValues.value(definition.parameters(), initialState);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(initialState[i])) {
                throw new IllegalArgumentException("model file " + definition.name() + ": the initial value of "
                        + definition.stateNames().get(i) + " is " + initialState[i]);
            }
        }
        boolean depends = false;
        for (double[] row : initialValues.rows(definition.parameters())) {
            for (int k = 0; row != null && k < row.length; k++) {
                depends |= row[k] != 0.0;
            }
        }
        this.initialValuesDependOnParameters = depends;
    }

    /** y0(p) and its Jacobian on the interpreter (evaluated once per solve, not per step). */
    private final class FileInitialValues implements InitialValues {

        @Override
        public int stateDimension() {
            return definition.stateDimension();
        }

        @Override
        public int parameterDimension() {
            return definition.parameterDimension();
        }

        @Override
        public void value(double[] p, double[] y0) {
            Binary64[] v = new Interpreter().evaluate(definition.initialState(), definition.graph().size(), at(p),
                    Binary64.ZERO);
            for (int i = 0; i < y0.length; i++) {
                y0[i] = v[i].getReal();
            }
        }

        @Override
        public void addJacobianProduct(double[] p, double[] v, double[] out) {
            double[][] rows = rows(p);
            for (int i = 0; i < rows.length; i++) {
                for (int k = 0; rows[i] != null && k < rows[i].length; k++) {
                    out[i] += rows[i][k] * v[jacobianColumns[i][k]];
                }
            }
        }

        @Override
        public void addVectorJacobianProduct(double[] p, double[] w, double[] out) {
            double[][] rows = rows(p);
            for (int i = 0; i < rows.length; i++) {
                for (int k = 0; rows[i] != null && k < rows[i].length; k++) {
                    out[jacobianColumns[i][k]] += rows[i][k] * w[i];
                }
            }
        }

        /**
         * The rows of dy0/dp on forward-mode numbers seeded along v: their derivative parts are the
         * directional derivatives of the rows, exact because the rows are symbolic.
         */
        @Override
        public void addSecondOrderProduct(double[] p, double[] w, double[] v, double[] out) {
            int n = definition.stateDimension();
            Interpreter interpreter = new Interpreter();
            Interpreter.Inputs<org.hipparchus.analysis.differentiation.Gradient> seeded = (kind, index) ->
                    new org.hipparchus.analysis.differentiation.Gradient(p[index], v[index]);
            org.hipparchus.analysis.differentiation.Gradient zero =
                    org.hipparchus.analysis.differentiation.Gradient.constant(1, 0.0);
            for (int i = 0; i < n; i++) {
                if (jacobianColumns[i] != null && w[i] != 0.0) {
                    org.hipparchus.analysis.differentiation.Gradient[] row = interpreter.evaluate(
                            jacobianNodes.get(i), definition.graph().size(), seeded, zero);
                    for (int k = 0; k < row.length; k++) {
                        out[jacobianColumns[i][k]] += w[i] * row[k].getPartialDerivative(0);
                    }
                }
            }
        }

        /** The nonzeros of dy0/dp row by row, in the order of {@code jacobianColumns} (null: a constant). */
        double[][] rows(double[] p) {
            int n = definition.stateDimension();
            double[][] rows = new double[n][];
            Interpreter interpreter = new Interpreter();
            for (int i = 0; i < n; i++) {
                if (jacobianColumns[i] != null) {
                    Binary64[] v = interpreter.evaluate(jacobianNodes.get(i), definition.graph().size(), at(p),
                            Binary64.ZERO);
                    rows[i] = new double[v.length];
                    for (int k = 0; k < v.length; k++) {
                        rows[i][k] = v[k].getReal();
                    }
                }
            }
            return rows;
        }

        private Interpreter.Inputs<Binary64> at(double[] p) {
            return (kind, index) -> new Binary64(p[index]);
        }
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
        return new ModelFile(ModelReader.read(json, source), compilation, json);
    }

    /**
     * A model made elsewhere (by the SBML importer, say), compiled like a model file.
     *
     * @param definition the elaborated model
     * @param compilation compiled or interpreted
     * @return the model
     */
    public static ModelFile of(ModelDefinition definition, Compilation compilation) {
        return new ModelFile(definition, compilation, null);
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

    /**
     * @return the JSON text this model was read from (what a copy in another JVM is parsed from), or
     *         null for a model made elsewhere ({@link #of})
     */
    public String text() {
        return text;
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

    /** @return bounds, scales and priors the file gives for parameters and {@code y0.<state>}, by name */
    public Map<String, FitSpecification> fitSpecifications() {
        return definition.fitSpecifications();
    }

    /**
     * @param name a condition of the file's {@code "conditions"} block
     * @return its values of parameters and {@code y0.<state>}
     * @throws IllegalArgumentException naming the condition and the known ones if it is not there
     */
    public Map<String, Double> condition(String name) {
        Map<String, Double> c = definition.conditions().get(name);
        if (c == null) {
            throw new IllegalArgumentException("model file " + name() + " has no condition '" + name + "' ("
                    + (definition.conditions().isEmpty() ? "it has no \"conditions\" block"
                            : "known: " + String.join(", ", definition.conditions().keySet())) + ")");
        }
        return c;
    }

    /** @return the noise models the file gives for measured states and observables, by name */
    public Map<String, NoiseSpecification> noise() {
        return definition.noise();
    }

    /** @return whether some initial value depends on the parameters (then dJ/dp needs dy0/dp) */
    public boolean initialValuesDependOnParameters() {
        return initialValuesDependOnParameters;
    }

    /** @return {@code y0(p)} with its Jacobian, for fits and gradients at other parameters */
    public InitialValues initialValues() {
        return initialValues;
    }

    /**
     * The total derivative of J with respect to the parameters when the initial values depend on
     * them: {@code dJ/dp + (dy0/dp)^T dJ/dy0}, at the file's parameters.
     *
     * @param result a gradient of {@link #problem()}
     * @return the total dJ/dp
     */
    public double[] totalParameterGradient(GradientResult result) {
        double[] g = result.parameterGradient();
        initialValues.addVectorJacobianProduct(definition.parameters(), result.initialStateGradient(), g);
        return g;
    }

    /**
     * @return the gradient problem of the file: its model, parameters, initial state, span and objective
     * @throws IllegalArgumentException if the file declares events: see {@link #hybridProblem()}
     */
    public GradientProblem problem() {
        if (!definition.events().isEmpty()) {
            throw new IllegalArgumentException("model file " + name() + " declares events (" + definition.events()
                    .get(0).where() + "): its gradient is a hybrid problem's");
        }
        return smoothPart();
    }

    private GradientProblem smoothPart() {
        return new GradientProblem(name(), model, definition.parameters(), initialState, initialTime(), finalTime(),
                objective);
    }

    /**
     * The file's problem with its events, in file order: each {@code "at"} time, {@code "when"}
     * condition and {@code "set"} value is a function of the file's graph, compiled like the
     * objective's terms (the jump's values all read the state before the event).
     *
     * @return the hybrid problem (with no events when the file declares none)
     */
    public HybridProblem hybridProblem() {
        int n = definition.stateDimension();
        int m = definition.parameterDimension();
        boolean compiled = compilation == Compilation.COMPILED;
        List<Event> events = new ArrayList<>();
        for (ModelEvent e : definition.events()) {
            StateFunction time = e.time() == null ? null : new CompiledFunction(definition.graph(), e.time(), n, m,
                    compiled);
            StateFunction condition = e.condition() == null ? null : new CompiledFunction(definition.graph(),
                    e.condition(), n, m, compiled);
            Map<Integer, StateFunction> sets = new java.util.TreeMap<>();
            for (Map.Entry<Integer, Node> jump : e.jumps().entrySet()) {
                sets.put(jump.getKey(), new CompiledFunction(definition.graph(), jump.getValue(), n, m, compiled));
            }
            events.add(new Event(e.where(), time, condition, e.direction(), sets.isEmpty() ? null : Jump.setting(sets),
                    e.terminate()));
        }
        return new HybridProblem(smoothPart(), events);
    }

    /**
     * The total derivative of J with respect to the parameters when the initial values depend on
     * them, from any gradient: {@code dJ/dp + (dy0/dp)^T dJ/dy0}.
     *
     * @param parameterGradient dJ/dp at fixed y0 (not modified)
     * @param initialStateGradient dJ/dy0 (not modified)
     * @return the total dJ/dp
     */
    public double[] totalParameterGradient(double[] parameterGradient, double[] initialStateGradient) {
        double[] g = parameterGradient.clone();
        initialValues.addVectorJacobianProduct(definition.parameters(), initialStateGradient, g);
        return g;
    }
}
