package org.adjoint4j.modelfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Input;
import org.adjoint4j.modelfile.ir.Node;
import org.adjoint4j.modelfile.lang.ExpressionException;
import org.adjoint4j.modelfile.lang.Parser;
import org.adjoint4j.modelfile.lang.Syntax;

/**
 * Reads the JSON of a model file into a {@link ModelDefinition}: strict (an unknown or repeated key
 * is an error naming it, with the nearest known key), in file order (a constant or derived quantity
 * can use only earlier ones), every message naming the file, the entry and the position.
 */
final class ModelReader {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Set<String> TOP = Set.of("name", "description", "constants", "states", "parameters",
            "controls", "let", "rhs", "time", "objective", "observables", "events", "conditions", "noise");
    private static final Set<String> STATE_KEYS = Set.of("size", "initial", "bounds", "scale", "prior");
    private static final Set<String> VALUE_KEYS = Set.of("size", "value");
    private static final Set<String> PARAMETER_KEYS = Set.of("size", "value", "bounds", "scale", "prior");
    private static final Set<String> PRIOR_KEYS = Set.of("normal", "uniform");
    private static final Set<String> NOISE_KEYS = Set.of("distribution", "sigma");
    private static final Set<String> OBJECTIVE_KEYS = Set.of("terminal", "running");
    private static final Set<String> EVENT_KEYS = Set.of("at", "when", "direction", "set", "terminate");
    private static final Set<String> RESERVED = Set.of("t", "pi", "e");

    private final String where;
    private final Graph g = new Graph();
    private final Scope scope = new Scope();
    private final List<String> stateNames = new ArrayList<>();
    private final List<String> parameterNames = new ArrayList<>();
    private final List<Double> parameterValues = new ArrayList<>();
    private final Map<String, Scope.Symbol> states = new LinkedHashMap<>();
    private final Map<String, FitSpecification> fitSpecifications = new LinkedHashMap<>();

    private ModelReader(String where) {
        this.where = where;
    }

