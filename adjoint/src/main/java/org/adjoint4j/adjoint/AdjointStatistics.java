package org.adjoint4j.adjoint;

/**
 * What a gradient computation did.
 *
 * @param steps N, the accepted steps
 * @param advances unrecorded forward steps, exactly as the schedule counts them (t(N, s) for
 *        binomial; they include the first sweep, which for online checkpointing of an adaptive run
 *        is the forward solve itself)
 * @param tapedSteps steps recorded for the adjoint (N)
 * @param rhsEvaluations right-hand sides of the model, forward solve included
 * @param vjpEvaluations vector-Jacobian products of the model (state and parameter products at
 *        one point count once)
 * @param linearSolves linear solves (implicit methods; 0 for explicit ones)
 * @param peakCheckpoints most snapshots held at once (RAM and disk)
 * @param peakCheckpointBytes most bytes of snapshots and tapes held at once
 * @param forwardSeconds the forward solve alone: what a user pays without gradients
 * @param adjointSeconds everything after it: recomputation and the backward sweep
 * @param schedule the schedule used, in its text form (e.g. {@code binomial:30})
 */
public record AdjointStatistics(long steps, long advances, long tapedSteps, long rhsEvaluations, long vjpEvaluations,
        long linearSolves, long peakCheckpoints, long peakCheckpointBytes, double forwardSeconds,
        double adjointSeconds, String schedule) {
}
