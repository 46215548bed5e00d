package org.adjoint4j.solvers;

import java.util.Arrays;
import org.hipparchus.ode.nonstiff.ButcherArrayProvider;

/**
 * A Runge–Kutta method as validated data: {@code s} stages with nodes {@code c}, coefficients
 * {@code a} (s x s) and weights {@code b}:
 * <pre>
 *   Y_i = y_n + h sum_j a_ij k_j,   k_i = f(t_n + c_i h, Y_i),   y_{n+1} = y_n + h sum_i b_i k_i
 *
 *      c_0 | a_00
 *      c_1 | a_10  a_11
 *       .  |  .          .
 *      ----+-----------------
 *          | b_0   b_1  ... b_{s-1}
 * </pre>
 * Construction checks {@code sum_j a_ij = c_i} and {@code sum_i b_i = 1} (to 1e-12). Explicit
 * tableaus have {@code a_ij = 0} for {@code j >= i}.
 *
 * <p>{@link #fromHipparchus} expands Hipparchus's compressed storage ({@code c} without the
 * leading 0, ragged {@code a} without its first row) and drops the stages after the last nonzero
 * weight: DP853's three dense-output stages and the FSAL stages of DP54 and DP853 do not enter
 * {@code y_{n+1}}, which stays bitwise the same.
 */
public final class ButcherTableau {

    private static final double TOLERANCE = 1e-12;

    private final String name;
    private final int order;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[] bHat;
    private final int embeddedOrder;
    private final boolean explicit;
    private final boolean diagonallyImplicit;
    private volatile double realStabilityLimit = Double.NaN;

    /**
     * @param name the method's name
     * @param order its order of accuracy
     * @param c nodes, length s (not modified; copied)
     * @param a coefficients, s rows of length s, or lower-triangular rows of length at least i for
     *        explicit methods (not modified; copied)
     * @param b weights, length s (not modified; copied)
     */
    public ButcherTableau(String name, int order, double[] c, double[][] a, double[] b) {
        this(name, order, c, a, b, null, 0);
    }

