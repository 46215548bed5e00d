package org.adjoint4j.adjoint;

import java.util.List;

/**
 * J and its exact gradient for a hybrid run, with the events that fired.
 *
 * @param value J
 * @param parameterGradient dJ/dp
 * @param initialStateGradient dJ/dy0
 * @param finalState the state where the run ended (T, or a terminal event)
 * @param finalTime where it ended
 * @param events the events that fired, in order
 * @param steps the steps taken (the cut steps at events included)
 * @param warnings what cannot be trusted, or empty
 */
public record HybridResult(double value, double[] parameterGradient, double[] initialStateGradient,
        double[] finalState, double finalTime, List<FiredEvent> events, int steps, List<String> warnings) {

    /**
     * One event that fired.
     *
     * @param time where
     * @param index its index in the problem's events
     * @param name its name
     * @param direction +1 if its condition rose through zero, -1 if it fell, 0 for a time event
     */
    public record FiredEvent(double time, int index, String name, int direction) {
    }

    /**
     * Copies the arrays and lists.
     *
     * @param value J
     * @param parameterGradient dJ/dp
     * @param initialStateGradient dJ/dy0
     * @param finalState the final state
     * @param finalTime where the run ended
     * @param events the events that fired
     * @param steps the steps taken
     * @param warnings the warnings
     */
    public HybridResult {
        parameterGradient = parameterGradient.clone();
        initialStateGradient = initialStateGradient.clone();
        finalState = finalState.clone();
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }

    /** @return a copy of dJ/dp */
    @Override
    public double[] parameterGradient() {
        return parameterGradient.clone();
    }

    /** @return a copy of dJ/dy0 */
    @Override
    public double[] initialStateGradient() {
        return initialStateGradient.clone();
    }

    /** @return a copy of the final state */
    @Override
    public double[] finalState() {
        return finalState.clone();
    }
}
