package org.adjoint4j.adjoint;

import java.util.List;
import org.adjoint4j.model.Event;

/**
 * A gradient problem whose model has events: the problem's model, parameters, initial state, span
 * and objective, and the events in their declaration order (the order in which events that fire
 * at one time are applied).
 *
 * @param problem the smooth part: model, p, {@code y_0}, {@code [t_0, T]}, objective
 * @param events the events (copied)
 */
public record HybridProblem(GradientProblem problem, List<Event> events) {

    /**
     * Checks the arguments, naming the value.
     *
     * @param problem the smooth part
     * @param events the events (copied)
     */
    public HybridProblem {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (events == null) {
            throw new IllegalArgumentException("events must not be null");
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) {
                throw new IllegalArgumentException("events[" + i + "] is null");
            }
        }
        events = List.copyOf(events);
    }

    /**
     * @param p new parameters
     * @return the same problem at other parameters
     */
    public HybridProblem withParameters(double[] p) {
        return new HybridProblem(problem.withParameters(p), events);
    }

    /**
     * @param y0 new initial state
     * @return the same problem from another initial state
     */
    public HybridProblem withInitialState(double[] y0) {
        return new HybridProblem(problem.withInitialState(y0), events);
    }
}
