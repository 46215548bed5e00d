package org.adjoint4j.modelfile;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Input;
import org.adjoint4j.modelfile.ir.Node;
import org.adjoint4j.modelfile.ir.Op;
import org.sbml.jsbml.ASTNode;
import org.sbml.jsbml.Compartment;
import org.sbml.jsbml.FunctionDefinition;
import org.sbml.jsbml.InitialAssignment;
import org.sbml.jsbml.LocalParameter;
import org.sbml.jsbml.Model;
import org.sbml.jsbml.Parameter;
import org.sbml.jsbml.Reaction;
import org.sbml.jsbml.Rule;
import org.sbml.jsbml.SBMLDocument;
import org.sbml.jsbml.SBMLReader;
import org.sbml.jsbml.Species;
import org.sbml.jsbml.SpeciesReference;

/**
 * An SBML model (Level 2 Versions 3 to 5, Level 3 Versions 1 and 2, read with JSBML) as an ODE
 * {@code y' = f(t, y, p)} over the modelling language's expression graph: its MathML is walked
 * node by node into the graph (never printed and parsed back), so an SBML model is compiled with
 * symbolic derivatives like a model file.
 *
 * <p>The states are the species not set by an assignment rule, and the parameters with a rate
 * rule. A species' symbol means its concentration unless it has only substance units (then its
 * amount), and its state is what its symbol means:
 * <pre>
 *   d[S]/dt = c_S / V_S sum_r n_{S,r} v_r     (concentration; V_S its compartment's size)
 *   dS/dt   = c_S sum_r n_{S,r} v_r           (amount)
 * </pre>
 * with {@code v_r} the kinetic law (extent per time), {@code n} the net stoichiometry and
 * {@code c_S} the conversion factor (1 unless set); boundary and constant species are moved by rate
 * rules only. An initial amount of a concentration species is divided by its compartment's size,
 * an initial concentration of an amount species multiplied by it. Assignment rules are substituted
 * wherever their variable appears; initial assignments give initial values, and the values of
 * constant parameters and compartments; function definitions are inlined; {@code piecewise},
 * relations and logic are lowered as in model files (the branch taken is differentiated).
 *
 * <p>Supported: compartments of constant size, species in amounts or concentrations, boundary and
 * constant species, reactions with constant stoichiometry, kinetic laws with local parameters,
 * global parameters, initial assignments, assignment and rate rules, function definitions,
 * piecewise, the time and Avogadro symbols, and events whose trigger is one inequality (time events
 * where it is {@code time >= tau(p)}, state events otherwise; see {@link Instance#events()}); the
 * states then include the parameters that only events change. Refused, naming the feature and
 * where it is: event delays and priorities, triggers that are not one inequality, algebraic rules,
 * delays, {@code rateOf}, constraints (they are checks, not dynamics, and would be silently
 * dropped), fast reactions, variable compartments, and stoichiometries that change.
 *
 * <p>Instantiation ({@link #instantiate}) binds chosen symbols to nodes (parameters to be
 * estimated, values of an experimental condition) and makes the graph of one ODE; the model read
 * from the file is data and immutable.
 */
public final class SbmlModel {

