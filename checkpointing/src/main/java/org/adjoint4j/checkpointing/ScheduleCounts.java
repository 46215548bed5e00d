package org.adjoint4j.checkpointing;

/**
 * What a schedule does, counted: the same record comes from a schedule's prediction
 * ({@link CheckpointSchedule#counts()}) and from running it through {@link ScheduleChecker}, and
 * the two must agree exactly.
 *
 * @param steps N, the number of time steps reversed
 * @param advances forward steps that record nothing ({@code t(N, s)} for the optimal binomial
 *        schedule; it includes the first forward sweep)
 * @param takeshots snapshots written, to any storage level
 * @param restores snapshots read, from any storage level
 * @param tapedSteps forward steps that record what the adjoint needs (N for a complete schedule)
 * @param diskWrites snapshots written to {@link Storage#DISK}
 * @param diskReads snapshots read from {@link Storage#DISK}
 * @param peakSlots largest number of live RAM snapshots at any time
 * @param peakDiskSlots largest number of live disk snapshots at any time
 * @param peakTapes largest number of step tapes held at any time (1 for revolve, N for store-all)
 * @param actions number of actions including the final Terminate
 */
public record ScheduleCounts(long steps, long advances, long takeshots, long restores, long tapedSteps,
        long diskWrites, long diskReads, int peakSlots, int peakDiskSlots, long peakTapes, long actions) {

    /**
     * Every forward step evaluated while running the schedule: {@code advances + tapedSteps}.
     *
     * @return forward step evaluations
     */
    public long forwardSteps() {
        return advances + tapedSteps;
    }

    /**
     * Forward step evaluations per time step, {@code (advances + tapedSteps) / N}: 1 for
     * store-all, {@code 1 + t(N, s) / N} for binomial; 0 when N = 0.
     *
     * @return the recomputation factor
     */
    public double recomputationFactor() {
        return steps == 0 ? 0.0 : (double) forwardSteps() / steps;
    }
}
