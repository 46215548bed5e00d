package org.adjoint4j.solvers;

/**
 * Advances one step {@code y_n -> y_{n+1}} on a recorded grid, deterministically: the same
 * inputs give the same bits, so recomputation from a snapshot reproduces the forward states.
 * A stepper holds work arrays: one per thread.
 */
public interface ReplayStepper {

    /** @return the dimension of the (possibly augmented) state */
    int dimension();

    /** @return the stages a tape holds */
    int stages();

    /**
     * One step without recording (an advance).
     *
     * @param t start time {@code t_n}
     * @param h step size {@code h_n}
     * @param y {@code y_n} (not modified)
     * @param yNext receives {@code y_{n+1}}; a different array than y (modified)
     */
    void advance(double t, double h, double[] y, double[] yNext);

    /**
     * One step that keeps what its adjoint needs (a taped step); same result as
     * {@link #advance}.
     *
     * @param t start time
     * @param h step size
     * @param y {@code y_n} (not modified)
     * @param yNext receives {@code y_{n+1}} (modified)
     * @param tape receives the stage states (modified)
     */
    void tapedStep(double t, double h, double[] y, double[] yNext, StepTape tape);

    /**
     * Re-runs a step whose result was not finite, checking every stage, to say where the first
     * non-finite value arose; steps are deterministic, so the re-run meets the same value.
     *
     * @param t start time
     * @param h step size
     * @param y {@code y_n} (not modified)
     * @return e.g. "right-hand side component 1 (y) is NaN at stage 2 (t=3.05)", or null if every
     *         stage is finite
     */
    String diagnose(double t, double h, double[] y);

    /** @return a tape sized for this stepper */
    default StepTape newTape() {
        return new StepTape(stages(), dimension());
    }

    /** @return bytes of stage data one of this stepper's tapes holds (without allocating one) */
    default long tapeBytes() {
        return StepTape.bytes(stages(), dimension(), true);
    }

    /** @return linear solves made so far (0 for explicit steps) */
    default long linearSolves() {
        return 0;
    }
}
