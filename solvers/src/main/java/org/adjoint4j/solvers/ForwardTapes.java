package org.adjoint4j.solvers;

/**
 * Where an adaptive run puts the tapes of its steps as it takes them, so that an adjoint keeping
 * every tape (store-all) need not replay the forward sweep to record them. Each attempted step
 * writes its stages into the tape {@link #next()} gives; when the step is accepted,
 * {@link #accepted(int)} says so and the next attempt gets a fresh tape, when it is rejected the
 * same tape is written again. A taped attempt is the same arithmetic as an untaped one (the stages
 * are only stored elsewhere), so the kept tapes are bit for bit those a replay of the grid would
 * record. Runs that cannot tape their steps (Hipparchus's explicit pairs) never call it.
 */
public interface ForwardTapes {

    /** @return the tape the next attempted step writes, or null to take the rest of the run untaped */
    StepTape next();

    /**
     * The last attempt, written into {@link #next()}'s tape, was accepted.
     *
     * @param step its index in the grid (0 for the first step)
     */
    void accepted(int step);
}