    /**
     * @param json the file's text
     * @param source the file's name, for messages
     * @return the elaborated model
     * @throws IllegalArgumentException naming the file, the entry and the position of any problem
     */
    static ModelDefinition read(String json, String source) {
        String where = "model file " + source;
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": the top level must be a JSON object");
        }
        return new ModelReader(where).model(root);
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(where + ": " + message);
    }

    private void requireKnownKeys(JsonNode node, Set<String> known, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!known.contains(key)) {
                throw error("unknown key \"" + key + "\"" + (what.isEmpty() ? "" : " in " + what) + suggestion(key,
                        known) + " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    /** The known key nearest to a misspelt one, if it is within two edits. */
    static String suggestion(String key, Set<String> known) {
        String best = null;
        int distance = 3;
        for (String k : known) {
            int d = editDistance(key, k);
            if (d < distance) {
                distance = d;
                best = k;
            }
        }
        return best == null ? "" : ": did you mean \"" + best + "\"?";
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int up = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = up;
            }
        }
        return row[b.length()];
    }

    private ModelDefinition model(JsonNode root) {
        requireKnownKeys(root, TOP, "");
        String name = root.has("name") ? text(root.get("name"), "name") : "model";
        if (root.has("description")) {
            text(root.get("description"), "description");
        }
        define(new Scope.Symbol("t", Scope.Kind.TIME, List.of(g.input(Input.TIME, 0)), false));
        define(new Scope.Symbol("pi", Scope.Kind.CONSTANT, List.of(g.constant(Math.PI)), false));
        define(new Scope.Symbol("e", Scope.Kind.CONSTANT, List.of(g.constant(Math.E)), false));
        JsonNode lets = object(root, "let");
        for (Iterator<String> it = lets.fieldNames(); it.hasNext();) {
            scope.announce(it.next(), "derived quantity (let) defined later in the file");
        }
        constants(object(root, "constants"));
        parameters(object(root, "parameters"), "parameters", Scope.Kind.PARAMETER);
        JsonNode controlsNode = object(root, "controls");
        int firstControl = parameterNames.size();
        parameters(controlsNode, "controls", Scope.Kind.PARAMETER);
        List<String> controls = List.copyOf(parameterNames.subList(firstControl, parameterNames.size()));
        JsonNode statesNode = required(root, "states");
        if (!statesNode.isObject() || statesNode.size() == 0) {
            throw error("\"states\" must be an object of states by name, with at least one");
        }
        List<Node> initial = states(statesNode);
        derived(lets);
        List<Node> rhs = rhs(required(root, "rhs"));
        double[] time = time(required(root, "time"));
        Node terminal = null;
        Node running = null;
        if (root.has("objective")) {
            JsonNode o = root.get("objective");
            if (!o.isObject()) {
                throw error("\"objective\" must be an object with \"terminal\" and/or \"running\"");
            }
            requireKnownKeys(o, OBJECTIVE_KEYS, "objective");
            if (o.has("terminal")) {
                terminal = expression(text(o.get("terminal"), "objective.terminal"), "objective.terminal", null, 0);
            }
            if (o.has("running")) {
                running = expression(text(o.get("running"), "objective.running"), "objective.running", null, 0);
            }
        }
        Map<String, Node> observables = new LinkedHashMap<>();
        JsonNode obs = object(root, "observables");
        for (Iterator<Map.Entry<String, JsonNode>> it = obs.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            checkName(e.getKey(), "observables");
            observables.put(e.getKey(), expression(text(e.getValue(), "observables." + e.getKey()),
                    "observable " + e.getKey(), null, 0));
        }
        List<ModelEvent> events = events(root.has("events") ? root.get("events") : null);
        Map<String, Map<String, Double>> conditions = conditions(object(root, "conditions"));
        Map<String, NoiseSpecification> noise = noise(object(root, "noise"), observables.keySet());
        double[] p = new double[parameterValues.size()];
        for (int j = 0; j < p.length; j++) {
            p[j] = parameterValues.get(j);
        }
        return new ModelDefinition(name, g, List.copyOf(stateNames), List.copyOf(parameterNames), List.copyOf(initial),
                p, List.copyOf(rhs), terminal, running, observables, time[0], time[1], controls, events,
                java.util.Collections.unmodifiableMap(fitSpecifications), java.util.Collections.unmodifiableMap(conditions),
                java.util.Collections.unmodifiableMap(noise));
    }

    private void define(Scope.Symbol symbol) {
        try {
            scope.define(symbol);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private JsonNode object(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null) {
            return MAPPER.createObjectNode();
        }
        if (!n.isObject()) {
            throw error("\"" + field + "\" must be an object of entries by name");
        }
        return n;
    }

    private JsonNode required(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null) {
            throw error("missing \"" + field + "\"");
        }
        return n;
    }

    private String text(JsonNode n, String field) {
        if (!n.isTextual()) {
            throw error("\"" + field + "\" must be a string, got " + n);
        }
        return n.asText();
    }

    private void checkName(String name, String section) {
        if (!Parser.isName(name)) {
            throw error("\"" + name + "\" in " + section + " is not a name (letters, digits and underscores, not "
                    + "starting with a digit)");
        }
        if (Elaborator.FUNCTIONS.containsKey(name)) {
            throw error("name '" + name + "' in " + section + " is a function name");
        }
        if (RESERVED.contains(name)) {
            throw error("name '" + name + "' in " + section + " is predefined (" + (name.equals("t") ? "t is time"
                    : name + " is the constant") + ")");
        }
    }

    /**
     * Elaborates one expression.
     *
     * @param text the expression
     * @param entry the entry, for messages
     * @param index the name of the index variable, or null
     * @param i its value
     */
    private Node expression(String text, String entry, String index, int i) {
        Syntax syntax;
        try {
            syntax = Parser.parse(text);
        } catch (ExpressionException e) {
            throw error(entry + ": " + e.getMessage());
        }
        return elaborate(syntax, text, entry, index, i);
    }

    private Node elaborate(Syntax syntax, String text, String entry, String index, int i) {
        if (index != null) {
            scope.bind(index, new Scope.Symbol(index, Scope.Kind.INDEX, List.of(g.constant(i)), false));
        }
        try {
            return new Elaborator(g, scope, text).node(syntax);
        } catch (ExpressionException e) {
            throw error(entry + (index == null ? "" : " (" + index + " = " + i + ")") + ": " + e.getMessage());
        } finally {
            if (index != null) {
                scope.bind(index, null);
            }
        }
    }

    private Node valueOf(JsonNode v, String entry, String index, int i) {
        if (v.isNumber()) {
            double x = v.asDouble();
            if (!Double.isFinite(x)) {
                throw error(entry + " is " + x);
            }
            return g.constant(x);
        }
        if (v.isTextual()) {
            return expression(v.asText(), entry, index, i);
        }
        throw error(entry + " must be a number or an expression, got " + v);
    }

    private double number(JsonNode v, String entry, String index, int i) {
        Node n = valueOf(v, entry, index, i);
        if (!n.isConstant()) {
            throw error(entry + " must be a number (an expression of constants), but it depends on states, "
                    + "parameters or time");
        }
        if (!Double.isFinite(n.value())) {
            throw error(entry + " is " + n.value());
        }
        return n.value();
    }

    private int size(JsonNode v, String entry) {
        double x = number(v, entry + ".size", null, 0);
        if (x != Math.rint(x) || x < 1 || x > 10_000_000) {
            throw error(entry + ".size must be a positive integer, got " + x);
        }
        return (int) x;
    }

    private void constants(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            checkName(e.getKey(), "constants");
            double x = number(e.getValue(), "constant " + e.getKey(), null, 0);
            define(new Scope.Symbol(e.getKey(), Scope.Kind.CONSTANT, List.of(g.constant(x)), false));
        }
    }

    private void parameters(JsonNode node, String section, Scope.Kind kind) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            checkName(name, section);
            JsonNode v = e.getValue();
            String entry = section.substring(0, section.length() - 1) + " " + name;
            if (v.isObject()) {
                requireKnownKeys(v, PARAMETER_KEYS, section + "." + name);
                int size = v.has("size") ? size(v.get("size"), entry) : 0;
                if (!v.has("value")) {
                    throw error(entry + " needs a \"value\"");
                }
                List<Node> elements = new ArrayList<>();
                for (int i = 0; i < Math.max(size, 1); i++) {
                    String element = size > 0 ? name + "[" + i + "]" : name;
                    double x = number(v.get("value"), entry + ".value", size > 0 ? "i" : null, i);
                    elements.add(g.input(Input.PARAMETER, parameterNames.size()));
                    parameterNames.add(element);
                    parameterValues.add(x);
                    fitSpecification(v, entry, element, x);
                }
                define(new Scope.Symbol(name, kind, elements, size > 0));
            } else {
                double x = number(v, entry, null, 0);
                define(new Scope.Symbol(name, kind, List.of(g.input(Input.PARAMETER, parameterNames.size())),
                        false));
                parameterNames.add(name);
                parameterValues.add(x);
            }
        }
    }

    /**
     * Bounds, scale and prior of one quantity, where its entry gives any.
     *
     * @param v the entry
     * @param entry the entry's name, for messages
     * @param quantity the flattened quantity ({@code k[2]}, {@code y0.I})
     * @param value its value, checked against the bounds (NaN: an initial value, checked when fitted)
     */
    private void fitSpecification(JsonNode v, String entry, String quantity, double value) {
        if (!v.has("bounds") && !v.has("scale") && !v.has("prior")) {
            return;
        }
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        if (v.has("bounds")) {
            double[] b = range(v.get("bounds"), entry + ".bounds", true);
            lower = b[0];
            upper = b[1];
        }
        String scale = null;
        if (v.has("scale")) {
            scale = text(v.get("scale"), entry + ".scale");
            if (!scale.equals("log") && !scale.equals("lin")) {
                throw error(entry + ".scale must be \"log\" or \"lin\", got \"" + scale + "\"");
            }
        }
        double mean = Double.NaN;
        double deviation = Double.NaN;
        if (v.has("prior")) {
            JsonNode prior = v.get("prior");
            if (!prior.isObject() || prior.size() != 1) {
                throw error(entry + ".prior must be {\"normal\": [mean, sd]} or {\"uniform\": [low, high]}, got " + prior);
            }
            requireKnownKeys(prior, PRIOR_KEYS, entry + ".prior");
            if (prior.has("normal")) {
                double[] ms = range(prior.get("normal"), entry + ".prior.normal", false);
                if (!(ms[1] > 0) || !Double.isFinite(ms[0]) || !Double.isFinite(ms[1])) {
                    throw error(entry + ".prior.normal must be [mean, sd] with sd > 0, got " + prior.get("normal"));
                }
                mean = ms[0];
                deviation = ms[1];
            } else {
                if (v.has("bounds")) {
                    throw error(entry + " has both \"bounds\" and a uniform prior: give one");
                }
                double[] b = range(prior.get("uniform"), entry + ".prior.uniform", true);
                lower = b[0];
                upper = b[1];
            }
        }
        if (!Double.isNaN(value) && (value < lower || value > upper)) {
            throw error(entry + ": the value " + value + " is outside its bounds [" + lower + ", " + upper + "]");
        }
        fitSpecifications.put(quantity, new FitSpecification(quantity, lower, upper, scale, mean, deviation));
    }

    /** [a, b] of numbers; with {@code ordered}, a < b and null for an open side. */
    private double[] range(JsonNode node, String entry, boolean ordered) {
        if (!node.isArray() || node.size() != 2) {
            throw error(entry + " must be a list of two numbers, got " + node);
        }
        double[] r = new double[2];
        for (int k = 0; k < 2; k++) {
            JsonNode x = node.get(k);
            if (ordered && x.isNull()) {
                r[k] = k == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            } else {
                r[k] = number(x, entry + "[" + k + "]", null, 0);
            }
        }
        if (ordered && !(r[0] < r[1])) {
            throw error(entry + " must have low < high, got " + node);
        }
        return r;
    }

    /** Named experimental conditions: values of parameters and initial states, by flattened name. */
    private Map<String, Map<String, Double>> conditions(JsonNode node) {
        Map<String, Map<String, Double>> conditions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> c = it.next();
            String entry = "conditions." + c.getKey();
            if (!c.getValue().isObject()) {
                throw error(entry + " must be an object of values by parameter or y0.<state>");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> v = c.getValue().fields(); v.hasNext();) {
                Map.Entry<String, JsonNode> x = v.next();
                String name = x.getKey();
                boolean known = parameterNames.contains(name)
                        || name.startsWith("y0.") && stateNames.contains(name.substring(3));
                if (!known) {
                    Set<String> all = new java.util.TreeSet<>(parameterNames);
                    for (String state : stateNames) {
                        all.add("y0." + state);
                    }
                    throw error(entry + ": \"" + name + "\" is neither a parameter nor an initial state y0.<state>"
                            + suggestion(name, all) + " (known: " + String.join(", ", all) + ")");
                }
                values.put(name, number(x.getValue(), entry + "." + name, null, 0));
            }
            conditions.put(c.getKey(), java.util.Collections.unmodifiableMap(values));
        }
        return conditions;
    }

    /** Noise models of measured quantities. */
    private Map<String, NoiseSpecification> noise(JsonNode node, Set<String> observables) {
        Map<String, NoiseSpecification> noise = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String entry = "noise." + name;
            if (!stateNames.contains(name) && !observables.contains(name)) {
                Set<String> all = new java.util.TreeSet<>(stateNames);
                all.addAll(observables);
                throw error(entry + ": \"" + name + "\" is neither a state nor an observable" + suggestion(name, all)
                        + " (known: " + String.join(", ", all) + ")");
            }
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                throw error(entry + " must be {\"distribution\": \"normal\" | \"lognormal\", \"sigma\": number}");
            }
            requireKnownKeys(v, NOISE_KEYS, entry);
            String distribution = v.has("distribution") ? text(v.get("distribution"), entry + ".distribution")
                    : "normal";
            if (!distribution.equals("normal") && !distribution.equals("lognormal")) {
                throw error(entry + ".distribution must be \"normal\" or \"lognormal\", got \"" + distribution + "\"");
            }
            double sigma = Double.NaN;
            if (v.has("sigma")) {
                sigma = number(v.get("sigma"), entry + ".sigma", null, 0);
                if (!(sigma > 0)) {
                    throw error(entry + ".sigma must be > 0, got " + sigma);
                }
            }
            noise.put(name, new NoiseSpecification(name, distribution.equals("lognormal"), sigma));
        }
        return noise;
    }

    /** States are defined first (so initial values can refer to one another's sizes, not values). */
    private List<Node> states(JsonNode node) {
        List<Object[]> initials = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            checkName(name, "states");
            JsonNode v = e.getValue();
            if (v.isObject()) {
                requireKnownKeys(v, STATE_KEYS, "states." + name);
                int size = v.has("size") ? size(v.get("size"), "state " + name) : 0;
                if (!v.has("initial")) {
                    throw error("state " + name + " needs an \"initial\" value");
                }
                List<Node> elements = new ArrayList<>();
                for (int i = 0; i < Math.max(size, 1); i++) {
                    elements.add(g.input(Input.STATE, stateNames.size()));
                    stateNames.add(size > 0 ? name + "[" + i + "]" : name);
                    fitSpecification(v, "state " + name, "y0." + stateNames.get(stateNames.size() - 1), Double.NaN);
                    initials.add(new Object[] {v.get("initial"), "state " + name + ".initial", size > 0 ? "i" : null, i});
                }
                Scope.Symbol s = new Scope.Symbol(name, Scope.Kind.STATE, elements, size > 0);
                states.put(name, s);
            } else {
                Scope.Symbol s = new Scope.Symbol(name, Scope.Kind.STATE, List.of(g.input(Input.STATE,
                        stateNames.size())), false);
                stateNames.add(name);
                states.put(name, s);
                initials.add(new Object[] {v, "state " + name, null, 0});
            }
        }
        // Initial values are expressions of constants and parameters, evaluated before the states exist.
        List<Node> initial = new ArrayList<>();
        for (Object[] x : initials) {
            Node n = valueOf((JsonNode) x[0], (String) x[1], (String) x[2], (Integer) x[3]);
            initial.add(n);
        }
        for (Scope.Symbol s : states.values()) {
            define(s);
        }
        return initial;
    }

    private void derived(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            checkName(name, "let");
            JsonNode v = e.getValue();
            scope.announce(name, "derived quantity (let) whose own definition is being read: a cycle");
            if (v.isObject()) {
                requireKnownKeys(v, VALUE_KEYS, "let." + name);
                int size = v.has("size") ? size(v.get("size"), "let " + name) : 0;
                if (!v.has("value")) {
                    throw error("let " + name + " needs a \"value\"");
                }
                String text = text(v.get("value"), "let." + name + ".value");
                Syntax syntax = parse(text, "let " + name);
                List<Node> elements = new ArrayList<>();
                for (int i = 0; i < Math.max(size, 1); i++) {
                    elements.add(elaborate(syntax, text, "let " + name, size > 0 ? "i" : null, i));
                }
                define(new Scope.Symbol(name, Scope.Kind.DERIVED, elements, size > 0));
            } else {
                Node n = expression(text(v, "let." + name), "let " + name, null, 0);
                define(new Scope.Symbol(name, Scope.Kind.DERIVED, List.of(n), false));
            }
        }
    }

    private Syntax parse(String text, String entry) {
        try {
            return Parser.parse(text);
        } catch (ExpressionException e) {
            throw error(entry + ": " + e.getMessage());
        }
    }

    private List<Node> rhs(JsonNode node) {
        if (!node.isObject()) {
            throw error("\"rhs\" must be an object of expressions by state");
        }
        Node[] rhs = new Node[stateNames.size()];
        String[] from = new String[stateNames.size()];
        // Whole arrays ("u[i]") first, then single elements and scalars, which override them.
        for (int pass = 0; pass < 2; pass++) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                int open = key.indexOf('[');
                String name = open < 0 ? key : key.substring(0, open);
                Scope.Symbol s = states.get(name);
                if (s == null) {
                    throw error("rhs \"" + key + "\" is not a state (states: " + String.join(", ", states.keySet())
                            + ")" + suggestion(name, states.keySet()));
                }
                String text = text(e.getValue(), "rhs." + key);
                if (open < 0) {
                    if (pass == 1) {
                        if (s.array()) {
                            throw error("rhs \"" + key + "\": state " + name + " is an array: write \"" + name
                                    + "[i]\" for every element, or \"" + name + "[3]\" for one");
                        }
                        rhs[stateNames.indexOf(name)] = expression(text, "rhs of " + name, null, 0);
                    }
                    continue;
                }
                if (!key.endsWith("]") || !s.array()) {
                    throw error("rhs \"" + key + "\": " + (s.array() ? "expected " + name + "[i] or " + name + "[k]"
                            : "state " + name + " is not an array"));
                }
                String inner = key.substring(open + 1, key.length() - 1).trim();
                int first = stateNames.indexOf(name + "[0]");
                if (Parser.isName(inner)) {
                    if (pass == 0) {
                        Syntax syntax = parse(text, "rhs of " + key);
                        for (int i = 0; i < s.elements().size(); i++) {
                            rhs[first + i] = elaborate(syntax, text, "rhs of " + key, inner, i);
                            from[first + i] = key;
                        }
                    }
                } else if (pass == 1) {
                    int k;
                    try {
                        k = Integer.parseInt(inner);
                    } catch (NumberFormatException ex) {
                        throw error("rhs \"" + key + "\": the index must be a name (all elements) or an integer");
                    }
                    if (k < 0 || k >= s.elements().size()) {
                        throw error("rhs \"" + key + "\": index " + k + " is out of range for " + name + " (size "
                                + s.elements().size() + ")");
                    }
                    rhs[first + k] = expression(text, "rhs of " + key, null, 0);
                }
            }
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < rhs.length; i++) {
            if (rhs[i] == null) {
                throw error("state '" + stateNames.get(i) + "' has no rhs expression");
            }
            out.add(rhs[i]);
        }
        return out;
    }

    private double[] time(JsonNode time) {
        if (!time.isArray() || time.size() != 2) {
            throw error("\"time\" must be [t0, t1], got " + time);
        }
        double t0 = number(time.get(0), "time[0]", null, 0);
        double t1 = number(time.get(1), "time[1]", null, 0);
        if (!(t1 > t0)) {
            throw error("\"time\" must have t0 < t1, got [" + t0 + ", " + t1 + "]");
        }
        return new double[] {t0, t1};
    }

    private List<ModelEvent> events(JsonNode node) {
        List<ModelEvent> events = new ArrayList<>();
        if (node == null) {
            return events;
        }
        if (!node.isArray()) {
            throw error("\"events\" must be a list of events");
        }
        for (int k = 0; k < node.size(); k++) {
            JsonNode e = node.get(k);
            String entry = "events[" + k + "]";
            if (!e.isObject()) {
                throw error(entry + " must be an object");
            }
            requireKnownKeys(e, EVENT_KEYS, entry);
            if (e.has("at") == e.has("when")) {
                throw error(entry + " needs exactly one of \"at\" (a time) and \"when\" (a zero crossing)");
            }
            Node at = null;
            Node when = null;
            if (e.has("at")) {
                at = valueOf(e.get("at"), entry + ".at", null, 0);
                if (dependsOnState(at)) {
                    throw error(entry + ".at must depend on constants and parameters only; use \"when\" for a "
                            + "condition on the state");
                }
            } else {
                when = expression(text(e.get("when"), entry + ".when"), entry + ".when", null, 0);
            }
            int direction = 0;
            if (e.has("direction")) {
                if (at != null) {
                    throw error(entry + ": \"direction\" applies to \"when\" events only");
                }
                String d = text(e.get("direction"), entry + ".direction");
                switch (d) {
                    case "rising":
                        direction = 1;
                        break;
                    case "falling":
                        direction = -1;
                        break;
                    case "either":
                        break;
                    default:
                        throw error(entry + ".direction must be rising, falling or either, got '" + d + "'");
                }
            }
            Map<Integer, Node> jumps = new LinkedHashMap<>();
            if (e.has("set")) {
                JsonNode set = e.get("set");
                if (!set.isObject()) {
                    throw error(entry + ".set must be an object of new values by state");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> j = it.next();
                    int i = stateNames.indexOf(j.getKey());
                    if (i < 0) {
                        throw error(entry + ".set: \"" + j.getKey() + "\" is not a state (states: "
                                + String.join(", ", stateNames) + ")");
                    }
                    jumps.put(i, expression(text(j.getValue(), entry + ".set." + j.getKey()), entry + ".set."
                            + j.getKey(), null, 0));
                }
            }
            boolean terminate = false;
            if (e.has("terminate")) {
                if (!e.get("terminate").isBoolean()) {
                    throw error(entry + ".terminate must be true or false");
                }
                terminate = e.get("terminate").asBoolean();
            }
            if (jumps.isEmpty() && !terminate) {
                throw error(entry + " does nothing: give \"set\" and/or \"terminate\": true");
            }
            events.add(new ModelEvent(at, when, direction, jumps, terminate, entry));
        }
        return events;
    }

    private boolean dependsOnState(Node n) {
        return new org.adjoint4j.modelfile.ir.Differentiation(g).readsStateOrTime(n);
    }
}
