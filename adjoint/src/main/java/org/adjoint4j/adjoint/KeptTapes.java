package org.adjoint4j.adjoint;

import java.util.ArrayDeque;
import org.adjoint4j.solvers.ReplayStepper;
import org.adjoint4j.solvers.StepTape;

/**
 * The tapes a schedule keeps between a Record and the Reverse of each step, ordered by step.
 * Every held tape is below the adjoint front and the next step reversed is the front minus one,
 * so a reversal always takes the highest step held: a sorted array popped from its end. Tapes are
 * pooled, so steady state allocates nothing.
 */
final class KeptTapes {

    private final ReplayStepper stepper;
    private final ArrayDeque<StepTape> pool = new ArrayDeque<>();
    private StepTape[] tapes = new StepTape[16];
    private long[] steps = new long[16];
    private int size;
    private int allocated;

    KeptTapes(ReplayStepper stepper) {
        this.stepper = stepper;
    }

    /** @return a tape to fill for {@code step}, placed in step order */
    StepTape open(long step) {
        StepTape tape = pool.isEmpty() ? allocate() : pool.pop();
        if (size == tapes.length) {
            tapes = java.util.Arrays.copyOf(tapes, 2 * size);
            steps = java.util.Arrays.copyOf(steps, 2 * size);
        }
        int at = size;
        while (at > 0 && steps[at - 1] > step) {
            at--;
        }
        System.arraycopy(tapes, at, tapes, at + 1, size - at);
        System.arraycopy(steps, at, steps, at + 1, size - at);
        tapes[at] = tape;
        steps[at] = step;
        size++;
        return tape;
    }

    /**
     * @param step the step to reverse, the highest held
     * @return its tape, to be given back with {@link #release}
     */
    StepTape take(long step) {
        if (size == 0 || steps[size - 1] != step) {
            throw new IllegalStateException("no kept tape for step " + step);
        }
        size--;
        StepTape tape = tapes[size];
        tapes[size] = null;
        return tape;
    }

    /** Forgets the tapes held (returning them to the pool) for a new run. */
    void reset() {
        while (size > 0) {
            size--;
            pool.push(tapes[size]);
            tapes[size] = null;
        }
    }

    void release(StepTape tape) {
        pool.push(tape);
    }

    /** @return tapes ever allocated (the peak held) */
    int allocated() {
        return allocated;
    }

    private StepTape allocate() {
        allocated++;
        return stepper.newTape();
    }
}
