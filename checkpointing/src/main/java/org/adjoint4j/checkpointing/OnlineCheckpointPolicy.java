package org.adjoint4j.checkpointing;

import java.util.Arrays;

/**
 * Decides, step by step and without knowing N, which states to keep in C slots: Stumm &amp;
 * Walther's Algorithm I (SIAM J. Sci. Comput. 32(2), 2010) while {@code k < u2 - 1} with
 * {@code u2 = (C + 1)(C + 2) / 2}, then the dynamic checkpointing of Wang, Moin &amp; Iaccarino
 * (SIAM J. Sci. Comput. 31(4), 2009), exactly as Equinox's {@code checkpointed_while_loop} runs
 * them (the variant whose checkpoint sets are tabulated in the reference). Slot 0 always keeps
 * {@code x_0}.
 *
 * <p>Stumm–Walther state {@code (i, o, p, save) = (0, C, C, true)}; before step k:
 * <pre>
 *   keep = save; slot = i
 *   if save: i += 1; if i &gt; o: i = 1
 *   if k + 1 == p: save = false
 *   if k == p: p += o; o -= 1; i = o; save = (o &gt; 0)
 * </pre>
 * Wang–Moin, from {@code k = u2 - 1} on, keeps every state: if some slot is flagged dispensable, the
 * flagged slot holding the latest step is overwritten and gets level 0; otherwise the slot holding
 * the latest step is overwritten with its level + 1, and every slot of a lower level than its old
 * one is flagged. Slot 0 has an infinite level.
 *
 * <p>With {@code N <= u2 - 1} steps the kept set reverses within a step or two of the offline
 * optimum {@code t(N, C)} (see {@link OnlineSchedule}); beyond, the excess grows slowly.
 */
public final class OnlineCheckpointPolicy {

    private final int slots;
    private final long u2Minus1;
    private final long[] stepInSlot;
    private final long[] level;
    private final boolean[] dispensable;
    private long nextStep;
    // Stumm–Walther Algorithm I state.
    private long i;
    private long o;
    private long p;
    private boolean save;

    /** @param slots C, at least 1 */
    public OnlineCheckpointPolicy(int slots) {
        Arguments.requireAtLeast("slots", slots, 1);
        this.slots = slots;
        this.u2Minus1 = ((long) slots + 1) * ((long) slots + 2) / 2 - 1;
        this.stepInSlot = new long[slots];
        this.level = new long[slots];
        this.dispensable = new boolean[slots];
        Arrays.fill(stepInSlot, -1);
        level[0] = Long.MAX_VALUE;
        this.o = slots;
        this.p = slots;
        this.save = true;
    }

    /** @return C */
    public int slots() {
        return slots;
    }

    /**
     * Called with the working state at {@code x_k}, before step k is taken, for
     * {@code k = 0, 1, 2, ...} in order.
     *
     * @param k the current step
     * @return the slot in which to keep {@code x_k} (overwriting what it held), or -1 to keep
     *         nothing
     */
    public int slotFor(long k) {
        if (k != nextStep) {
            throw new IllegalArgumentException("steps must be presented in order: expected step " + nextStep
                    + ", got " + k);
        }
        nextStep++;
        int slot = k < u2Minus1 ? stummWalther(k) : wangMoin();
        if (slot >= 0) {
            stepInSlot[slot] = k;
        }
        return slot;
    }

    /**
     * The step held by each slot after the steps presented so far.
     *
     * @return a copy: entry j is the step held by slot j, or -1 if the slot was never used
     */
    public long[] stepsInSlots() {
        return stepInSlot.clone();
    }

    private int stummWalther(long k) {
        boolean keep = save;
        int slot = (int) i;
        if (save) {
            i++;
            if (i > o) {
                i = 1;
            }
        }
        if (k + 1 == p) {
            save = false;
        }
        if (k == p) {
            p += o;
            o--;
            i = o;
            save = o > 0;
        }
        return keep ? slot : -1;
    }

    private int wangMoin() {
        if (slots == 1) {
            return -1; // the only slot holds x_0
        }
        int index = -1;
        for (int j = 0; j < slots; j++) {
            if (dispensable[j] && (index < 0 || stepInSlot[j] > stepInSlot[index])) {
                index = j;
            }
        }
        if (index >= 0) {
            dispensable[index] = false;
            level[index] = 0;
            return index;
        }
        index = 0;
        for (int j = 1; j < slots; j++) {
            if (stepInSlot[j] > stepInSlot[index]) {
                index = j;
            }
        }
        long old = level[index];
        for (int j = 0; j < slots; j++) {
            if (level[j] < old) {
                dispensable[j] = true;
            }
        }
        level[index] = old + 1;
        return index;
    }
}
