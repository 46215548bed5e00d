package org.adjoint4j.modelfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.HybridGradientSolver;
import org.adjoint4j.adjoint.HybridProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.Event;
import org.adjoint4j.model.InitialValues;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Input;
import org.adjoint4j.modelfile.ir.Node;
import org.adjoint4j.modelfile.ir.Op;
import org.adjoint4j.modelfile.lang.ExpressionException;
import org.adjoint4j.modelfile.lang.Parser;
import org.adjoint4j.modelfile.lang.Syntax;

/**
 * A PEtab v1 parameter-estimation problem: an SBML model ({@link SbmlModel}), its parameter,
 * condition, observable and measurement tables, read from the problem's yaml. Each simulation
 * condition becomes one ODE with its own observation terms; the estimated parameters (in the
 * parameter table's order) are the parameters of every condition's ODE, on the linear scale.
 *
 * <p>The objective is PEtab's negative log-likelihood, with its normalization constants, summed
 * over the measurements of all conditions. For a measurement m of an observable h with noise
 * sigma, and {@code s} the observable's transformation (identity, ln or log10):
 * <pre>
 *   normal:  1/2 log(2 pi sigma^2) + 1/2 ((s(h) - s(m)) / sigma)^2 - log s'(m)
 *   laplace: log(2 sigma) + |s(h) - s(m)| / sigma - log s'(m)
 * </pre>
 * where a transformed measurement adds {@code log(m)} (ln) or {@code log(m ln 10)} (log10), minus
 * the log of the transformation's derivative {@code s'(m)}, so that the likelihood is a density of
 * m itself. Observable and noise formulas are read by the modelling
 * language's parser (with PEtab's {@code **} for powers); their placeholders
 * {@code observableParameter{n}_{obs}} and {@code noiseParameter{n}_{obs}} are filled per
 * measurement row with numbers or parameter ids. The parameter table overrides the SBML values;
 * a condition overrides parameters, compartment sizes and initial values, with numbers or
 * parameter ids. A model with events makes each condition a hybrid problem
 * ({@link Condition#hybridProblem}), solved by the hybrid adjoint.
 *
 * <p>Refused with the feature and where it is: pre-equilibration, steady-state (infinite)
 * measurement times, priors (but for {@code initializationPriorType parameterScaleUniform}, what
 * the fits draw anyway), and whatever {@link SbmlModel} refuses. Unknown yaml keys are errors;
 * extra table columns, which PEtab v1 allows as annotations, are ignored and listed in
 * {@link #warnings()}. The tables are data: nothing in them can run code.
 */
public final class PetabProblem {

    /** A parameter's scale in the parameter table. */
    public enum Scale {
        /** The value itself. */
        LIN,
        /** Its natural logarithm. */
        LOG,
        /** Its base-10 logarithm. */
        LOG10;

        /**
         * @param x a value on this scale
         * @return the value
         */
        public double toLinear(double x) {
            return this == LIN ? x : this == LOG ? Math.exp(x) : Math.pow(10.0, x);
        }

        /**
         * @param value a value
         * @return it on this scale
         */
        public double fromLinear(double value) {
            return this == LIN ? value : this == LOG ? Math.log(value) : Math.log10(value);
        }

        /**
         * @param value a value (linear)
         * @return d value / d (value on this scale)
         */
        public double derivative(double value) {
            return this == LIN ? 1.0 : this == LOG ? value : value * Math.log(10.0);
        }

        /**
         * @param value a value (linear)
         * @return d^2 value / d (value on this scale)^2
         */
        public double secondDerivative(double value) {
            double ln10 = Math.log(10.0);
            return this == LIN ? 0.0 : this == LOG ? value : value * ln10 * ln10;
        }
    }

    /**
     * A row of the parameter table.
     *
     * @param id the parameter's id
     * @param scale its scale
     * @param lower its lower bound (linear)
     * @param upper its upper bound (linear)
     * @param nominal its nominal value (linear)
     * @param estimated whether it is estimated
     */
    public record ParameterEntry(String id, Scale scale, double lower, double upper, double nominal,
            boolean estimated) {
    }