    static {
        // JSBML logs through the log4j 2 API, whose back end is left out of the build (see the pom):
        // without this, log4j prints an error that it found none. The simple logger shows errors only.
        // Where a back end is on the class path (Spark brings log4j-core), it is left to configure.
        if (System.getProperty("log4j2.loggerContextFactory") == null && !onClassPath(
                "org.apache.logging.log4j.core.LoggerContext")) {
            System.setProperty("log4j2.loggerContextFactory",
                    "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, SbmlModel.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Avogadro's number as SBML Level 3 Version 1 defines the {@code avogadro} symbol. */
    private static final double AVOGADRO = 6.02214179e23;

    private final String source;
    private final String id;
    private final Map<String, Double> compartments = new LinkedHashMap<>();
    private final Map<String, Species> species = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, FunctionDefinition> functions = new HashMap<>();
    private final Map<String, ASTNode> assignmentRules = new HashMap<>();
    private final Map<String, ASTNode> rateRules = new LinkedHashMap<>();
    private final Map<String, ASTNode> initialAssignments = new HashMap<>();
    private final Map<String, Reaction> reactions = new LinkedHashMap<>();
    private final String modelConversionFactor;
    private final List<String> stateIds = new ArrayList<>();
    private final List<SbmlEvent> events = new ArrayList<>();

    /**
     * An event as read: its id (or #k, its position), its trigger's MathML and initial value, and its assignments in
     * file order.
     */
    private record SbmlEvent(String id, ASTNode trigger, boolean initialValue, Map<String, ASTNode> assignments) {
    }

    private SbmlModel(String source, Model model) {
        this.source = source;
        this.id = model.getId().isEmpty() ? "sbml" : model.getId();
        if (model.getConstraintCount() > 0) {
            throw refused("constraints", "the listOfConstraints");
        }
        for (FunctionDefinition f : model.getListOfFunctionDefinitions()) {
            functions.put(f.getId(), f);
        }
        for (Compartment c : model.getListOfCompartments()) {
            if (!c.isConstant()) {
                throw refused("compartments of variable size", "compartment '" + c.getId() + "'");
            }
            compartments.put(c.getId(), c.isSetSize() ? c.getSize() : Double.NaN);
        }
        for (Parameter p : model.getListOfParameters()) {
            parameters.put(p.getId(), p);
        }
        for (Species s : model.getListOfSpecies()) {
            species.put(s.getId(), s);
        }
        for (Rule r : model.getListOfRules()) {
            if (r.isAlgebraic()) {
                throw refused("algebraic rules", "the listOfRules");
            }
            String variable = r.isAssignment() ? ((org.sbml.jsbml.AssignmentRule) r).getVariable()
                    : ((org.sbml.jsbml.RateRule) r).getVariable();
            if (compartments.containsKey(variable)) {
                throw refused("compartments of variable size", "the rule for compartment '" + variable + "'");
            }
            (r.isAssignment() ? assignmentRules : rateRules).put(variable, r.getMath());
        }
        for (InitialAssignment a : model.getListOfInitialAssignments()) {
            initialAssignments.put(a.getVariable(), a.getMath());
        }
        for (Reaction r : model.getListOfReactions()) {
            if (r.isSetFast() && r.getFast()) {
                throw refused("fast reactions", "reaction '" + r.getId() + "'");
            }
            if (!r.isSetKineticLaw() || r.getKineticLaw().getMath() == null) {
                throw new IllegalArgumentException(where() + "reaction '" + r.getId() + "' has no kinetic law");
            }
            for (SpeciesReference ref : concat(r.getListOfReactants(), r.getListOfProducts())) {
                if (ref.isSetStoichiometryMath() || (ref.isSetId() && (assignmentRules.containsKey(ref.getId())
                        || rateRules.containsKey(ref.getId()) || initialAssignments.containsKey(ref.getId())))) {
                    throw refused("stoichiometries that are not constant", "reaction '" + r.getId() + "', species "
                            + ref.getSpecies());
                }
            }
            reactions.put(r.getId(), r);
        }
        this.modelConversionFactor = model.isSetConversionFactor() ? model.getConversionFactor() : null;
        for (String s : species.keySet()) {
            if (!assignmentRules.containsKey(s)) {
                stateIds.add(s);
            }
        }
        for (String v : rateRules.keySet()) {
            if (!species.containsKey(v)) {
                if (!parameters.containsKey(v)) {
                    throw new IllegalArgumentException(where() + "a rate rule sets '" + v
                            + "', which is not a species or parameter");
                }
                stateIds.add(v);
            }
        }
        for (org.sbml.jsbml.Event e : model.getListOfEvents()) {
            events.add(event(e));
        }
        // Walk every formula once now, so that an unsupported construct is refused when the model is
        // read, not at the first solve.
        Instance check = instantiate(new Graph(), Map.of(), Map.of(), 0.0);
        check.events();
        check.initiallyFalseTriggers();
    }

    /**
     * Reads one event, refusing what the hybrid adjoint does not model: delays (and with them
     * {@code useValuesFromTriggerTime} and {@code persistent}, which only matter with a delay),
     * priorities, and assignments to compartments, constants or rule-set symbols. A parameter an
     * event assigns and no rule sets becomes a state with rate 0, piecewise constant in time.
     */
    private SbmlEvent event(org.sbml.jsbml.Event e) {
        String name = e.getId().isEmpty() ? "#" + (events.size() + 1) : e.getId();
        String at = "event '" + name + "'";
        if (e.isSetDelay()) {
            throw refused("event delays", at);
        }
        if (e.isSetPriority()) {
            throw refused("event priorities", at);
        }
        if (!e.isSetTrigger() || e.getTrigger().getMath() == null) {
            throw new IllegalArgumentException(where() + at + " has no trigger");
        }
        Map<String, ASTNode> assignments = new LinkedHashMap<>();
        for (org.sbml.jsbml.EventAssignment a : e.getListOfEventAssignments()) {
            String v = a.getVariable();
            if (a.getMath() == null) {
                throw new IllegalArgumentException(where() + at + ": the assignment to '" + v + "' has no math");
            }
            if (compartments.containsKey(v)) {
                throw refused("compartments of variable size", at + ", the assignment to '" + v + "'");
            }
            if (assignmentRules.containsKey(v)) {
                throw new IllegalArgumentException(where() + at + " assigns '" + v + "', which an assignment rule "
                        + "sets");
            }
            Species sp = species.get(v);
            Parameter par = parameters.get(v);
            if (sp == null && par == null) {
                throw new IllegalArgumentException(where() + at + " assigns '" + v + "', which is not a species or "
                        + "parameter");
            }
            if (sp != null ? sp.getConstant() : par.isConstant()) {
                throw new IllegalArgumentException(where() + at + " assigns '" + v + "', which is constant");
            }
            if (!stateIds.contains(v)) {
                stateIds.add(v);
            }
            assignments.put(v, a.getMath());
        }
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException(where() + at + " assigns nothing");
        }
        // SBML Level 2 has no initialValue; its events behave as initialValue="true" does in Level 3.
        boolean initial = !e.getTrigger().isSetInitialValue() || e.getTrigger().getInitialValue();
        return new SbmlEvent(name, e.getTrigger().getMath(), initial, assignments);
    }

    private static List<SpeciesReference> concat(List<SpeciesReference> a, List<SpeciesReference> b) {
        List<SpeciesReference> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private String where() {
        return "SBML model " + source + ": ";
    }

    private IllegalArgumentException refused(String feature, String at) {
        return new IllegalArgumentException(where() + feature + " are not supported (" + at + ")");
    }

    /**
     * Reads an SBML file.
     *
     * @param path the file
     * @return the model
     * @throws IllegalArgumentException if it cannot be read, is not SBML of a supported level and
     *         version, or uses an unsupported feature (named, with where it is)
     */
    public static SbmlModel read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("SBML file " + path + " does not exist");
        }
        SBMLDocument document;
        try {
            document = new SBMLReader().readSBML(new File(path.toString()));
        } catch (XMLStreamException | java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("SBML file " + path + " cannot be read: " + e.getMessage());
        }
        int level = document.getLevel();
        int version = document.getVersion();
        // Level 2 Versions 3 and 5 differ from Version 4 in nothing this importer reads.
        if (!(level == 2 && version >= 3) && !(level == 3 && (version == 1 || version == 2))) {
            throw new IllegalArgumentException("SBML file " + path + " is Level " + level + " Version " + version
                    + "; supported: Level 2 Versions 3 to 5, Level 3 Versions 1 and 2");
        }
        if (!document.isSetModel()) {
            throw new IllegalArgumentException("SBML file " + path + " has no model");
        }
        // A package the file marks required changes the model's meaning: refused. Others (layout,
        // render) only annotate it.
        for (Map.Entry<String, String> a : document.getSBMLDocumentAttributes().entrySet()) {
            if (a.getKey().endsWith("required") && a.getValue().equals("true")) {
                throw new IllegalArgumentException("SBML file " + path + ": the required package '"
                        + a.getKey().replace(":required", "") + "' is not supported");
            }
        }
        return new SbmlModel(path.getFileName().toString(), document.getModel());
    }

    /** @return whether the model has events */
    public boolean hasEvents() {
        return !events.isEmpty();
    }

    /** @return the model's id */
    public String id() {
        return id;
    }

    /**
     * @return the ids of the states, in order: species not set by assignment rules, then
     *         rate-rule parameters, then parameters that only events set
     */
    public List<String> stateIds() {
        return List.copyOf(stateIds);
    }

    /**
     * @param symbol an id
     * @return whether it is a species, parameter, compartment or reaction of the model
     */
    public boolean defines(String symbol) {
        return species.containsKey(symbol) || parameters.containsKey(symbol) || compartments.containsKey(symbol)
                || reactions.containsKey(symbol);
    }

    /**
     * @param symbol an id
     * @return whether it is a species
     */
    public boolean isSpecies(String symbol) {
        return species.containsKey(symbol);
    }

    /**
     * @param symbol an id
     * @return whether it is a compartment
     */
    public boolean isCompartment(String symbol) {
        return compartments.containsKey(symbol);
    }

    /**
     * Makes one ODE of the model in a graph.
     *
     * @param graph where the nodes go (its parameter inputs are the caller's)
     * @param bindings nodes that replace parameters and compartments wherever they appear (their
     *        values, rules and initial assignments in the file are then ignored)
     * @param initialValues nodes that replace the initial values of states (by state id)
     * @param initialTime t0, the time of initial assignments
     * @return the ODE's nodes
     */
    public Instance instantiate(Graph graph, Map<String, Node> bindings, Map<String, Node> initialValues,
            double initialTime) {
        for (String b : bindings.keySet()) {
            if (!parameters.containsKey(b) && !compartments.containsKey(b)) {
                throw new IllegalArgumentException(where() + "'" + b + "' is not a parameter or compartment of the "
                        + "model, so it cannot be set");
            }
        }
        for (String s : initialValues.keySet()) {
            if (!stateIds.contains(s)) {
                throw new IllegalArgumentException(where() + "'" + s + "' is not a state of the model (states: "
                        + String.join(", ", stateIds) + "), so its initial value cannot be set");
            }
        }
        return new Instance(graph, bindings, initialValues, initialTime);
    }

    /**
     * The model on its own, as a model file: its parameters are the global parameters that are
     * constant and set by no rule or initial assignment, at their SBML values, in file order; its
     * events ({@link Instance#events()}); no objective.
     *
     * @param initialTime t0
     * @param finalTime T
     * @return the compiled model
     * @throws IllegalArgumentException if an event would fire at t0 (see
     *         {@link Instance#initiallyFalseTriggers()})
     */
    public ModelFile modelFile(double initialTime, double finalTime) {
        Graph g = new Graph();
        Map<String, Node> bindings = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Parameter p : parameters.values()) {
            String pid = p.getId();
            if (p.isConstant() && p.isSetValue() && !assignmentRules.containsKey(pid) && !rateRules.containsKey(pid)
                    && !initialAssignments.containsKey(pid)) {
                bindings.put(pid, g.input(Input.PARAMETER, names.size()));
                names.add(pid);
                values.add(p.getValue());
            }
        }
        Instance instance = instantiate(g, bindings, Map.of(), initialTime);
        double[] p = new double[values.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = values.get(k);
        }
        ModelFile file = ModelFile.of(ModelDefinition.ode(id, g, stateIds(), names, instance.initialState(), p,
                instance.rhs(), initialTime, finalTime).withEvents(instance.events()), ModelFile.Compilation.COMPILED);
        double[] y0 = file.hybridProblem().problem().initialState();
        for (Map.Entry<String, Node> trigger : instance.initiallyFalseTriggers().entrySet()) {
            if (new CompiledFunction(g, trigger.getValue(), y0.length, p.length, false).value(initialTime, y0, p)
                    != 0.0) {
                throw firesAtStart(trigger.getKey(), initialTime);
            }
        }
        return file;
    }

