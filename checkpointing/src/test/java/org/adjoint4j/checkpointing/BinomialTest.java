package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Closed forms of binomial checkpointing against the reference's tables and independent oracles. */
class BinomialTest {

    @Test
    void betaMatchesTheReferenceRows() {
        long[][] rows = {
            {1, 3, 6, 10, 15, 21, 28},
            {1, 4, 10, 20, 35, 56, 84},
            {1, 5, 15, 35, 70, 126, 210},
            {1, 6, 21, 56, 126, 252, 462},
        };
        for (int s = 2; s <= 5; s++) {
            for (int r = 0; r <= 6; r++) {
                assertEquals(rows[s - 2][r], Binomial.beta(s, r), "beta(" + s + ", " + r + ")");
            }
        }
        assertEquals(0, Binomial.beta(3, -1));
        assertEquals(0, Binomial.beta(-1, 3));
        assertEquals(1, Binomial.beta(0, 7));
    }

    @Test
    void betaIsExactOrSaturatedAgainstBigInteger() {
        Random random = new Random(234);
        for (int trial = 0; trial < 20_000; trial++) {
            long s = random.nextInt(4) == 0 ? random.nextInt(2_000_000) : random.nextInt(90);
            long r = random.nextInt(4) == 0 ? random.nextInt(2_000_000) : random.nextInt(90);
            BigInteger exact = choose(s + r, Math.min(s, r));
            long expected = exact.bitLength() < 64 ? exact.longValue() : Long.MAX_VALUE;
            assertEquals(expected, Binomial.beta(s, r), "beta(" + s + ", " + r + ")");
        }
        assertEquals(Long.MAX_VALUE, Binomial.beta(40, 40), "C(80, 40) ~ 1.1e23 saturates");
        assertEquals(Long.MAX_VALUE, Binomial.beta(Long.MAX_VALUE - 1, 2), "s + r overflow saturates");
    }