    /**
     * A row of the measurement table.
     *
     * @param observable the observable's id
     * @param condition the simulation condition's id
     * @param time the measurement time
     * @param value the measurement
     * @param observableParameters the values of the observable's placeholders (numbers or ids)
     * @param noiseParameters the values of the noise formula's placeholders
     */
    public record Measurement(String observable, String condition, double time, double value,
            List<String> observableParameters, List<String> noiseParameters) {
    }

    /** One simulation condition: its ODE and the observation terms of its measurements. */
    public final class Condition {

        private final String id;
        private final ModelFile file;
        private final List<Measurement> measurements;
        private final List<StateFunction> simulated = new ArrayList<>();
        private final List<Objective.Observation> observations = new ArrayList<>();
        private final double finalTime;
        private final double[] sigmas;

        private final List<Event> events;
        private final Map<String, StateFunction> startTriggers = new LinkedHashMap<>();

        private Condition(String id, ModelFile file, List<Measurement> measurements, List<Node> simulatedNodes,
                Map<Double, Node> costs, double[] sigmas, Map<String, Node> initiallyFalseTriggers) {
            this.id = id;
            this.file = file;
            this.measurements = List.copyOf(measurements);
            this.sigmas = sigmas;
            ModelDefinition d = file.definition();
            int n = d.stateDimension();
            int m = d.parameterDimension();
            this.events = file.hybridProblem().events();
            for (Map.Entry<String, Node> e : initiallyFalseTriggers.entrySet()) {
                startTriggers.put(e.getKey(), new CompiledFunction(d.graph(), e.getValue(), n, m, true));
            }
            for (Node h : simulatedNodes) {
                simulated.add(new CompiledFunction(d.graph(), h, n, m, true));
            }
            double last = 0.0;
            for (Map.Entry<Double, Node> e : costs.entrySet()) {
                observations.add(new Objective.Observation(e.getKey(), new CompiledFunction(d.graph(), e.getValue(), n,
                        m, true)));
                last = Math.max(last, e.getKey());
            }
            // A condition measured only at t = 0 still needs a span to integrate over.
            this.finalTime = last > 0.0 ? last : 1.0;
        }

        /** @return the condition's id */
        public String id() {
            return id;
        }

        /** @return the ODE (its parameters are the estimated ones, linear) */
        public ParametricOde model() {
            return file.model();
        }

        /** @return y0(p) with its Jacobian */
        public InitialValues initialValues() {
            return file.initialValues();
        }

        /** @return the state ids */
        public List<String> stateNames() {
            return file.definition().stateNames();
        }

        /** @return the measurements of this condition, in table order */
        public List<Measurement> measurements() {
            return measurements;
        }

        /**
         * @return per measurement, in order, the simulated observable h(t, y, p) of its row (its
         *         placeholders filled), untransformed
         */
        public List<StateFunction> simulatedObservables() {
            return List.copyOf(simulated);
        }

        /**
         * @return per measurement, its sigma where its noise model is normal on the linear scale
         *         with a sigma that depends on nothing estimated (a least-squares residual), else NaN
         */
        public double[] leastSquaresSigmas() {
            return sigmas.clone();
        }

        /** @return the last measurement time (1 when every measurement is at 0) */
        public double finalTime() {
            return finalTime;
        }

        /**
         * The negative log-likelihood of this condition's measurements as a gradient problem.
         *
         * @param parameters the estimated parameters, linear, in {@link #estimatedIds()} order
         * @return the problem, with y0 at those parameters
         */
        public GradientProblem problem(double[] parameters) {
            if (!events.isEmpty()) {
                throw new IllegalArgumentException("PEtab condition " + id + " of " + PetabProblem.this.name
                        + " has events (" + events.get(0).name() + "): it is solved as a hybrid problem (nllh, "
                        + "gradient and trajectory); forward sensitivities and second order through events are not "
                        + "supported");
            }
            return smooth(parameters);
        }

        private GradientProblem smooth(double[] parameters) {
            double[] y0 = new double[stateNames().size()];
            file.initialValues().value(parameters, y0);
            return new GradientProblem(PetabProblem.this.name + "/" + id, file.model(), parameters, y0, 0.0, finalTime,
                    Objective.none().withObservations(observations));
        }

