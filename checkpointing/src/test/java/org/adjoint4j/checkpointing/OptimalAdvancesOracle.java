package org.adjoint4j.checkpointing;

/**
 * An independent oracle for the minimal number of advances: the dynamic program of
 * checkpoint_schedules {@code optimal_extra_steps}, CAMS {@code dp()} and Pallez's
 * {@code get_opt_0_table}, written from its definition and sharing no code with {@link Binomial}:
 * <pre>
 *   t(1, s) = 0,  t(N, 1) = N (N - 1) / 2,
 *   t(N, s) = min_{0 &lt; i &lt; N} [ i + t(i, s) + t(N - i, s - 1) ]
 * </pre>
 * (advance i steps, store x_i, reverse the right part with one slot less, restore x_0, reverse
 * the left part).
 */
final class OptimalAdvancesOracle {

    static final int MAX_STEPS = 2000;
    static final int MAX_SNAPSHOTS = 40;

    private static long[][] table;

    private OptimalAdvancesOracle() {
    }

    /** @return t[s][N] for 1 &lt;= s &lt;= 40 and 0 &lt;= N &lt;= 2000 */
    static synchronized long[][] table() {
        if (table == null) {
            long[][] t = new long[MAX_SNAPSHOTS + 1][MAX_STEPS + 1];
            for (int n = 1; n <= MAX_STEPS; n++) {
                t[1][n] = (long) n * (n - 1) / 2;
            }
            for (int s = 2; s <= MAX_SNAPSHOTS; s++) {
                for (int n = 2; n <= MAX_STEPS; n++) {
                    long best = Long.MAX_VALUE;
                    for (int i = 1; i < n; i++) {
                        best = Math.min(best, i + t[s][i] + t[s - 1][n - i]);
                    }
                    t[s][n] = best;
                }
            }
            table = t;
        }
        return table;
    }

    static long optimal(int steps, int snapshots) {
        return table()[snapshots][steps];
    }
}
