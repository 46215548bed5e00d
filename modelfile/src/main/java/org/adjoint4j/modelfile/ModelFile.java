package org.adjoint4j.modelfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.ReverseModeOde;

/**
 * A model without Java code, read from JSON (the command-line contract's model files):
 * <pre>
 * {
 *   "name": "lotka-volterra",
 *   "states":     {"x": 1.0, "y": 1.0},
 *   "parameters": {"a": 1.5, "b": 1.0, "c": 3.0, "d": 1.0},
 *   "rhs":        {"x": "a*x - b*x*y", "y": "-c*y + d*x*y"},
 *   "time":       [0, 10],
 *   "objective":  {"terminal": "0.5*x^2", "running": "x*y"}
 * }
 * </pre>
 * An optional {@code "controls": {"u": 0.0}} declares controls for {@code ./adjoint4j control}:
 * names the rhs and the objective may use like parameters, with the value a gradient or fit holds
 * them at.
 * States and parameters keep the file's order. Expressions are compiled once and differentiated by
 * the reverse-mode tape. Errors name the file and the field, with the line and column of a JSON
 * syntax error or the position inside an expression.
 *
 * @param name the model's name
 * @param model the compiled right-hand side
 * @param parameters p, in the file's order
 * @param initialState y0, in the file's order
 * @param initialTime t0
 * @param finalTime T
 * @param objective J
 * @param controls the control names (the model's last parameters), empty without controls
 */
public record ModelFile(String name, ExpressionModel model, double[] parameters, double[] initialState,
        double initialTime, double finalTime, Objective objective, List<String> controls) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads and compiles a model file.
     *
     * @param path the file
     * @return the model
     * @throws IllegalArgumentException naming the file, the field and the position of any problem
     */
    public static ModelFile read(Path path) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + path + " does not exist");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model file " + path + ": line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("model file " + path + " cannot be read: " + e.getMessage());
        }
        return parse(root, path.toString());
    }

    static ModelFile parse(JsonNode root, String source) {
        String where = "model file " + source;
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": the top level must be a JSON object");
        }
        String name = root.has("name") ? text(root.get("name"), where, "name") : "model";
        Map<String, Double> states = numbers(required(root, "states", where), where, "states");
        Map<String, Double> parameters = numbers(root.has("parameters") ? root.get("parameters") : MAPPER
                .createObjectNode(), where, "parameters");
        Map<String, Double> controls = numbers(root.has("controls") ? root.get("controls") : MAPPER
                .createObjectNode(), where, "controls");
        for (String c : controls.keySet()) {
            if (parameters.containsKey(c) || states.containsKey(c)) {
                throw new IllegalArgumentException(where + ": control \"" + c + "\" is also a state or parameter");
            }
        }
        JsonNode rhsNode = required(root, "rhs", where);
        if (!rhsNode.isObject()) {
            throw new IllegalArgumentException(where + ": \"rhs\" must be an object of expressions by state");
        }
        Map<String, String> rhs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rhsNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            rhs.put(e.getKey(), text(e.getValue(), where, "rhs." + e.getKey()));
        }
        JsonNode time = required(root, "time", where);
        if (!time.isArray() || time.size() != 2 || !time.get(0).isNumber() || !time.get(1).isNumber()) {
            throw new IllegalArgumentException(where + ": \"time\" must be [t0, t1], got " + time);
        }
        double t0 = time.get(0).asDouble();
        double t1 = time.get(1).asDouble();
        List<String> stateNames = new ArrayList<>(states.keySet());
        List<String> parameterNames = new ArrayList<>(parameters.keySet());
        parameterNames.addAll(controls.keySet()); // controls act as parameters in expressions
        ExpressionModel model;
        try {
            model = new ExpressionModel(stateNames, parameterNames, rhs);
        } catch (ExpressionException e) {
            throw new IllegalArgumentException(where + ": rhs of " + stateOf(rhs, e.expression()) + ": "
                    + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        Objective objective = Objective.none();
        if (root.has("objective")) {
            JsonNode o = root.get("objective");
            if (!o.isObject()) {
                throw new IllegalArgumentException(where + ": \"objective\" must be an object");
            }
            for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
                String key = it.next();
                if (!key.equals("terminal") && !key.equals("running")) {
                    throw new IllegalArgumentException(where + ": unknown objective term \"" + key
                            + "\" (terminal, running)");
                }
            }
            if (o.has("terminal")) {
                objective = objective.withTerminal(function(text(o.get("terminal"), where, "objective.terminal"),
                        stateNames, parameterNames, where, "objective.terminal"));
            }
            if (o.has("running")) {
                objective = objective.withRunning(function(text(o.get("running"), where, "objective.running"),
                        stateNames, parameterNames, where, "objective.running"));
            }
        }
        double[] y0 = states.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] p = java.util.stream.Stream.concat(parameters.values().stream(), controls.values().stream())
                .mapToDouble(Double::doubleValue).toArray();
        if (!(t1 > t0)) {
            throw new IllegalArgumentException(where + ": \"time\" must have t0 < t1, got [" + t0 + ", " + t1 + "]");
        }
        return new ModelFile(name, model, p, y0, t0, t1, objective, List.copyOf(controls.keySet()));
    }

    /** @return the gradient problem, differentiated by the reverse-mode tape */
    public GradientProblem problem() {
        return new GradientProblem(name, new ReverseModeOde(model), parameters, initialState, initialTime, finalTime,
                objective);
    }

    private static ExpressionFunction function(String text, List<String> states, List<String> parameters, String where,
            String field) {
        try {
            return new ExpressionFunction(text, states, parameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + field + ": " + e.getMessage());
        }
    }

    private static String stateOf(Map<String, String> rhs, String expression) {
        for (Map.Entry<String, String> e : rhs.entrySet()) {
            if (e.getValue().equals(expression)) {
                return e.getKey();
            }
        }
        return "?";
    }

    private static JsonNode required(JsonNode root, String field, String where) {
        JsonNode n = root.get(field);
        if (n == null) {
            throw new IllegalArgumentException(where + ": missing \"" + field + "\"");
        }
        return n;
    }

    private static String text(JsonNode n, String where, String field) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string, got " + n);
        }
        return n.asText();
    }

    private static Map<String, Double> numbers(JsonNode n, String where, String field) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be an object of numbers by name");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException(where + ": \"" + field + "." + e.getKey() + "\" must be a number, got "
                        + e.getValue());
            }
            double v = e.getValue().asDouble();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(where + ": \"" + field + "." + e.getKey() + "\" is " + v);
            }
            out.put(e.getKey(), v);
        }
        return out;
    }
}