    /**
     * @param event the event's name
     * @param t0 the initial time
     * @return the refusal of an event SBML would fire at t0
     */
    IllegalArgumentException firesAtStart(String event, double t0) {
        return new IllegalArgumentException(where() + "event " + event + " has initialValue=\"false\" and its trigger holds at t0="
                + t0 + ", so SBML fires it at t0: events at the initial time are not supported");
    }

    /** One ODE of the model: every symbol resolved to a node of one graph. */
    public final class Instance {

        private final Graph g;
        private final Map<String, Node> bindings;
        private final Map<String, Node> initialOverrides;
        private final double t0;
        private final Map<String, Node> dynamic = new HashMap<>();
        private final Map<String, Node> initial = new HashMap<>();
        private final Set<String> resolving = new HashSet<>();
        private final List<Node> rhs = new ArrayList<>();
        private final List<Node> initialState = new ArrayList<>();

        private Instance(Graph g, Map<String, Node> bindings, Map<String, Node> initialValues, double t0) {
            this.g = g;
            this.bindings = bindings;
            this.initialOverrides = initialValues;
            this.t0 = t0;
            Map<String, Node> rates = new LinkedHashMap<>();
            for (String s : stateIds) {
                rates.put(s, g.zero());
            }
            for (Reaction r : reactions.values()) {
                // The reaction's symbol is its rate: one path for the balances and for formulas
                // that name the reaction.
                Node v = symbol(r.getId(), false);
                for (SpeciesReference ref : r.getListOfReactants()) {
                    addRate(rates, ref, v, -1.0, r);
                }
                for (SpeciesReference ref : r.getListOfProducts()) {
                    addRate(rates, ref, v, 1.0, r);
                }
            }
            for (String s : stateIds) {
                ASTNode rule = rateRules.get(s);
                Node ds;
                if (rule != null) {
                    ds = walk(rule, Map.of(), false, "the rate rule for '" + s + "'");
                } else if (!species.containsKey(s)) {
                    ds = g.zero(); // a parameter only events change
                } else {
                    ds = rates.get(s);
                    Species sp = species.get(s);
                    String factor = sp.isSetConversionFactor() ? sp.getConversionFactor() : modelConversionFactor;
                    if (factor != null && !ds.isConstant(0.0)) {
                        ds = g.multiply(symbol(factor, false), ds);
                    }
                    if (!sp.getHasOnlySubstanceUnits() && !ds.isConstant(0.0)) {
                        ds = g.apply(Op.DIVIDE, ds, symbol(sp.getCompartment(), false));
                    }
                }
                rhs.add(ds);
                initialState.add(initialValue(s));
            }
        }

