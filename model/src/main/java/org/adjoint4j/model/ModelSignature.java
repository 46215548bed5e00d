package org.adjoint4j.model;

/**
 * The shape of a model {@code y' = f(t, y, p)}: its dimensions and the names of its states and
 * parameters (for tables, data columns and messages). Shared by {@link ParametricOde} and
 * {@link FieldParametricOde}, so a model may implement both.
 */
public interface ModelSignature {

    /** @return n, the number of states */
    int stateDimension();

    /** @return m, the number of parameters */
    int parameterDimension();

    /**
     * @param i state index
     * @return the state's name
     */
    default String stateName(int i) {
        return "y" + i;
    }

    /**
     * @param j parameter index
     * @return the parameter's name
     */
    default String parameterName(int j) {
        return "p" + j;
    }
}
