package org.adjoint4j.cli;

import java.util.List;
import java.util.Map;
import org.adjoint4j.model.ParametricOde;

/** A direction in (p, y0) given by name, {@code a=1,y0.x=0.5}, the entries not named 0. */
final class Direction {

    private Direction() {
    }

    /**
     * @param option the option, for messages
     * @param pairs NAME=VALUE with parameter names or {@code y0.<state>}
     * @param model the model, for the names
     * @return {q, v}: the direction in p and in y0
     */
    static double[][] parse(String option, List<String> pairs, ParametricOde model) {
        double[] q = new double[model.parameterDimension()];
        double[] v = new double[model.stateDimension()];
        for (Map.Entry<String, Double> e : OptionValues.pairs(option, pairs).entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(option + " " + e.getKey() + "=" + e.getValue() + ": not finite");
            }
            int j = index(e.getKey(), model.parameterDimension(), model::parameterName);
            int i = e.getKey().startsWith("y0.") ? index(e.getKey().substring(3), model.stateDimension(),
                    model::stateName) : -1;
            if (j >= 0) {
                q[j] = e.getValue();
            } else if (i >= 0) {
                v[i] = e.getValue();
            } else {
                throw new IllegalArgumentException(option + ": '" + e.getKey() + "' is neither a parameter nor an "
                        + "initial state y0.<state> of " + (model.parameterDimension() + model.stateDimension() <= 12
                        ? names(model) : "the model"));
            }
        }
        return new double[][] {q, v};
    }

    private static int index(String name, int count, java.util.function.IntFunction<String> names) {
        for (int k = 0; k < count; k++) {
            if (names.apply(k).equals(name)) {
                return k;
            }
        }
        return -1;
    }

    /** "(a, b, y0.x, y0.y)": every name in the order of (p, y0). */
    static String names(ParametricOde model) {
        StringBuilder b = new StringBuilder("(");
        for (int j = 0; j < model.parameterDimension(); j++) {
            b.append(j == 0 ? "" : ", ").append(model.parameterName(j));
        }
        for (int i = 0; i < model.stateDimension(); i++) {
            b.append(model.parameterDimension() + i == 0 ? "" : ", ").append("y0.").append(model.stateName(i));
        }
        return b.append(")").toString();
    }
}