        private void addRate(Map<String, Node> rates, SpeciesReference ref, Node v, double sign, Reaction r) {
            Species s = species.get(ref.getSpecies());
            if (s == null) {
                throw new IllegalArgumentException(where() + "reaction '" + r.getId() + "' names species '"
                        + ref.getSpecies() + "', which the model does not have");
            }
            if (s.getBoundaryCondition() || s.getConstant() || assignmentRules.containsKey(s.getId())
                    || rateRules.containsKey(s.getId())) {
                return;
            }
            double n = ref.isSetStoichiometry() ? ref.getStoichiometry() : 1.0;
            if (n == 0.0) {
                return;
            }
            Node term = n == 1.0 ? v : g.multiply(g.constant(n), v);
            Node old = rates.get(s.getId());
            rates.put(s.getId(), sign > 0 ? g.add(old, term) : g.subtract(old, term));
        }

        /**
         * The model's events as model-file events, in file order. A trigger {@code a >= b} or
         * {@code a > b} fires where {@code g = a - b} rises through zero, {@code a <= b} and
         * {@code a < b} where it falls (SBML fires an event where its trigger turns from false to
         * true); {@code time >= tau} with {@code tau} free of the state and of time (and
         * {@code tau <= time}, and the strict forms) is a time event at {@code tau}. Every
         * assignment reads the state before the event, as SBML evaluates them all before any is
         * made. No event is terminal.
         *
         * @return the events
         * @throws IllegalArgumentException naming the event if its trigger is not one inequality
         */
        public List<ModelEvent> events() {
            List<ModelEvent> list = new ArrayList<>();
            for (SbmlEvent e : SbmlModel.this.events) {
                ASTNode trigger = e.trigger();
                ASTNode.Type type = trigger.getType();
                int direction = switch (type) {
                    case RELATIONAL_GT, RELATIONAL_GEQ -> 1;
                    case RELATIONAL_LT, RELATIONAL_LEQ -> -1;
                    default -> 0;
                };
                if (direction == 0 || trigger.getChildCount() != 2) {
                    throw refused("event triggers other than one inequality of two terms", "event '" + e.id() + "', its trigger '"
                            + type.name().toLowerCase(java.util.Locale.ROOT) + "' with " + trigger.getChildCount()
                            + " argument(s)");
                }
                String context = "the trigger of event '" + e.id() + "'";
                Node a = walk(trigger.getChild(0), Map.of(), false, context);
                Node b = walk(trigger.getChild(1), Map.of(), false, context);
                // time >= tau (or tau <= time): the trigger turns true when time reaches tau.
                Node time = null;
                if (direction > 0 && trigger.getChild(0).getType() == ASTNode.Type.NAME_TIME && !readsStateOrTime(b)) {
                    time = b;
                } else if (direction < 0 && trigger.getChild(1).getType() == ASTNode.Type.NAME_TIME
                        && !readsStateOrTime(a)) {
                    time = a;
                }
                Map<Integer, Node> jumps = new LinkedHashMap<>();
                for (Map.Entry<String, ASTNode> assignment : e.assignments().entrySet()) {
                    jumps.put(stateIds.indexOf(assignment.getKey()), walk(assignment.getValue(), Map.of(), false,
                            "event '" + e.id() + "', the assignment to '" + assignment.getKey() + "'"));
                }
                list.add(time != null ? new ModelEvent(time, null, 0, jumps, false, e.id())
                        : new ModelEvent(null, g.subtract(a, b), direction, jumps, false, e.id()));
            }
            return list;
        }

