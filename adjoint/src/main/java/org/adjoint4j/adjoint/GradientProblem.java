package org.adjoint4j.adjoint;

import org.adjoint4j.model.ParametricOde;

/**
 * What to differentiate: the model, its parameters p, the initial state {@code y_0} at
 * {@code t_0}, the final time T and the objective J. The gradient is taken with respect to p and
 * {@code y_0}.
 *
 * @param name a name for reports
 * @param model the model {@code y' = f(t, y, p)}
 * @param parameters p, length m
 * @param initialState {@code y_0}, length n
 * @param initialTime {@code t_0}
 * @param finalTime T, {@code > t_0}
 * @param objective J
 */
public record GradientProblem(String name, ParametricOde model, double[] parameters, double[] initialState,
        double initialTime, double finalTime, Objective objective) {

    /**
     * Checks dimensions and values, naming the argument and the value.
     *
     * @param name a name for reports
     * @param model the model {@code y' = f(t, y, p)}
     * @param parameters p, length m
     * @param initialState {@code y_0}, length n
     * @param initialTime {@code t_0}
     * @param finalTime T, {@code > t_0}
     * @param objective J
     */
    public GradientProblem {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (objective == null) {
            throw new IllegalArgumentException("objective must not be null");
        }
        int n = model.stateDimension();
        int m = model.parameterDimension();
        if (parameters == null || parameters.length != m) {
            throw new IllegalArgumentException("parameters has length " + (parameters == null ? "null" : parameters.length)
                    + ", the model has " + m + " parameters");
        }
        if (initialState == null || initialState.length != n) {
            throw new IllegalArgumentException("initial state has length "
                    + (initialState == null ? "null" : initialState.length) + ", the model has " + n + " states");
        }
        requireFinite("parameters", parameters, model, false);
        requireFinite("initial state", initialState, model, true);
        if (!Double.isFinite(initialTime) || !Double.isFinite(finalTime)) {
            throw new IllegalArgumentException("times must be finite, got t0=" + initialTime + ", t1=" + finalTime);
        }
        if (!(finalTime > initialTime)) {
            throw new IllegalArgumentException("final time must exceed the initial time, got t0=" + initialTime
                    + ", t1=" + finalTime);
        }
        for (Objective.Observation o : objective.observations()) {
            if (o.time() < initialTime || o.time() > finalTime) {
                throw new IllegalArgumentException("observation time " + o.time() + " is outside [" + initialTime
                        + ", " + finalTime + "]");
            }
        }
        parameters = parameters.clone();
        initialState = initialState.clone();
    }

    private static void requireFinite(String what, double[] x, ParametricOde model, boolean state) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(what + " component " + i + " ("
                        + (state ? model.stateName(i) : model.parameterName(i)) + ") is " + x[i]);
            }
        }
    }

    /** @return a copy of p */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** @return a copy of {@code y_0} */
    @Override
    public double[] initialState() {
        return initialState.clone();
    }

    /**
     * @param p new parameters
     * @return the same problem at other parameters
     */
    public GradientProblem withParameters(double[] p) {
        return new GradientProblem(name, model, p, initialState, initialTime, finalTime, objective);
    }

    /**
     * @param y0 new initial state
     * @return the same problem from another initial state
     */
    public GradientProblem withInitialState(double[] y0) {
        return new GradientProblem(name, model, parameters, y0, initialTime, finalTime, objective);
    }
}