        /**
         * The states at given times, through the events where the model has them (each state then
         * after the jumps at its time, as the measurements see it).
         *
         * @param parameters the estimated parameters, linear
         * @param options method, steps or tolerances
         * @param times times in [0, {@link #finalTime()}] (not modified)
         * @return {@code y(times[k])}, one row per time
         */
        public double[][] trajectory(double[] parameters, GradientOptions options, double[] times) {
            return events.isEmpty() ? GradientSolver.trajectory(smooth(parameters), options, times)
                    : HybridGradientSolver.trajectory(hybridProblem(parameters), options, times);
        }

        /** @return whether the model has events (then {@link #hybridProblem} is this condition's problem) */
        public boolean hasEvents() {
            return !events.isEmpty();
        }

        /**
         * The negative log-likelihood of this condition's measurements with the model's events.
         *
         * @param parameters the estimated parameters, linear, in {@link #estimatedIds()} order
         * @return the problem, with y0 at those parameters and the events of the SBML model
         * @throws IllegalArgumentException if SBML would fire an event at t0 (an event with
         *         {@code initialValue="false"} whose trigger holds there), naming it
         */
        public HybridProblem hybridProblem(double[] parameters) {
            GradientProblem smooth = smooth(parameters);
            for (Map.Entry<String, StateFunction> trigger : startTriggers.entrySet()) {
                if (trigger.getValue().value(0.0, smooth.initialState(), parameters) != 0.0) {
                    throw sbml.firesAtStart(trigger.getKey() + " (condition " + id + ")", 0.0);
                }
            }
            return new HybridProblem(smooth, events);
        }
    }

    private static final Set<String> YAML_KEYS = Set.of("format_version", "parameter_file", "problems");
    private static final Set<String> PROBLEM_KEYS = Set.of("sbml_files", "condition_files", "measurement_files",
            "observable_files", "visualization_files", "mapping_files");
    private static final Set<String> PARAMETER_COLUMNS = Set.of("parameterId", "parameterName", "parameterScale",
            "lowerBound", "upperBound", "nominalValue", "estimate", "initializationPriorType",
            "initializationPriorParameters", "objectivePriorType", "objectivePriorParameters");
    private static final Set<String> OBSERVABLE_COLUMNS = Set.of("observableId", "observableName",
            "observableFormula", "noiseFormula", "observableTransformation", "noiseDistribution");
    private static final Set<String> MEASUREMENT_COLUMNS = Set.of("observableId", "preequilibrationConditionId",
            "simulationConditionId", "measurement", "time", "observableParameters", "noiseParameters", "datasetId",
            "replicateId");

    private final String name;
    private final Path directory;
    private final SbmlModel sbml;
    private final List<ParameterEntry> parameters = new ArrayList<>();
    private final Map<String, ParameterEntry> parameterById = new LinkedHashMap<>();
    private final List<String> estimated = new ArrayList<>();
    private final Map<String, Map<String, String>> conditionTable = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> observableTable = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Condition> conditions = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Path> read = new ArrayList<>();
    private final PetabFiles files;

