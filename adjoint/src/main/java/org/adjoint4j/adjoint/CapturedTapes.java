package org.adjoint4j.adjoint;

import java.util.Arrays;
import org.adjoint4j.solvers.ForwardTapes;
import org.adjoint4j.solvers.ReplayStepper;
import org.adjoint4j.solvers.StepTape;

/**
 * The tapes an adaptive forward run took as it went ({@link ForwardTapes}), for a store-all
 * adjoint: while their bytes stay within a budget every accepted step's tape is kept, and when the
 * next one would not fit the capture gives up and lets the tapes go (the schedule then replays, as
 * without it). Complete, they are exactly the tapes the store-all sweep would record.
 */
final class CapturedTapes implements ForwardTapes {

    private final ReplayStepper stepper;
    private final long budget;
    private StepTape[] tapes = new StepTape[64];
    private int count;
    private StepTape current;
    private boolean abandoned;

    /**
     * @param stepper makes tapes of the replay's layout
     * @param budget most bytes of tapes kept
     */
    CapturedTapes(ReplayStepper stepper, long budget) {
        this.stepper = stepper;
        this.budget = budget;
    }

    @Override
    public StepTape next() {
        if (abandoned) {
            return null;
        }
        if (current == null) {
            if ((count + 1L) * stepper.tapeBytes() > budget) {
                abandoned = true;
                tapes = null;
                return null;
            }
            current = stepper.newTape();
        }
        return current;
    }

    @Override
    public void accepted(int step) {
        if (step != count || current == null) {
            throw new IllegalStateException("tape of step " + step + " accepted after " + count + " steps");
        }
        if (count == tapes.length) {
            tapes = Arrays.copyOf(tapes, 2 * count);
        }
        tapes[count++] = current;
        current = null;
    }

    /**
     * @param steps N, the grid's steps
     * @return whether every step's tape is held
     */
    boolean complete(long steps) {
        return !abandoned && count == steps;
    }

    /**
     * @param step k
     * @return step k's tape
     */
    StepTape tape(long step) {
        return tapes[(int) step];
    }
}