        /**
         * The triggers of the events whose {@code initialValue} is false, as 0/1 nodes: SBML fires
         * such an event at t0 if its trigger holds there, which the caller must check (the hybrid
         * adjoint does not fire events at t0).
         *
         * @return the event's name and its trigger, in file order
         */
        public Map<String, Node> initiallyFalseTriggers() {
            Map<String, Node> triggers = new LinkedHashMap<>();
            for (SbmlEvent e : SbmlModel.this.events) {
                if (!e.initialValue()) {
                    triggers.put(e.id(), walk(e.trigger(), Map.of(), false, "the trigger of event '" + e.id() + "'"));
                }
            }
            return triggers;
        }

        private boolean readsStateOrTime(Node n) {
            return new org.adjoint4j.modelfile.ir.Differentiation(g).readsStateOrTime(n);
        }

        /** @return the graph */
        public Graph graph() {
            return g;
        }

        /** @return f, one node per state of {@link #stateIds()} */
        public List<Node> rhs() {
            return List.copyOf(rhs);
        }

        /** @return y0, one node per state (over the bound parameters) */
        public List<Node> initialState() {
            return List.copyOf(initialState);
        }

        /**
         * @param symbol a species, parameter, compartment or reaction id
         * @return its value at (t, y, p): a species' concentration or amount, a rule's value, a
         *         reaction's rate
         */
        public Node value(String symbol) {
            return symbol(symbol, false);
        }

