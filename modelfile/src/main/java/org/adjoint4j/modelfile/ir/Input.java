package org.adjoint4j.modelfile.ir;

/**
 * The kinds of inputs a kernel reads: time, the state y, the parameters p, and two direction or seed
 * vectors, {@code a} over the states (the cotangent w of a vector-Jacobian product, or the state
 * direction v of a tangent) and {@code b} over the parameters (the parameter direction q).
 */
public enum Input {
    /** t. */
    TIME,
    /** y_j. */
    STATE,
    /** p_j. */
    PARAMETER,
    /** a_j, a vector over the states. */
    STATE_SEED,
    /** b_j, a vector over the parameters. */
    PARAMETER_SEED
}