    private PetabProblem(Path yaml) {
        read.add(yaml);
        this.directory = yaml.toAbsolutePath().getParent();
        String file = yaml.getFileName().toString();
        this.name = file.replaceAll("\\.ya?ml$", "");
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(yaml));
        } catch (IOException e) {
            throw new IllegalArgumentException("PEtab file " + yaml + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("PEtab file " + yaml + " is not a yaml mapping");
        }
        checkKeys(root, YAML_KEYS, "PEtab file " + yaml);
        String version = root.path("format_version").asText("");
        if (!version.equals("1") && !version.startsWith("1.")) {
            throw new IllegalArgumentException("PEtab file " + yaml + ": format_version '" + version
                    + "' is not supported (PEtab v1 is)");
        }
        JsonNode problems = root.path("problems");
        if (!problems.isArray() || problems.size() != 1) {
            throw new IllegalArgumentException("PEtab file " + yaml + ": 'problems' must list exactly one problem, got "
                    + (problems.isArray() ? problems.size() : "none"));
        }
        JsonNode problem = problems.get(0);
        checkKeys(problem, PROBLEM_KEYS, "PEtab file " + yaml + ", problems[0]");
        if (problem.has("mapping_files") && problem.get("mapping_files").size() > 0) {
            throw new IllegalArgumentException("PEtab file " + yaml + ": mapping files are not supported");
        }
        List<Path> sbmlFiles = files(problem, "sbml_files", yaml);
        if (sbmlFiles.size() != 1) {
            throw new IllegalArgumentException("PEtab file " + yaml + ": exactly one SBML file is supported, got "
                    + sbmlFiles.size());
        }
        this.sbml = SbmlModel.read(sbmlFiles.get(0));
        readParameters(path(root.path("parameter_file").asText(""), yaml, "parameter_file"));
        for (Path p : files(problem, "condition_files", yaml)) {
            for (Map<String, String> row : Table.read(p).rows()) {
                String id = row.get("conditionId");
                if (id == null || id.isEmpty()) {
                    throw new IllegalArgumentException("PEtab condition table " + p + ": a row has no conditionId");
                }
                conditionTable.put(id, row);
            }
        }
        for (Path p : files(problem, "observable_files", yaml)) {
            Table t = Table.read(p);
            t.checkColumns(OBSERVABLE_COLUMNS, warnings);
            for (Map<String, String> row : t.rows()) {
                observableTable.put(row.get("observableId"), row);
            }
        }
        for (Path p : files(problem, "measurement_files", yaml)) {
            readMeasurements(Table.read(p));
        }
        Map<String, List<Measurement>> byCondition = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            byCondition.computeIfAbsent(m.condition(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<Measurement>> e : byCondition.entrySet()) {
            conditions.add(condition(e.getKey(), e.getValue()));
        }
        this.files = PetabFiles.of(yaml, read);
    }

    /**
     * Reads a PEtab problem.
     *
     * @param yaml the problem's yaml file, or a directory holding exactly one
     * @return the problem
     * @throws IllegalArgumentException naming the file, row and column of any problem, or an
     *         unsupported feature and where it is
     */
    public static PetabProblem read(Path yaml) {
        Path file = yaml;
        if (Files.isDirectory(yaml)) {
            List<Path> found = new ArrayList<>();
            try (var s = Files.list(yaml)) {
                s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new IllegalArgumentException("PEtab directory " + yaml + " cannot be read: " + e.getMessage());
            }
            Path named = yaml.resolve(yaml.getFileName() + ".yaml");
            if (found.size() > 1 && found.contains(named)) {
                found = List.of(named);
            }
            if (found.size() != 1) {
                throw new IllegalArgumentException("PEtab directory " + yaml + " must hold exactly one yaml file, holds "
                        + found.size());
            }
            file = found.get(0);
        } else if (!Files.isRegularFile(yaml)) {
            throw new IllegalArgumentException("PEtab problem " + yaml + " does not exist");
        }
        return new PetabProblem(file);
    }

    private static void checkKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private List<Path> files(JsonNode problem, String key, Path yaml) {
        JsonNode list = problem.path(key);
        List<Path> out = new ArrayList<>();
        if (!list.isArray()) {
            if (key.equals("visualization_files") || key.equals("mapping_files")) {
                return out;
            }
            throw new IllegalArgumentException("PEtab file " + yaml + ": problems[0]." + key + " must be a list");
        }
        for (JsonNode f : list) {
            out.add(path(f.asText(), yaml, key));
        }
        return out;
    }

    private Path path(String relative, Path yaml, String key) {
        if (relative.isEmpty()) {
            throw new IllegalArgumentException("PEtab file " + yaml + ": " + key + " is missing");
        }
        Path p = directory.resolve(relative).normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("PEtab file " + yaml + ": " + key + " '" + relative
                    + "' does not exist (" + p + ")");
        }
        if (!key.equals("visualization_files") && !read.contains(p)) {
            read.add(p);
        }
        return p;
    }

    private void readParameters(Path file) {
        Table t = Table.read(file);
        t.checkColumns(PARAMETER_COLUMNS, warnings);
        int line = 1;
        for (Map<String, String> row : t.rows()) {
            line++;
            String where = "PEtab parameter table " + file + ", line " + line;
            String id = row.getOrDefault("parameterId", "");
            if (id.isEmpty() || parameterById.containsKey(id)) {
                throw new IllegalArgumentException(where + ": parameterId '" + id + "' is "
                        + (id.isEmpty() ? "empty" : "given twice"));
            }
            for (String prior : new String[] {"objectivePriorType", "initializationPriorType"}) {
                String v = row.getOrDefault(prior, "");
                // Uniform starts on the parameter's scale are what the fits draw anyway.
                boolean usual = prior.equals("initializationPriorType") && v.equals("parameterScaleUniform")
                        && row.getOrDefault("initializationPriorParameters", "").isEmpty();
                if (!v.isEmpty() && !v.equalsIgnoreCase("nan") && !usual) {
                    throw new IllegalArgumentException(where + ": priors are not supported (" + prior + " '" + v
                            + "' of " + id + ")");
                }
            }
            Scale scale;
            String s = row.getOrDefault("parameterScale", "lin");
            try {
                scale = Scale.valueOf((s.isEmpty() ? "lin" : s).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": parameterScale '" + s + "' of " + id
                        + " is not lin, log or log10");
            }
            boolean estimate = Table.number(row, "estimate", where) != 0.0;
            double nominal = Table.number(row, "nominalValue", where);
            double lower = estimate ? Table.number(row, "lowerBound", where) : Double.NaN;
            double upper = estimate ? Table.number(row, "upperBound", where) : Double.NaN;
            if (estimate && !(lower < upper)) {
                throw new IllegalArgumentException(where + ": the bounds of " + id + " are not increasing (" + lower
                        + ", " + upper + ")");
            }
            if (estimate && scale != Scale.LIN && !(lower > 0 || (lower == 0 && upper > 0))) {
                throw new IllegalArgumentException(where + ": " + id + " is on a " + s
                        + " scale but its lower bound is " + lower);
            }
            if (estimate && scale != Scale.LIN && !(nominal > 0)) {
                throw new IllegalArgumentException(where + ": " + id + " is on a " + s
                        + " scale but its nominal value is " + nominal);
            }
            ParameterEntry e = new ParameterEntry(id, scale, lower, upper, nominal, estimate);
            parameters.add(e);
            parameterById.put(id, e);
            if (estimate) {
                estimated.add(id);
            }
        }
    }

    private void readMeasurements(Table t) {
        t.checkColumns(MEASUREMENT_COLUMNS, warnings);
        int line = 1;
        for (Map<String, String> row : t.rows()) {
            line++;
            String where = "PEtab measurement table " + t.file() + ", line " + line;
            String pre = row.getOrDefault("preequilibrationConditionId", "");
            if (!pre.isEmpty() && !pre.equalsIgnoreCase("nan")) {
                throw new IllegalArgumentException(where + ": pre-equilibration is not supported (condition '" + pre
                        + "')");
            }
            String observable = row.getOrDefault("observableId", "");
            if (!observableTable.containsKey(observable)) {
                throw new IllegalArgumentException(where + ": observable '" + observable
                        + "' is not in the observable table");
            }
            String condition = row.getOrDefault("simulationConditionId", "");
            if (!conditionTable.containsKey(condition)) {
                throw new IllegalArgumentException(where + ": condition '" + condition
                        + "' is not in the condition table");
            }
            double time = Table.number(row, "time", where);
            if (!Double.isFinite(time) || time < 0) {
                throw new IllegalArgumentException(where + ": time " + time + " is not supported"
                        + (Double.isInfinite(time) ? " (steady-state measurements are not supported)" : ""));
            }
            measurements.add(new Measurement(observable, condition, time, Table.number(row, "measurement", where),
                    Table.list(row.getOrDefault("observableParameters", "")),
                    Table.list(row.getOrDefault("noiseParameters", ""))));
        }
    }

    /** The node of a parameter-table id: an input if estimated, else its nominal value. */
    private Node parameterNode(Graph g, String id) {
        int k = estimated.indexOf(id);
        if (k >= 0) {
            return g.input(Input.PARAMETER, k);
        }
        return g.constant(parameterById.get(id).nominal());
    }

    /** A table value: a number, or a parameter-table id. */
    private Node value(Graph g, String text, String where) {
        try {
            return g.constant(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            if (parameterById.containsKey(text)) {
                return parameterNode(g, text);
            }
            throw new IllegalArgumentException(where + ": '" + text + "' is neither a number nor a parameter of the "
                    + "parameter table");
        }
    }

    private Condition condition(String id, List<Measurement> rows) {
        Graph g = new Graph();
        Map<String, Node> bindings = new LinkedHashMap<>();
        Map<String, Node> initial = new LinkedHashMap<>();
        for (ParameterEntry e : parameters) {
            if (sbml.defines(e.id()) && !sbml.isSpecies(e.id())) {
                bindings.put(e.id(), parameterNode(g, e.id()));
            }
        }
        String where = "PEtab condition '" + id + "'";
        for (Map.Entry<String, String> c : conditionTable.get(id).entrySet()) {
            String column = c.getKey();
            if (column.equals("conditionId") || column.equals("conditionName")) {
                continue;
            }
            String text = c.getValue();
            if (text.isEmpty() || text.equalsIgnoreCase("nan")) {
                continue;
            }
            Node v = value(g, text, where + ", column " + column);
            if (sbml.isSpecies(column)) {
                initial.put(column, v);
            } else if (sbml.defines(column)) {
                bindings.put(column, v);
            } else {
                throw new IllegalArgumentException(where + ": column '" + column
                        + "' is not a species, parameter or compartment of the model");
            }
        }
        SbmlModel.Instance instance = sbml.instantiate(g, bindings, initial, 0.0);
        Map<Double, Node> costs = new TreeMap<>();
        List<Node> simulated = new ArrayList<>();
        double[] sigmas = new double[rows.size()];
        int row = 0;
        for (Measurement m : rows) {
            row++;
            Map<String, String> obs = observableTable.get(m.observable());
            String at = "observable " + m.observable() + " (measurement " + row + " of condition " + id + ")";
            Map<String, List<String>> own = Map.of("observableParameter", m.observableParameters());
            Node h = formula(g, instance, obs.getOrDefault("observableFormula", ""), own, m.observable(),
                    at + ", observableFormula");
            // A noise formula may read the observable's placeholders as well as its own (relative noise).
            Node sigma = formula(g, instance, obs.getOrDefault("noiseFormula", ""), Map.of("observableParameter",
                    m.observableParameters(), "noiseParameter", m.noiseParameters()), m.observable(),
                    at + ", noiseFormula");
            simulated.add(h);
            String tr = obs.getOrDefault("observableTransformation", "");
            String dist = obs.getOrDefault("noiseDistribution", "");
            sigmas[row - 1] = sigma.isConstant() && (tr.isEmpty() || tr.equals("lin"))
                    && (dist.isEmpty() || dist.equals("normal")) ? sigma.value() : Double.NaN;
            Node cost = negativeLogLikelihood(g, h, sigma, m.value(), obs.getOrDefault("observableTransformation", ""),
                    obs.getOrDefault("noiseDistribution", ""), at);
            costs.merge(m.time(), cost, g::add);
        }
        List<String> stateIds = sbml.stateIds();
        List<Node> rhs = instance.rhs();
        double[] p = new double[estimated.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = parameterById.get(estimated.get(k)).nominal();
        }
        ModelDefinition d = ModelDefinition.ode(sbml.id() + "/" + id, g, stateIds, List.copyOf(estimated),
                instance.initialState(), p, rhs, 0.0, 1.0).withEvents(instance.events());
        return new Condition(id, ModelFile.of(d, ModelFile.Compilation.COMPILED), rows, simulated, costs, sigmas,
                instance.initiallyFalseTriggers());
    }

    /** The nllh of one measurement, with PEtab's normalization. */
    private static Node negativeLogLikelihood(Graph g, Node h, Node sigma, double measured, String transformation,
            String distribution, String where) {
        String tr = transformation.isEmpty() ? "lin" : transformation;
        String dist = distribution.isEmpty() ? "normal" : distribution;
        Node residual;
        double jacobian; // log of d s(m) / dm, with a minus: the density of m is that of s(m) times s'(m)
        switch (tr) {
            case "lin":
                residual = g.subtract(h, g.constant(measured));
                jacobian = 0.0;
                break;
            case "log":
                residual = g.subtract(g.apply(Op.LOG, h), g.constant(Math.log(measured)));
                jacobian = Math.log(measured);
                break;
            case "log10":
                residual = g.subtract(g.apply(Op.LOG10, h), g.constant(Math.log10(measured)));
                jacobian = Math.log(measured * Math.log(10.0));
                break;
            default:
                throw new IllegalArgumentException(where + ": observableTransformation '" + transformation
                        + "' is not lin, log or log10");
        }
        if (tr.startsWith("log") && !(measured > 0)) {
            throw new IllegalArgumentException(where + ": the measurement " + measured + " must be > 0 on a " + tr
                    + " scale");
        }
        switch (dist) {
            case "normal": {
                Node z = g.apply(Op.DIVIDE, residual, sigma);
                Node norm = g.multiply(g.constant(0.5), g.apply(Op.LOG, g.multiply(g.constant(2 * Math.PI),
                        g.powerInteger(sigma, 2))));
                return g.add(g.add(norm, g.multiply(g.constant(0.5), g.powerInteger(z, 2))), g.constant(jacobian));
            }
            case "laplace": {
                Node abs = Elaborator.function(g, "abs", residual);
                Node norm = g.apply(Op.LOG, g.multiply(g.constant(2.0), sigma));
                return g.add(g.add(norm, g.apply(Op.DIVIDE, abs, sigma)), g.constant(jacobian));
            }
            default:
                throw new IllegalArgumentException(where + ": noiseDistribution '" + distribution
                        + "' is not normal or laplace");
        }
    }

    /** An observable or noise formula with its placeholders filled, as a node. */
    private Node formula(Graph g, SbmlModel.Instance instance, String text, Map<String, List<String>> placeholders,
            String observable, String where) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty");
        }
        Syntax tree;
        try {
            tree = Parser.parse(text.replace("**", "^"));
        } catch (ExpressionException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        Set<String> names = new LinkedHashSet<>();
        collectNames(tree, names);
        Scope scope = new Scope();
        for (String n : names) {
            Node node;
            String placeholder = null;
            for (String kind : placeholders.keySet()) {
                placeholder = n.startsWith(kind) && n.endsWith("_" + observable) ? kind : placeholder;
            }
            if (placeholder != null) {
                List<String> values = placeholders.get(placeholder);
                String index = n.substring(placeholder.length(), n.length() - observable.length() - 1);
                int k;
                try {
                    k = Integer.parseInt(index);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": placeholder '" + n + "' has no number");
                }
                if (k < 1 || k > values.size()) {
                    throw new IllegalArgumentException(where + ": placeholder '" + n + "' needs " + k
                            + " value(s) in the measurement table's " + placeholder + "s column, which gives "
                            + values.size());
                }
                node = value(g, values.get(k - 1), where + ", " + n);
            } else if (sbml.defines(n)) {
                node = instance.value(n);
            } else if (parameterById.containsKey(n)) {
                node = parameterNode(g, n);
            } else if (n.equals("t") || n.equals("time")) {
                node = g.input(Input.TIME, 0);
            } else {
                throw new IllegalArgumentException(where + ": '" + n + "' is not a symbol of the model, a parameter of "
                        + "the parameter table or a placeholder");
            }
            scope.define(new Scope.Symbol(n, Scope.Kind.PARAMETER, List.of(node), false));
        }
        try {
            return new Elaborator(g, scope, text).node(tree);
        } catch (ExpressionException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static void collectNames(Syntax e, Set<String> names) {
        if (e instanceof Syntax.Name) {
            names.add(((Syntax.Name) e).name());
        } else if (e instanceof Syntax.Unary) {
            collectNames(((Syntax.Unary) e).operand(), names);
        } else if (e instanceof Syntax.Binary) {
            collectNames(((Syntax.Binary) e).left(), names);
            collectNames(((Syntax.Binary) e).right(), names);
        } else if (e instanceof Syntax.Call) {
            for (Syntax a : ((Syntax.Call) e).arguments()) {
                collectNames(a, names);
            }
        } else if (e instanceof Syntax.Element) {
            names.add(((Syntax.Element) e).name());
            collectNames(((Syntax.Element) e).index(), names);
        }
    }

    /** @return the problem's name (its yaml file's, without the extension) */
    public String name() {
        return name;
    }

    /** @return the files this problem was read from, as bytes that can travel to another JVM */
    public PetabFiles files() {
        return files;
    }

    /** @return what was read but ignored (extra table columns), one line each */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** @return the SBML model */
    public SbmlModel sbml() {
        return sbml;
    }

    /** @return the ids of the estimated parameters, in the parameter table's order */
    public List<String> estimatedIds() {
        return List.copyOf(estimated);
    }

    /** @return the estimated parameters' entries, in order */
    public List<ParameterEntry> estimatedParameters() {
        List<ParameterEntry> out = new ArrayList<>();
        for (String id : estimated) {
            out.add(parameterById.get(id));
        }
        return out;
    }

    /** @return the simulation conditions, in the order they first appear in the measurement table */
    public List<Condition> conditions() {
        return List.copyOf(conditions);
    }

    /** @return the number of measurements */
    public int measurementCount() {
        return measurements.size();
    }

    /** @return the nominal values of the estimated parameters on their scales */
    public double[] nominalOnScale() {
        double[] x = new double[estimated.size()];
        for (int k = 0; k < x.length; k++) {
            ParameterEntry e = parameterById.get(estimated.get(k));
            x[k] = e.scale().fromLinear(e.nominal());
        }
        return x;
    }

    /**
     * @return whether the objective is a sum of squares plus a constant: every measurement normal on
     *         the linear scale with a sigma that depends on nothing estimated
     */
    public boolean isLeastSquares() {
        for (Condition c : conditions) {
            for (double sigma : c.sigmas) {
                if (Double.isNaN(sigma)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A tab-separated table with a header row. */
    private record Table(Path file, List<String> header, List<Map<String, String>> rows) {

        static Table read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("PEtab table " + file + " cannot be read: " + e.getMessage());
            }
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("PEtab table " + file + " is empty");
            }
            List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split("\t", -1));
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String[] cells = lines.get(i).split("\t", -1);
                if (cells.length > header.size()) {
                    throw new IllegalArgumentException("PEtab table " + file + ", line " + (i + 1) + " has "
                            + cells.length + " cells; the header has " + header.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int k = 0; k < header.size(); k++) {
                    row.put(header.get(k).trim(), k < cells.length ? cells[k].trim() : "");
                }
                rows.add(row);
            }
            return new Table(file, header, rows);
        }

        /**
         * PEtab v1 allows extra columns (annotations such as datasetName or experimentId), which
         * no PEtab tool reads: each is reported as ignored, so that a misplaced standard column (an
         * observableTransformation in the measurement table, say) does not pass unnoticed.
         */
        void checkColumns(Set<String> known, List<String> warnings) {
            for (String h : header) {
                if (!known.contains(h.trim())) {
                    warnings.add("PEtab table " + file.getFileName() + ": column '" + h.trim() + "' is not a PEtab v1 "
                            + "column of this table and is ignored");
                }
            }
        }

        static double number(Map<String, String> row, String column, String where) {
            String v = row.getOrDefault(column, "");
            if (v.equalsIgnoreCase("inf") || v.equalsIgnoreCase("-inf")) {
                return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": " + column + " '" + v + "' is not a number");
            }
        }

        static List<String> list(String cell) {
            if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String s : cell.split(";")) {
                out.add(s.trim());
            }
            return out;
        }
    }
}