        private Node initialValue(String s) {
            Node override = initialOverrides.get(s);
            if (override != null) {
                return override;
            }
            return symbol(s, true);
        }

        /**
         * A symbol's node: at (t, y, p), or at t0 (initial: states are their initial values, time is
         * t0), memoized per mode.
         */
        private Node symbol(String name, boolean atStart) {
            Map<String, Node> memo = atStart ? initial : dynamic;
            Node known = memo.get(name);
            if (known != null) {
                return known;
            }
            String key = (atStart ? "0:" : "t:") + name;
            if (!resolving.add(key)) {
                throw new IllegalArgumentException(where() + "the definition of '" + name + "' refers to itself");
            }
            Node n = resolve(name, atStart);
            resolving.remove(key);
            memo.put(name, n);
            return n;
        }

        private Node resolve(String name, boolean atStart) {
            // A state read during the run is the state, even where a binding gives its initial
            // value (a parameter moved by a rate rule or by events).
            boolean state = stateIds.contains(name);
            if (state && !atStart) {
                return g.input(Input.STATE, stateIds.indexOf(name));
            }
            Node bound = bindings.get(name);
            if (bound != null) {
                return bound;
            }
            ASTNode rule = assignmentRules.get(name);
            if (rule != null) {
                return walk(rule, Map.of(), atStart, "the assignment rule for '" + name + "'");
            }
            if (atStart && initialOverrides.containsKey(name)) {
                return initialOverrides.get(name);
            }
            ASTNode assignment = initialAssignments.get(name);
            if (assignment != null) {
                // A symbol no rule or event sets keeps the value its initial assignment gives at t0,
                // whether or not it is declared constant (those events set are states).
                return walk(assignment, Map.of(), true, "the initial assignment of '" + name + "'");
            }
            if (compartments.containsKey(name)) {
                double size = compartments.get(name);
                if (Double.isNaN(size)) {
                    throw new IllegalArgumentException(where() + "compartment '" + name + "' has no size");
                }
                return g.constant(size);
            }
            Parameter p = parameters.get(name);
            if (p != null) {
                if (!p.isSetValue()) {
                    throw new IllegalArgumentException(where() + "parameter '" + name + "' has no value");
                }
                return g.constant(p.getValue());
            }
            Species s = species.get(name);
            if (s != null) {
                return speciesInitialValue(s);
            }
            Reaction r = reactions.get(name);
            if (r != null) {
                Map<String, Node> local = new HashMap<>();
                for (LocalParameter q : r.getKineticLaw().getListOfLocalParameters()) {
                    local.put(q.getId(), g.constant(q.getValue()));
                }
                return walk(r.getKineticLaw().getMath(), local, atStart, "the kinetic law of reaction '" + name + "'");
            }
            throw new IllegalArgumentException(where() + "'" + name + "' is not a species, parameter, compartment or "
                    + "reaction of the model");
        }

        private Node speciesInitialValue(Species s) {
            Node volume = symbol(s.getCompartment(), true);
            if (s.isSetInitialConcentration()) {
                Node c = g.constant(s.getInitialConcentration());
                return s.getHasOnlySubstanceUnits() ? g.multiply(c, volume) : c;
            }
            if (s.isSetInitialAmount()) {
                Node a = g.constant(s.getInitialAmount());
                return s.getHasOnlySubstanceUnits() ? a : g.apply(Op.DIVIDE, a, volume);
            }
            throw new IllegalArgumentException(where() + "species '" + s.getId() + "' has no initial amount, "
                    + "concentration or initial assignment");
        }

