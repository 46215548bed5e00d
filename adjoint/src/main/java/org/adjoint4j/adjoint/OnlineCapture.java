package org.adjoint4j.adjoint;

import org.adjoint4j.checkpointing.OnlineCheckpointPolicy;
import org.adjoint4j.solvers.AdaptiveIntegration;

/**
 * Online checkpointing during Hipparchus's own adaptive run: each accepted state is offered to
 * the {@link OnlineCheckpointPolicy} as soon as the next one shows it was not the last, so the
 * forward solve is the online schedule's first sweep and nothing is recomputed for it. Hipparchus's
 * states equal the replay's bit for bit, so these snapshots are the schedule's.
 */
final class OnlineCapture implements AdaptiveIntegration.StepListener {

    private final OnlineCheckpointPolicy policy;
    private final double[][] slotState;
    private final long[] slotStep;
    private double[] pending;
    private long pendingStep;

    /**
     * @param slots C
     * @param initialState {@code x_0} (kept by reference; not modified)
     */
    OnlineCapture(int slots, double[] initialState) {
        this.policy = new OnlineCheckpointPolicy(slots);
        this.slotState = new double[slots][];
        this.slotStep = new long[slots];
        java.util.Arrays.fill(slotStep, -1);
        this.pending = initialState;
        this.pendingStep = 0;
    }

    @Override
    public void accepted(int stepsDone, double time, double[] state) {
        keep(pending, pendingStep);
        pending = state;
        pendingStep = stepsDone;
    }

    private void keep(double[] state, long step) {
        int slot = policy.slotFor(step);
        if (slot >= 0) {
            slotState[slot] = state.clone();
            slotStep[slot] = step;
        }
    }

    /**
     * @param slot a slot
     * @param step the step the schedule says it holds
     * @return its state
     */
    double[] state(int slot, long step) {
        if (slotStep[slot] != step) {
            throw new IllegalStateException("online slot " + slot + " holds step " + slotStep[slot] + ", the schedule "
                    + "expects step " + step);
        }
        return slotState[slot];
    }
}
