package org.adjoint4j.checkpointing;

/**
 * Revolve as a state machine, one action per call and nothing allocated: a port of
 * {@code Offline::revolve} (Griewank, Walther &amp; Stumm, revolve.cpp) over a segment
 * {@code [start, start + length)}. State: the working position {@code capo}, the end of the part
 * not yet reversed {@code fine}, and the stack of stored positions {@code ch[0..check]}.
 * <pre>
 *   fine - capo == 0:  restore the top of the stack (or the segment is done)
 *   fine - capo == 1:  turn at capo; fine -= 1; pop the stack if it held capo
 *   otherwise:         push capo if it is not stored, else advance by Binomial.revolveAdvance
 * </pre>
 * A segment may begin with {@code x_start} already stored at stack depth 0 (the reversal of an
 * online checkpoint set); it then ends with the turn of step {@code start}, which frees that slot.
 * Slot indices are the stack depths, or their images under a label map.
 */
final class RevolveMachine {

    /** Whether a turn has happened anywhere in the schedule: the first is a FirstTurn. */
    static final class Turns {
        private boolean any;

        void emit(ActionSink sink, long step) {
            if (any) {
                sink.youTurn(step);
            } else {
                any = true;
                sink.firstTurn(step);
            }
        }

        void reversed() {
            any = true;
        }
    }

    private final long start;
    private final long slots;
    private final int[] labels;
    private final long[] ch;
    private final Turns turns;
    private int check;
    private long capo;
    private long fine;

    /**
     * @param start first step of the segment
     * @param length steps in it, at least 0
     * @param slots usable slots, counting the one for {@code x_start}, at least 1
     * @param labels slot index per stack depth, or null for the identity
     * @param startStored whether {@code x_start} is already the working state and stored at depth 0
     * @param turns the schedule-wide turn flag
     */
    RevolveMachine(long start, long length, long slots, int[] labels, boolean startStored, Turns turns) {
        this.start = start;
        this.slots = slots;
        this.labels = labels;
        this.turns = turns;
        this.ch = new long[(int) Math.min(slots, Math.max(1, length))];
        this.capo = start;
        this.fine = start + length;
        this.check = startStored ? 0 : -1;
        ch[0] = start;
    }

    /**
     * Emits the next action of the segment.
     *
     * @param sink receives one call when this returns true, none otherwise
     * @return false when the segment is done
     */
    boolean next(ActionSink sink) {
        long m = fine - capo;
        if (m == 0) {
            if (check < 0) {
                return false;
            }
            capo = ch[check];
            sink.restore(label(check), capo, Storage.RAM);
            return true;
        }
        if (m == 1) {
            fine--;
            if (check >= 0 && ch[check] == capo) {
                check--;
            }
            turns.emit(sink, capo);
            return true;
        }
        if (check < 0 || ch[check] != capo) {
            check++;
            ch[check] = capo;
            sink.takeshot(label(check), capo, Storage.RAM);
            return true;
        }
        long from = capo;
        capo += Binomial.revolveAdvance(m, slots - check);
        sink.advance(from, capo);
        return true;
    }

    private int label(int depth) {
        return labels == null ? depth : labels[depth];
    }

    /** @return the first step of the segment */
    long start() {
        return start;
    }
}