        /**
         * One MathML node to a graph node.
         *
         * @param a the node
         * @param local names bound here (local parameters of a kinetic law, a function's arguments)
         * @param atStart whether symbols mean their values at t0
         * @param context where the formula is, for messages
         */
        private Node walk(ASTNode a, Map<String, Node> local, boolean atStart, String context) {
            int k = a.getChildCount();
            int needed = switch (a.getType()) {
                case DIVIDE, POWER, FUNCTION_POWER, LOGICAL_IMPLIES, RELATIONAL_LT, RELATIONAL_LEQ, RELATIONAL_GT,
                        RELATIONAL_GEQ, RELATIONAL_EQ, RELATIONAL_NEQ -> 2;
                case MINUS, FUNCTION_ROOT, FUNCTION_LOG, FUNCTION_PIECEWISE, LOGICAL_NOT -> 1;
                default -> 0;
            };
            if (k < needed || (a.getType() == ASTNode.Type.DIVIDE || a.getType() == ASTNode.Type.POWER) && k != 2) {
                throw new IllegalArgumentException(where() + context + ": malformed MathML: '" + a.getType().name()
                        .toLowerCase(java.util.Locale.ROOT) + "' with " + k + " argument(s)");
            }
            switch (a.getType()) {
                case INTEGER:
                    return g.constant(a.getInteger());
                case REAL:
                case REAL_E:
                    return g.constant(a.getReal());
                case RATIONAL:
                    return g.constant((double) a.getNumerator() / a.getDenominator());
                case CONSTANT_E:
                    return g.constant(Math.E);
                case CONSTANT_PI:
                    return g.constant(Math.PI);
                case CONSTANT_TRUE:
                    return g.one();
                case CONSTANT_FALSE:
                    return g.zero();
                case NAME_TIME:
                    return atStart ? g.constant(t0) : g.input(Input.TIME, 0);
                case NAME_AVOGADRO:
                    return g.constant(AVOGADRO);
                case NAME: {
                    Node n = local.get(a.getName());
                    return n != null ? n : symbol(a.getName(), atStart);
                }
                case PLUS:
                    return chain(a, Op.ADD, g.zero(), local, atStart, context);
                case MINUS:
                    if (k == 1) {
                        return g.negate(walk(a.getChild(0), local, atStart, context));
                    }
                    return g.subtract(walk(a.getChild(0), local, atStart, context),
                            walk(a.getChild(1), local, atStart, context));
                case TIMES:
                    return chain(a, Op.MULTIPLY, g.one(), local, atStart, context);
                case DIVIDE:
                    return g.apply(Op.DIVIDE, walk(a.getChild(0), local, atStart, context),
                            walk(a.getChild(1), local, atStart, context));
                case POWER:
                case FUNCTION_POWER:
                    return Elaborator.power(g, walk(a.getChild(0), local, atStart, context),
                            walk(a.getChild(1), local, atStart, context));
                case FUNCTION_ROOT: {
                    if (k == 1) {
                        return g.apply(Op.SQRT, walk(a.getChild(0), local, atStart, context));
                    }
                    Node degree = walk(a.getChild(0), local, atStart, context);
                    Node x = walk(a.getChild(1), local, atStart, context);
                    return degree.isConstant(2.0) ? g.apply(Op.SQRT, x)
                            : g.apply(Op.POWER, x, g.apply(Op.DIVIDE, g.one(), degree));
                }
                case FUNCTION_LOG: {
                    if (k == 1) {
                        return g.apply(Op.LOG10, walk(a.getChild(0), local, atStart, context));
                    }
                    Node base = walk(a.getChild(0), local, atStart, context);
                    Node x = walk(a.getChild(1), local, atStart, context);
                    return base.isConstant(10.0) ? g.apply(Op.LOG10, x)
                            : g.apply(Op.DIVIDE, g.apply(Op.LOG, x), g.apply(Op.LOG, base));
                }
                case FUNCTION_PIECEWISE:
                    return piece(a, 0, local, atStart, context);
                case RELATIONAL_LT:
                    return relation(a, Op.LESS, false, local, atStart, context);
                case RELATIONAL_LEQ:
                    return relation(a, Op.LESS_EQUAL, false, local, atStart, context);
                case RELATIONAL_GT:
                    return relation(a, Op.LESS, true, local, atStart, context);
                case RELATIONAL_GEQ:
                    return relation(a, Op.LESS_EQUAL, true, local, atStart, context);
                case RELATIONAL_EQ:
                    return relation(a, Op.EQUAL, false, local, atStart, context);
                case RELATIONAL_NEQ:
                    return relation(a, Op.NOT_EQUAL, false, local, atStart, context);
                case LOGICAL_AND:
                    return chain(a, Op.AND, g.one(), local, atStart, context);
                case LOGICAL_OR:
                    return chain(a, Op.OR, g.zero(), local, atStart, context);
                case LOGICAL_NOT:
                    return g.apply(Op.NOT, walk(a.getChild(0), local, atStart, context));
                case LOGICAL_XOR: {
                    Node s = g.zero();
                    for (int i = 0; i < k; i++) {
                        Node c = g.apply(Op.NOT, g.apply(Op.NOT, walk(a.getChild(i), local, atStart, context)));
                        s = g.apply(Op.NOT_EQUAL, s, c);
                    }
                    return s;
                }
                case LOGICAL_IMPLIES:
                    return g.apply(Op.OR, g.apply(Op.NOT, walk(a.getChild(0), local, atStart, context)),
                            walk(a.getChild(1), local, atStart, context));
                case FUNCTION: {
                    FunctionDefinition f = functions.get(a.getName());
                    if (f == null) {
                        throw new IllegalArgumentException(where() + context + " calls '" + a.getName()
                                + "', which is not a function definition of the model");
                    }
                    if (f.getArgumentCount() != k) {
                        throw new IllegalArgumentException(where() + context + " calls '" + a.getName() + "' with "
                                + k + " arguments; it takes " + f.getArgumentCount());
                    }
                    Map<String, Node> arguments = new HashMap<>();
                    for (int i = 0; i < k; i++) {
                        arguments.put(f.getArgument(i).getName(), walk(a.getChild(i), local, atStart, context));
                    }
                    return walk(f.getBody(), arguments, atStart, "function '" + f.getId() + "'");
                }
                case FUNCTION_DELAY:
                    throw refused("delays", context);
                case FUNCTION_RATE_OF:
                    throw refused("rateOf", context);
                default:
                    return elementary(a, local, atStart, context);
            }
        }

