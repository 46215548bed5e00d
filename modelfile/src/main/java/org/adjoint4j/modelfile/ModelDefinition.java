package org.adjoint4j.modelfile;

import java.util.List;
import java.util.Map;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Node;

/**
 * A model file after elaboration: every array flattened to scalars (named {@code u[3]}), every
 * expression a node of one graph over the inputs t, y and p.
 *
 * @param name the model's name
 * @param graph the graph all nodes belong to
 * @param stateNames the flattened state names, in order
 * @param parameterNames the flattened parameter names (parameters, then controls), in order
 * @param initialState the initial values as nodes over the parameters (and constants)
 * @param parameters the parameter values
 * @param rhs the right-hand side, one node per state
 * @param terminal the terminal cost, or null
 * @param running the running cost, or null
 * @param observables the observables by name, in file order
 * @param initialTime t0
 * @param finalTime T
 * @param controls the names of the controls (the last parameters)
 * @param events the events (parsed; see {@link ModelEvent})
 * @param fitSpecifications bounds, scales and priors of parameters and {@code y0.<state>}, by name
 * @param conditions named experimental conditions: values of parameters and {@code y0.<state>}
 * @param noise noise models of measured states and observables, by name
 */
public record ModelDefinition(String name, Graph graph, List<String> stateNames, List<String> parameterNames,
        List<Node> initialState, double[] parameters, List<Node> rhs, Node terminal, Node running,
        Map<String, Node> observables, double initialTime, double finalTime, List<String> controls,
        List<ModelEvent> events, Map<String, FitSpecification> fitSpecifications,
        Map<String, Map<String, Double>> conditions, Map<String, NoiseSpecification> noise) {

    /**
     * An ODE without objective, observables, controls, events or fit specifications: what the
     * SBML and PEtab importers make.
     *
     * @param name the model's name
     * @param graph the graph all nodes belong to
     * @param stateNames the state names, in order
     * @param parameterNames the parameter names, in order
     * @param initialState the initial values as nodes over the parameters
     * @param parameters the parameter values
     * @param rhs the right-hand side, one node per state
     * @param initialTime t0
     * @param finalTime T
     * @return the definition
     */
    public static ModelDefinition ode(String name, Graph graph, List<String> stateNames, List<String> parameterNames,
            List<Node> initialState, double[] parameters, List<Node> rhs, double initialTime, double finalTime) {
        return new ModelDefinition(name, graph, stateNames, parameterNames, initialState, parameters, rhs, null, null,
                Map.of(), initialTime, finalTime, List.of(), List.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * @param newEvents the events (over this definition's graph)
     * @return the same definition with these events instead of its own
     */
    public ModelDefinition withEvents(List<ModelEvent> newEvents) {
        return new ModelDefinition(name, graph, stateNames, parameterNames, initialState, parameters, rhs, terminal,
                running, observables, initialTime, finalTime, controls, List.copyOf(newEvents), fitSpecifications,
                conditions, noise);
    }

    /** @return n, the number of states */
    public int stateDimension() {
        return stateNames.size();
    }

    /** @return m, the number of parameters (controls included) */
    public int parameterDimension() {
        return parameterNames.size();
    }

    /** @return a copy of the parameter values */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }
}