    @Test
    void optimalAdvancesMatchesTheReferenceTable() {
        int[] steps = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30, 50, 100, 200, 500, 1000};
        long[][] table = {
            {0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}, {3, 2, 2, 2, 2, 2}, {6, 4, 3, 3, 3, 3},
            {10, 6, 5, 4, 4, 4}, {15, 8, 7, 6, 5, 5}, {21, 11, 9, 8, 7, 6}, {28, 14, 11, 10, 9, 8},
            {36, 17, 13, 12, 11, 10}, {45, 20, 15, 14, 13, 12}, {105, 40, 30, 24, 23, 22},
            {190, 65, 45, 39, 33, 32}, {435, 126, 85, 69, 62, 54}, {1225, 285, 180, 144, 122, 114},
            {4950, 845, 490, 374, 316, 280}, {19900, 2470, 1305, 948, 790, 680},
            {124750, 10044, 4680, 3213, 2576, 2208}, {499500, 28820, 12155, 7998, 6284, 5284},
        };
        for (int i = 0; i < steps.length; i++) {
            for (int s = 1; s <= 6; s++) {
                assertEquals(table[i][s - 1], Binomial.optimalAdvances(steps[i], s), "t(" + steps[i] + ", " + s + ")");
            }
        }
        assertEquals(3636, Binomial.optimalAdvances(1000, 10));
        assertEquals(105, Binomial.optimalAdvances(50, 7));
        assertEquals(57624, Binomial.optimalAdvances(10_000, 10));
        assertEquals(534220, Binomial.optimalAdvances(100_000, 20));
        assertEquals(4, Binomial.repetitionNumber(100, 5));
        assertEquals(17, Binomial.repetitionNumber(1000, 3));
        assertEquals(7, Binomial.repetitionNumber(10_000, 10));
    }

    /** Every N <= 2000 and s <= 40: the closed form, the DP and the sum of repetition numbers agree. */
    @Test
    void closedFormEqualsDynamicProgramAndSumOfRepetitionNumbers() {
        for (int s = 1; s <= OptimalAdvancesOracle.MAX_SNAPSHOTS; s++) {
            long sumOfR = 0;
            for (int n = 0; n <= OptimalAdvancesOracle.MAX_STEPS; n++) {
                if (n >= 1) {
                    sumOfR += Binomial.repetitionNumber(n, s);
                }
                long closed = Binomial.optimalAdvances(n, s);
                assertEquals(OptimalAdvancesOracle.optimal(n, s), closed, "DP t(" + n + ", " + s + ")");
                assertEquals(sumOfR, closed, "sum of r(k, s), k <= N, for t(" + n + ", " + s + ")");
            }
        }
    }

    /** Large N and s, 64-bit: the closed form against a BigInteger sum over repetition numbers. */
    @Test
    void largeArgumentsAreExactOrRaiseOverflow() {
        Random random = new Random(7);
        int exact = 0;
        int overflow = 0;
        for (int trial = 0; trial < 3000; trial++) {
            long n = switch (trial % 3) {
                case 0 -> 2 + (long) (Math.pow(10, 3 + 12 * random.nextDouble()));
                case 1 -> 2 + (random.nextLong() >>> (1 + random.nextInt(20)));
                default -> Long.MAX_VALUE - random.nextInt(1000);
            };
            long s = trial % 5 == 0 ? 1 + random.nextInt(1_000_000) : 1 + random.nextInt(40);
            BigInteger oracle = sumOfRepetitionNumbers(n, s);
            if (oracle == null) {
                continue; // r too large for the O(r) oracle to be quick; the overflow is certain anyway
            }
            if (oracle.bitLength() < 64) {
                assertEquals(oracle.longValue(), Binomial.optimalAdvances(n, s), "t(" + n + ", " + s + ")");
                exact++;
            } else {
                ArithmeticException e = assertThrows(ArithmeticException.class, () -> Binomial.optimalAdvances(n, s));
                assertTrue(e.getMessage().contains("N=" + n), e.getMessage());
                overflow++;
            }
        }
        assertTrue(exact > 1500 && overflow > 500, "both regimes sampled: " + exact + " exact, " + overflow + " overflow");
    }

    @Test
    void limitingCases() {
        for (int n = 1; n <= 300; n++) {
            assertEquals((long) n * (n - 1) / 2, Binomial.optimalAdvances(n, 1), "s = 1");
            assertEquals(n - 1, Binomial.optimalAdvances(n, Math.max(1, n - 1)), "s = N - 1");
            assertEquals(n - 1, Binomial.optimalAdvances(n, n + 5), "s > N");
            for (int s = 1; s <= 12; s++) {
                assertTrue(Binomial.optimalAdvances(n, s + 1) <= Binomial.optimalAdvances(n, s), "nonincreasing in s");
                assertTrue(Binomial.optimalAdvances(n + 1, s) >= Binomial.optimalAdvances(n, s), "nondecreasing in N");
            }
        }
        assertEquals(0, Binomial.optimalAdvances(0, 3));
        assertEquals(0, Binomial.optimalAdvances(1, 3));
    }

    @Test
    void revolvesFirstAdvanceIsAnOptimalSplit() {
        assertEquals(6, Binomial.revolveAdvance(10, 2));
        assertEquals(45, Binomial.revolveAdvance(100, 5));
        assertEquals(286, Binomial.revolveAdvance(1000, 10));
        assertEquals(8, Binomial.revolveAdvance(50, 7));
        for (int s = 2; s <= 12; s++) {
            for (int n = 2; n <= 600; n++) {
                long i = Binomial.revolveAdvance(n, s);
                assertTrue(i >= 1 && i < n, "advance in [1, N-1]");
                long viaSplit = i + OptimalAdvancesOracle.optimal((int) i, s) + OptimalAdvancesOracle.optimal(n - (int) i, s - 1);
                assertEquals(OptimalAdvancesOracle.optimal(n, s), viaSplit, "split " + i + " of N=" + n + ", s=" + s);
            }
        }
    }

    @Test
    void badArgumentsNameTheArgumentAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binomial.optimalAdvances(10, 0));
        assertEquals("snapshots must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Binomial.optimalAdvances(-3, 2));
        assertEquals("steps must be >= 0, got -3", e.getMessage());
    }

    private static BigInteger choose(long n, long k) {
        BigInteger v = BigInteger.ONE;
        for (long i = 1; i <= k; i++) {
            v = v.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
            if (v.bitLength() > 70) {
                return v; // large enough to saturate; C grows with i
            }
        }
        return v;
    }

    /**
     * t(N, s) = sum_{r'=1..r} r' (min(N, beta(s, r')) - beta(s, r' - 1)), in BigInteger; stops as
     * soon as the sum passes 64 bits, and gives up (null) after 20000 terms.
     */
    private static BigInteger sumOfRepetitionNumbers(long n, long s) {
        BigInteger bigN = BigInteger.valueOf(n);
        BigInteger total = BigInteger.ZERO;
        BigInteger previous = BigInteger.ONE; // beta(s, 0)
        for (long r = 1; previous.compareTo(bigN) < 0; r++) {
            if (r > 20_000) {
                return null;
            }
            BigInteger current = previous.multiply(BigInteger.valueOf(s + r)).divide(BigInteger.valueOf(r));
            BigInteger top = current.min(bigN);
            total = total.add(BigInteger.valueOf(r).multiply(top.subtract(previous)));
            if (total.bitLength() > 64) {
                return total;
            }
            previous = current;
        }
        return total;
    }
}
