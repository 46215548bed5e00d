package org.adjoint4j.checkpointing;

import java.math.BigInteger;

/**
 * Closed forms of binomial checkpointing (Griewank 1992; Griewank &amp; Walther 2000, ACM TOMS 26(1),
 * Alg. 799 "revolve"), in exact 64-bit arithmetic.
 *
 * <pre>
 *   beta(s, r) = C(s + r, s)            largest N that s slots reverse with no step advanced more than r times
 *   r(N, s)    = min { r &gt;= 0 : beta(s, r) &gt;= N }                     the repetition number
 *   t(N, s)    = r N - C(s + r, s + 1)  = r N - beta(s + 1, r - 1)      minimal advances (GW2000, Prop. 1)
 * </pre>
 * {@code t} counts every advance including the first forward sweep {@code 0 -> N-1}, and none of
 * the {@code N} taped steps; {@code s} counts the slot holding {@code x_0}. Equivalent forms:
 * {@code t(N+1, s) = t(N, s) + r(N+1, s)}, and the dynamic program
 * {@code t(N, s) = min_{0<i<N} [ i + t(i, s) + t(N-i, s-1) ]}.
 *
 * <p>Every value is exact or the method throws {@link ArithmeticException}; {@link #beta} alone
 * saturates at {@link Long#MAX_VALUE} because callers only compare it with a step count.
 */
public final class Binomial {

    private Binomial() {
    }

    /**
     * {@code beta(s, r) = C(s + r, s)}, saturated at {@link Long#MAX_VALUE}.
     *
     * @param s number of slots (any sign; negative gives 0)
     * @param r repetition number (any sign; negative gives 0)
     * @return {@code C(s + r, s)} for {@code s, r >= 0}, 0 if either is negative, or
     *         {@code Long.MAX_VALUE} if the true value does not fit
     */
    public static long beta(long s, long r) {
        if (s < 0 || r < 0) {
            return 0;
        }
        long k = Math.min(s, r);
        if (k == 0) {
            return 1;
        }
        long top = s + r;
        if (top < 0) { // s + r overflowed, so C(s + r, k) >= s + r > Long.MAX_VALUE
            return Long.MAX_VALUE;
        }
        // C(top - k + i, i) for i = 1..k, each exact; the product is formed before the division,
        // as revolve does, so every division is exact.
        long value = 1;
        for (long i = 1; i <= k; i++) {
            long factor = top - k + i;
            long high = Math.multiplyHigh(value, factor);
            long low = value * factor;
            if (high != 0 || low < 0) {
                return betaBig(top, k, value, i);
            }
            value = low / i;
        }
        return value;
    }

    private static long betaBig(long top, long k, long value, long from) {
        BigInteger v = BigInteger.valueOf(value);
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        for (long i = from; i <= k; i++) {
            v = v.multiply(BigInteger.valueOf(top - k + i)).divide(BigInteger.valueOf(i));
            // C(top - k + i, i) grows with i, so once it passes the bound it stays there.
            if (v.compareTo(max) > 0) {
                return Long.MAX_VALUE;
            }
        }
        return v.longValue();
    }

    /**
     * The repetition number {@code r(N, s)}: the smallest {@code r >= 0} with
     * {@code beta(s, r) >= N}; the largest number of times the optimal schedule advances any
     * single step.
     *
     * @param steps N, at least 0
     * @param snapshots s, at least 1
     * @return r(N, s); 0 for {@code N <= 1}
     */
    public static long repetitionNumber(long steps, long snapshots) {
        Arguments.requireNonNegative("steps", steps);
        Arguments.requireAtLeast("snapshots", snapshots, 1);
        if (steps <= 1) {
            return 0;
        }
        // beta(s, r) is increasing in r: bracket by doubling, then bisect.
        long hi = 1;
        while (beta(snapshots, hi) < steps) {
            hi *= 2;
        }
        long lo = hi / 2; // beta(s, lo) < steps (or lo == 0 < 1 <= r)
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (beta(snapshots, mid) >= steps) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * The minimal number of advances {@code t(N, s) = r N - C(s + r, s + 1)} of an offline
     * schedule reversing N steps with s slots.
     *
     * @param steps N, at least 0
     * @param snapshots s, at least 1
     * @return t(N, s); {@code N - 1} when {@code s >= N - 1}; {@code N (N - 1) / 2} when s = 1
     * @throws ArithmeticException if t(N, s) does not fit in 64 bits
     */
    public static long optimalAdvances(long steps, long snapshots) {
        long r = repetitionNumber(steps, snapshots);
        if (steps <= 1) {
            return 0;
        }
        long high = Math.multiplyHigh(r, steps);
        long low = r * steps;
        if (high == 0 && low >= 0) {
            // C(s + r, s + 1) <= r N because t >= 0, so it cannot saturate here.
            return low - beta(snapshots + 1, r - 1);
        }
        // r N overflows although t may not: finish in BigInteger (C(s + r, s + 1) <= r N < 2^127).
        BigInteger t = BigInteger.valueOf(r).multiply(BigInteger.valueOf(steps))
                .subtract(choose(snapshots + r, Math.min(snapshots + 1, r - 1)));
        if (t.bitLength() >= 64) {
            throw new ArithmeticException("t(N, s) exceeds 64 bits for N=" + steps + ", s=" + snapshots
                    + " (repetition number " + r + ")");
        }
        return t.longValue();
    }

    private static BigInteger choose(long n, long k) {
        BigInteger v = BigInteger.ONE;
        for (long i = 1; i <= k; i++) {
            v = v.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return v;
    }

    /**
     * Revolve's choice of how far to advance from a stored position (Griewank &amp; Walther 2000,
     * "the equation at the bottom of p. 34"; revolve.cpp {@code Offline::revolve}): with m steps
     * left to reverse and {@code ds} slots usable from here (counting the one holding the current
     * position),
     * <pre>
     *   r = r(m, ds), range = beta(ds, r)
     *   if m &lt;= beta(ds, r-1) + beta(ds-2, r-1):  advance beta(ds, r-2)
     *   elif m &gt;= range - beta(ds-3, r):          advance beta(ds, r-1)
     *   else:                                     advance m - beta(ds-1, r-1) - beta(ds-2, r-1)
     * </pre>
     * with {@code beta(ds-2, .) = 0} for {@code ds = 1} and {@code beta(ds-3, .) = 0} for
     * {@code ds < 3}, and at least one step.
     *
     * @param m steps left to reverse from the stored position, at least 2
     * @param ds slots usable from here, at least 1
     * @return the number of steps to advance, in {@code [1, m - 1]}
     */
    public static long revolveAdvance(long m, long ds) {
        if (m < 2 || ds < 1) {
            throw new IllegalArgumentException("revolveAdvance needs m >= 2 and ds >= 1, got m=" + m + ", ds=" + ds);
        }
        long r = repetitionNumber(m, ds);
        long range = beta(ds, r);
        if (range == Long.MAX_VALUE) {
            throw new ArithmeticException("revolve's binomials exceed 64 bits for m=" + m + ", ds=" + ds);
        }
        long bino1 = beta(ds, r - 1);
        long bino2 = beta(ds - 1, r - 1);
        long bino3 = ds == 1 ? 0 : beta(ds - 2, r - 1);
        long bino4 = beta(ds, r - 2);
        long bino5 = ds < 3 ? 0 : beta(ds - 3, r);
        long k;
        if (m <= bino1 + bino3) {
            k = bino4;
        } else if (m >= range - bino5) {
            k = bino1;
        } else {
            k = m - bino2 - bino3;
        }
        return Math.max(k, 1);
    }
}
