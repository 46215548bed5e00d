package org.adjoint4j.checkpointing;

/**
 * Planning questions answered without running anything: what a schedule will cost, the fewest
 * snapshots that meet a recomputation budget, and the recomputation a memory budget buys.
 *
 * <p>Costs are in forward step evaluations: the <em>recomputation factor</em> is
 * {@code (advances + tapedSteps) / N}, 1 for store-all and {@code 1 + t(N, s) / N} for binomial
 * checkpointing (see {@link ScheduleCounts#recomputationFactor()}).
 */
public final class CostModel {

    private CostModel() {
    }

    /**
     * The counts a strategy will produce for N steps (closed forms for store-all, uniform and
     * binomial; a policy simulation for online; the dynamic program for disk).
     *
     * @param spec the strategy
     * @param steps N
     * @return the predicted counts
     */
    public static ScheduleCounts predict(ScheduleSpec spec, long steps) {
        return spec.forSteps(steps).counts();
    }

    /**
     * The recomputation factor of binomial checkpointing, {@code (t(N, s) + N) / N}.
     *
     * @param steps N, at least 1
     * @param snapshots s, at least 1
     * @return the factor
     */
    public static double binomialFactor(long steps, long snapshots) {
        Arguments.requireAtLeast("steps", steps, 1);
        return (double) (Binomial.optimalAdvances(steps, snapshots) + steps) / steps;
    }

    /**
     * The fewest binomial snapshots whose recomputation factor is at most {@code maxFactor}.
     *
     * @param steps N, at least 1
     * @param maxFactor the budget of forward evaluations per step
     * @return the smallest s with {@code (t(N, s) + N) / N <= maxFactor}
     * @throws IllegalArgumentException if no s reaches the budget (the best binomial factor is
     *         {@code (2N - 1) / N}; store-all reaches 1 with N tapes)
     */
    public static int fewestSnapshots(long steps, double maxFactor) {
        Arguments.requireAtLeast("steps", steps, 1);
        if (!(maxFactor > 0) || Double.isInfinite(maxFactor)) {
            throw new IllegalArgumentException("maxFactor must be finite and > 0, got " + maxFactor);
        }
        long hi = Math.max(1, Math.min(steps - 1, Integer.MAX_VALUE));
        if (binomialFactor(steps, hi) > maxFactor) {
            throw new IllegalArgumentException("recomputation factor " + maxFactor + " is out of reach of binomial "
                    + "checkpointing for " + steps + " steps: the best is " + binomialFactor(steps, hi) + " with "
                    + hi + " snapshots (store-all reaches 1.0 with " + steps + " tapes)");
        }
        long lo = 0; // factor(lo) > maxFactor, or lo = 0 (no slots)
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (binomialFactor(steps, mid) <= maxFactor) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (int) hi;
    }

    /**
     * How many snapshots fit in a memory budget.
     *
     * @param memoryBytes the budget
     * @param bytesPerSnapshot the size of one stored state
     * @return {@code floor(memoryBytes / bytesPerSnapshot)}, capped at {@link Integer#MAX_VALUE}
     * @throws IllegalArgumentException if not even one snapshot fits
     */
    public static int snapshotsForMemory(long memoryBytes, long bytesPerSnapshot) {
        Arguments.requireAtLeast("bytesPerSnapshot", bytesPerSnapshot, 1);
        Arguments.requireNonNegative("memoryBytes", memoryBytes);
        long s = memoryBytes / bytesPerSnapshot;
        if (s < 1) {
            throw new IllegalArgumentException("a memory budget of " + memoryBytes + " bytes holds no snapshot of "
                    + bytesPerSnapshot + " bytes");
        }
        return (int) Math.min(s, Integer.MAX_VALUE);
    }

    /**
     * The counts of binomial checkpointing with as many snapshots as a memory budget holds.
     *
     * @param steps N
     * @param memoryBytes the budget
     * @param bytesPerSnapshot the size of one stored state
     * @return the predicted counts
     */
    public static ScheduleCounts forMemory(long steps, long memoryBytes, long bytesPerSnapshot) {
        return new BinomialSchedule(steps, snapshotsForMemory(memoryBytes, bytesPerSnapshot)).counts();
    }
}