        /** An n-ary operation folded from the left: its value with no arguments is {@code empty}. */
        private Node chain(ASTNode a, Op op, Node empty, Map<String, Node> local, boolean atStart, String context) {
            int k = a.getChildCount();
            Node s = k == 0 ? empty : walk(a.getChild(0), local, atStart, context);
            for (int i = 1; i < k; i++) {
                s = g.apply(op, s, walk(a.getChild(i), local, atStart, context));
            }
            return s;
        }

        /** The elementary functions, lowered as model files lower them. */
        private Node elementary(ASTNode a, Map<String, Node> local, boolean atStart, String context) {
            String f;
            switch (a.getType()) {
                case FUNCTION_EXP: f = "exp"; break;
                case FUNCTION_LN: f = "log"; break;
                case FUNCTION_ABS: f = "abs"; break;
                case FUNCTION_FLOOR: f = "floor"; break;
                case FUNCTION_CEILING: f = "ceil"; break;
                case FUNCTION_SIN: f = "sin"; break;
                case FUNCTION_COS: f = "cos"; break;
                case FUNCTION_TAN: f = "tan"; break;
                case FUNCTION_SINH: f = "sinh"; break;
                case FUNCTION_COSH: f = "cosh"; break;
                case FUNCTION_TANH: f = "tanh"; break;
                case FUNCTION_ARCSIN: f = "asin"; break;
                case FUNCTION_ARCCOS: f = "acos"; break;
                case FUNCTION_ARCTAN: f = "atan"; break;
                case FUNCTION_MAX: f = "max"; break;
                case FUNCTION_MIN: f = "min"; break;
                default:
                    throw refused("MathML '" + a.getType().name().toLowerCase(java.util.Locale.ROOT) + "' elements",
                            context);
            }
            Node[] x = new Node[a.getChildCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = walk(a.getChild(i), local, atStart, context);
            }
            if ((f.equals("max") || f.equals("min")) && x.length == 1) {
                return x[0];
            }
            if (!f.equals("max") && !f.equals("min") && x.length != 1) {
                throw new IllegalArgumentException(where() + context + ": " + f + " takes one argument, got "
                        + x.length);
            }
            return Elaborator.function(g, f, x);
        }

        /** a &lt; b &lt; c ... as the conjunction of neighbours; {@code flip} reads the relation right to left. */
        private Node relation(ASTNode a, Op op, boolean flip, Map<String, Node> local, boolean atStart,
                String context) {
            Node result = null;
            Node left = walk(a.getChild(0), local, atStart, context);
            for (int i = 1; i < a.getChildCount(); i++) {
                Node right = walk(a.getChild(i), local, atStart, context);
                Node r = flip ? g.apply(op, right, left) : g.apply(op, left, right);
                result = result == null ? r : g.apply(Op.AND, result, r);
                left = right;
            }
            return result == null ? g.one() : result;
        }

        /** piecewise(v1, c1, v2, c2, ..., [otherwise]): JSBML keeps the pieces flat in this order. */
        private Node piece(ASTNode a, int i, Map<String, Node> local, boolean atStart, String context) {
            int k = a.getChildCount();
            if (i == k - 1) {
                return walk(a.getChild(i), local, atStart, context);
            }
            if (i >= k) {
                // No otherwise and no condition held: SBML leaves it undefined; NaN makes that visible.
                return g.constant(Double.NaN);
            }
            Node c = walk(a.getChild(i + 1), local, atStart, context);
            if (c.isConstant()) {
                return c.value() != 0.0 ? walk(a.getChild(i), local, atStart, context)
                        : piece(a, i + 2, local, atStart, context);
            }
            return g.select(c, walk(a.getChild(i), local, atStart, context), piece(a, i + 2, local, atStart, context));
        }
    }
}
