package org.adjoint4j.checkpointing;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts what revolve does on a segment without generating it, by memoized recursion over the
 * same rule ({@link Binomial#revolveAdvance}) that {@link RevolveMachine} follows.
 *
 * <p>A segment of m steps whose start is stored, with ds usable slots, advances k steps, handles
 * the right part (m - k steps, ds - 1 slots) and restores, then continues as a segment of k steps
 * with ds slots. Closed forms end the recursion: m = 1 does nothing but the turn; ds = 1 advances
 * {@code m (m - 1) / 2}; ds = 2 takes {@code r - 1 + [m = beta(2, r)]} snapshots; ds &gt;= m - 1
 * stores every state ({@code m - 1} advances, {@code m - 2} takeshots). The number of distinct (m, ds) met is small (519 for N = 10^9, s = 30), so counting
 * is fast for any N; the explicit stack keeps deep recursions off the call stack.
 */
final class RevolveCounter {

    /**
     * Counts of reversing one segment whose start is stored, from its first advance to the turn of
     * its first step (excluded: the takeshot of the start and the restore that follows).
     *
     * @param advances steps advanced
     * @param advanceActions Advance actions
     * @param takeshots snapshots taken inside the segment
     * @param maxLive most live slots, counting the start's
     */
    record Segment(long advances, long advanceActions, long takeshots, long maxLive) {
        /** Turns: one per step. Restores: one after every turn but the last. */
        long actions(long steps) {
            return advanceActions + takeshots + (steps - 1) + steps;
        }
    }

    private final Map<Long, Map<Long, Segment>> memo = new HashMap<>();

    /**
     * @param m steps in the segment, at least 1
     * @param ds usable slots, at least 1
     * @return the segment's counts
     */
    Segment count(long m, long ds) {
        Segment known = shortcut(m, ds);
        if (known != null) {
            return known;
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(m, ds));
        Segment result = null;
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.pendingRight != null) {
                f.absorbRight(f.pendingRight);
                f.pendingRight = null;
            }
            if (f.remaining <= 1) {
                stack.pop();
                result = new Segment(f.advances, f.advanceActions, f.takeshots, f.maxLive);
                memo.computeIfAbsent(f.ds, d -> new HashMap<>()).put(f.m, result);
                Frame parent = stack.peek();
                if (parent != null) {
                    parent.pendingRight = result;
                }
                continue;
            }
            long k = Binomial.revolveAdvance(f.remaining, f.ds);
            long right = f.remaining - k;
            f.advances = Math.addExact(f.advances, k);
            f.advanceActions++;
            f.remaining = k;
            if (right >= 2) {
                Segment r = shortcut(right, f.ds - 1);
                if (r != null) {
                    f.absorbRight(r);
                } else {
                    stack.push(new Frame(right, f.ds - 1));
                }
            }
        }
        return result;
    }

    private Segment shortcut(long m, long ds) {
        if (m == 1) {
            return new Segment(0, 0, 0, 1);
        }
        if (ds == 1) {
            return new Segment(Math.multiplyExact(m, m - 1) / 2, m - 1, 0, 1);
        }
        if (ds >= m - 1) {
            return new Segment(m - 1, m - 1, m - 2, m - 1);
        }
        if (ds == 2) {
            // Every chain step's right part has r + 1 steps, so one snapshot per step of r except
            // where the chain ends on m = 2; exhaustive tests hold this against generated schedules.
            long r = Binomial.repetitionNumber(m, 2);
            long takeshots = r - 1 + (m == Binomial.beta(2, r) ? 1 : 0);
            return new Segment(Binomial.optimalAdvances(m, 2), m - 1, takeshots, takeshots > 0 ? 2 : 1);
        }
        Map<Long, Segment> byM = memo.get(ds);
        return byM == null ? null : byM.get(m);
    }

    private static final class Frame {
        final long m;
        final long ds;
        long remaining;
        long advances;
        long advanceActions;
        long takeshots;
        long maxLive = 1;
        Segment pendingRight;

        Frame(long m, long ds) {
            this.m = m;
            this.ds = ds;
            this.remaining = m;
        }

        /** The right part was stored in a new slot above this segment's own. */
        void absorbRight(Segment r) {
            advances = Math.addExact(advances, r.advances());
            advanceActions += r.advanceActions();
            takeshots += 1 + r.takeshots();
            maxLive = Math.max(maxLive, 1 + r.maxLive());
        }
    }
}
