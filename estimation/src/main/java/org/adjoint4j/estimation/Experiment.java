package org.adjoint4j.estimation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One experiment of a joint fit: its measurements, and the values of parameters or initial states
 * that differ from the model's in it (a dose, a starting population). Overridden quantities are
 * fixed in that experiment; everything fitted is shared by all experiments.
 *
 * @param name how messages and results call it (e.g. its data file)
 * @param data its measurements
 * @param overrides values by name: a parameter's name, or {@code y0.<state>} for an initial state
 */
public record Experiment(String name, ObservedData data, Map<String, Double> overrides) {

    /**
     * Copies the overrides and checks that they are finite.
     *
     * @param name how messages and results call it
     * @param data its measurements
     * @param overrides values by name
     */
    public Experiment {
        if (data == null) {
            throw new IllegalArgumentException("experiment " + name + ": data must not be null");
        }
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("experiment " + name + ": " + e.getKey() + " = " + e.getValue()
                        + " is not a finite number");
            }
        }
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /**
     * @param name its name
     * @param data its measurements
     * @return an experiment under the model's own values
     */
    public static Experiment of(String name, ObservedData data) {
        return new Experiment(name, data, Map.of());
    }
}