    /**
     * A tableau with embedded weights for an error estimate
     * {@code err = h sum_i (b_i - bHat_i) k_i}.
     *
     * @param name the method's name
     * @param order its order of accuracy
     * @param c nodes, length s (copied)
     * @param a coefficients, s rows (copied)
     * @param b weights, length s (copied)
     * @param bHat embedded weights, length s (copied), or null
     * @param embeddedOrder order of the embedded solution
     */
    public ButcherTableau(String name, int order, double[] c, double[][] a, double[] b, double[] bHat,
            int embeddedOrder) {
        if (b == null || b.length == 0 || c == null || c.length != b.length || a == null || a.length != b.length) {
            throw new IllegalArgumentException("tableau '" + name + "': c, a and b need the same number of stages, got "
                    + (c == null ? "null" : c.length) + ", " + (a == null ? "null" : a.length) + ", "
                    + (b == null ? "null" : b.length));
        }
        int s = b.length;
        this.name = name;
        this.order = order;
        this.c = c.clone();
        this.b = b.clone();
        this.a = new double[s][s];
        boolean lower = true;
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < Math.min(s, a[i].length); j++) {
                this.a[i][j] = a[i][j];
                if (j >= i && a[i][j] != 0.0) {
                    lower = false;
                }
            }
        }
        this.explicit = lower;
        boolean dirk = true;
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < Math.min(s, a[i].length); j++) {
                if (a[i][j] != 0.0) {
                    dirk = false;
                }
            }
        }
        this.diagonallyImplicit = dirk;
        if (bHat != null && bHat.length != s) {
            throw new IllegalArgumentException("tableau '" + name + "': bHat has " + bHat.length + " entries, b has " + s);
        }
        this.bHat = bHat == null ? null : bHat.clone();
        this.embeddedOrder = embeddedOrder;
        if (bHat != null) {
            double sum = 0;
            for (double w : bHat) {
                sum += w;
            }
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new IllegalArgumentException("tableau '" + name + "': the embedded weights sum to " + sum + ", not 1");
            }
        }
        double sumB = 0;
        for (int i = 0; i < s; i++) {
            sumB += b[i];
            double row = 0;
            for (int j = 0; j < s; j++) {
                row += this.a[i][j];
            }
            if (Math.abs(row - c[i]) > TOLERANCE * Math.max(1, Math.abs(c[i]))) {
                throw new IllegalArgumentException("tableau '" + name + "': row " + i + " of a sums to " + row
                        + ", not c_" + i + " = " + c[i]);
            }
        }
        if (Math.abs(sumB - 1) > TOLERANCE) {
            throw new IllegalArgumentException("tableau '" + name + "': the weights b sum to " + sumB + ", not 1");
        }
    }

    /**
     * The tableau of a Hipparchus method, without the stages that do not enter {@code y_{n+1}}.
     *
     * @param name the method's name
     * @param order its order
     * @param provider the Hipparchus integrator (or any provider of its arrays)
     * @return the tableau
     */
    public static ButcherTableau fromHipparchus(String name, int order, ButcherArrayProvider provider) {
        double[] hc = provider.getC();
        double[][] ha = provider.getA();
        double[] hb = provider.getB();
        int stages = hb.length;
        while (stages > 1 && hb[stages - 1] == 0.0) {
            stages--;
        }
        double[] c = new double[stages];
        double[][] a = new double[stages][stages];
        for (int i = 1; i < stages; i++) {
            c[i] = hc[i - 1];
            System.arraycopy(ha[i - 1], 0, a[i], 0, i);
        }
        return new ButcherTableau(name, order, c, a, Arrays.copyOf(hb, stages));
    }

    /** @return the method's name */
    public String name() {
        return name;
    }

    /** @return the order of accuracy */
    public int order() {
        return order;
    }

    /**
     * The stability function on the real axis, {@code R(z) = 1 + z b^T (I - z A)^{-1} 1}: the
     * factor one step multiplies {@code y} by on {@code y' = lambda y} with {@code z = h lambda}.
     *
     * @param z h lambda
     * @return R(z)
     */
    public double stabilityFunction(double z) {
        int s = b.length;
        double[][] m = new double[s][s + 1];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                m[i][j] = (i == j ? 1 : 0) - z * a[i][j];
            }
            m[i][s] = 1;
        }
        // (I - zA) g = 1 by Gaussian elimination with partial pivoting (s is at most a dozen).
        for (int col = 0; col < s; col++) {
            int pivot = col;
            for (int r = col + 1; r < s; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < s; r++) {
                double f = m[r][col] / m[col][col];
                for (int j = col; j <= s; j++) {
                    m[r][j] -= f * m[col][j];
                }
            }
        }
        double[] g = new double[s];
        for (int i = s - 1; i >= 0; i--) {
            double sum = m[i][s];
            for (int j = i + 1; j < s; j++) {
                sum -= m[i][j] * g[j];
            }
            g[i] = sum / m[i][i];
        }
        double r = 1;
        for (int i = 0; i < s; i++) {
            r += z * b[i] * g[i];
        }
        return r;
    }

    /**
     * The length of the stability interval on the negative real axis: the largest x such that
     * {@code |R(-x')| <= 1} for every x' in [0, x], found by a scan (step 1e-3 up to 20, then
     * geometric to 1e8) refined by bisection. Euler 2, RK4 2.785, DOPRI5 3.31; infinite for an
     * A-stable method. An explicit run whose {@code h rho(f_y)} reaches this is limited by
     * stability, not accuracy.
     *
     * @return the limit, or {@code Double.POSITIVE_INFINITY}
     */
    public double realStabilityLimit() {
        if (Double.isNaN(realStabilityLimit)) {
            realStabilityLimit = findRealStabilityLimit();
        }
        return realStabilityLimit;
    }

    private double findRealStabilityLimit() {
        double previous = 0;
        double x = 1e-3;
        while (x <= 1e8) {
            if (Math.abs(stabilityFunction(-x)) > 1 + 1e-12) {
                double lo = previous;
                double hi = x;
                for (int k = 0; k < 60; k++) {
                    double mid = 0.5 * (lo + hi);
                    if (Math.abs(stabilityFunction(-mid)) > 1 + 1e-12) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return lo;
            }
            previous = x;
            x = x < 20 ? x + 1e-3 : x * 1.01;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** @return s, the number of stages */
    public int stages() {
        return b.length;
    }

    /** @return whether {@code a_ij = 0} for all {@code j >= i} */
    public boolean isExplicit() {
        return explicit;
    }

    /** @return whether {@code a_ij = 0} for all {@code j > i} (a DIRK, or an explicit tableau) */
    public boolean isDiagonallyImplicit() {
        return diagonallyImplicit;
    }

    /** @return whether embedded weights give an error estimate */
    public boolean hasEmbedded() {
        return bHat != null;
    }

    /** @return the order of the embedded solution (0 without one) */
    public int embeddedOrder() {
        return embeddedOrder;
    }

    /**
     * @param i stage
     * @return the embedded weight bHat_i
     */
    public double bHat(int i) {
        return bHat[i];
    }

    /**
     * @param i stage
     * @return c_i
     */
    public double c(int i) {
        return c[i];
    }

    /**
     * @param i stage
     * @param j stage
     * @return a_ij
     */
    public double a(int i, int j) {
        return a[i][j];
    }

    /**
     * @param i stage
     * @return b_i
     */
    public double b(int i) {
        return b[i];
    }

    /** @return a copy of the nodes c, for steppers that keep their own arrays */
    public double[] nodes() {
        return c.clone();
    }

    /** @return a copy of the s x s matrix A */
    public double[][] matrix() {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = Arrays.copyOf(a[i], b.length);
        }
        return copy;
    }

    /** @return a copy of the weights b */
    public double[] weights() {
        return b.clone();
    }

    /**
     * Which stages reach {@code y_{n+1}}: stage i does through {@code b_i != 0} or through
     * {@code a_ji != 0} for a later stage j that does. An adjoint skips the others, whose
     * {@code kbar_i} is zero by the tableau.
     *
     * @return one flag per stage
     */
    public boolean[] contributingStages() {
        int s = b.length;
        boolean[] contributing = new boolean[s];
        for (int i = s - 1; i >= 0; i--) {
            boolean any = b[i] != 0.0;
            for (int j = i + 1; j < s; j++) {
                any |= a[j][i] != 0.0 && contributing[j];
            }
            contributing[i] = any;
        }
        return contributing;
    }

    /** @return a copy of the embedded weights bHat, or null without them */
    public double[] embeddedWeights() {
        return bHat == null ? null : bHat.clone();
    }

    @Override
    public String toString() {
        return name + " (order " + order + ", " + stages() + " stages)";
    }
}
