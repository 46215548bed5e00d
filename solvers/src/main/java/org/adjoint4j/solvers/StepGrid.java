package org.adjoint4j.solvers;

import java.util.Arrays;

/**
 * The accepted time grid of a run: step n starts at {@code t_n} and has size {@code h_n}, exactly as
 * the forward integration used them, so a replay reproduces its states bit for bit. The state
 * after step n belongs to time {@code t_n + h_n} (which is {@code t_{n+1}}).
 *
 * <p>Uniform grids are laid out as {@code t_n = t_0 + n (t_1 - t_0) / N}, which ends exactly at
 * {@code t_1}, with breakpoints (observation times) inserted as grid points.
 */
public final class StepGrid {

    private final double[] start;
    private final double[] size;
    private final double end;

    private StepGrid(double[] start, double[] size, double end) {
        this.start = start;
        this.size = size;
        this.end = end;
    }

    /**
     * A uniform grid with breakpoints forced onto it: the N uniform points, with the breakpoints
     * of {@link Breakpoints#inner} inserted; a uniform point within {@code 1e-9 h} of a breakpoint
     * gives way to it, so no uniform point makes a tiny step.
     *
     * @param t0 initial time
     * @param t1 final time, {@code > t0}
     * @param steps N, at least 1
     * @param breakpoints times that must be grid points (not modified), in any order
     * @return the grid
     */
    public static StepGrid uniform(double t0, double t1, int steps, double... breakpoints) {
        if (!(t1 > t0) || !Double.isFinite(t0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("a grid needs finite t0 < t1, got t0=" + t0 + ", t1=" + t1);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        double tolerance = 1e-9 * (t1 - t0) / steps;
        double[] inner = Breakpoints.inner(t0, t1, breakpoints);
        double[] points = new double[steps + 1 + inner.length];
        int count = 0;
        points[count++] = t0;
        for (int n = 1; n < steps; n++) {
            double u = t0 + n * (t1 - t0) / steps;
            if (!nearAny(u, inner, tolerance)) {
                points[count++] = u;
            }
        }
        for (double x : inner) {
            points[count++] = x;
        }
        points[count++] = t1;
        double[] t = Arrays.copyOf(points, count);
        Arrays.sort(t);
        Builder b = new Builder(count);
        for (int n = 0; n + 1 < t.length; n++) {
            b.add(t[n], t[n + 1] - t[n]);
        }
        return b.build();
    }

    private static boolean nearAny(double u, double[] sorted, double tolerance) {
        int i = Arrays.binarySearch(sorted, u);
        if (i >= 0) {
            return true;
        }
        int next = -i - 1;
        return (next < sorted.length && sorted[next] - u <= tolerance)
                || (next > 0 && u - sorted[next - 1] <= tolerance);
    }

    /** @return N, the number of steps */
    public int steps() {
        return size.length;
    }

    /**
     * @param n step index, {@code 0 <= n <= N}
     * @return {@code t_n}, the start of step n ({@code t_N} is the end of the run)
     */
    public double time(int n) {
        return n == size.length ? end : start[n];
    }

    /**
     * @param n step index, {@code 0 <= n < N}
     * @return {@code h_n}
     */
    public double stepSize(int n) {
        return size[n];
    }

    /** @return {@code t_0} */
    public double initialTime() {
        return start.length == 0 ? end : start[0];
    }

    /** @return {@code t_N} */
    public double finalTime() {
        return end;
    }

    /**
     * The grid index of a time that is a grid point.
     *
     * @param t a time
     * @return n with {@code time(n) == t}, or -1 if t is not a grid point
     */
    public int indexOf(double t) {
        if (t == end) {
            return size.length;
        }
        int n = Arrays.binarySearch(start, t);
        if (n >= 0) {
            return n;
        }
        // Hipparchus can end a step a few ulps past a breakpoint and then step back to it (a step of
        // about -1e-18, replayed as it was taken): the start times are then out of order there, and
        // the search lands beside the breakpoint. Look at the neighbours of the insertion point.
        int at = -n - 1;
        for (int k = Math.max(0, at - 2); k < Math.min(start.length, at + 2); k++) {
            if (start[k] == t) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The grid index of a breakpoint given to {@link #uniform} or to an adaptive run, after
     * {@link Breakpoints#snap}.
     *
     * @param t a breakpoint
     * @param breakpoints all the breakpoints of the run (not modified)
     * @return its index
     * @throws IllegalArgumentException if t is not on the grid
     */
    public int indexOfBreakpoint(double t, double[] breakpoints) {
        double t0 = initialTime();
        double t1 = finalTime();
        int n = indexOf(Breakpoints.snap(t0, t1, Breakpoints.inner(t0, t1, breakpoints), t));
        if (n < 0) {
            throw new IllegalArgumentException("time " + t + " is not on the grid");
        }
        return n;
    }

    /**
     * The grid indices of many breakpoints at once: {@link #indexOfBreakpoint} for each, with the
     * breakpoints sorted and merged once (a run with K observations costs O(K log K), not O(K^2 log K)).
     *
     * @param times the breakpoints to find (not modified)
     * @param breakpoints all the breakpoints of the run (not modified)
     * @return their indices
     * @throws IllegalArgumentException if one is not on the grid
     */
    public int[] indicesOfBreakpoints(double[] times, double[] breakpoints) {
        double t0 = initialTime();
        double t1 = finalTime();
        double[] inner = Breakpoints.inner(t0, t1, breakpoints);
        int[] index = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            index[i] = indexOf(Breakpoints.snap(t0, t1, inner, times[i]));
            if (index[i] < 0) {
                throw new IllegalArgumentException("time " + times[i] + " is not on the grid");
            }
        }
        return index;
    }

    /** Appends accepted steps in order. */
    public static final class Builder {
        private double[] start;
        private double[] size;
        private int count;

        /** @param capacity expected number of steps */
        public Builder(int capacity) {
            start = new double[Math.max(16, capacity)];
            size = new double[start.length];
        }

        /**
         * @param t start of the step (the end of the previous one)
         * @param h its size
         * @return this builder
         */
        public Builder add(double t, double h) {
            if (count == start.length) {
                start = Arrays.copyOf(start, 2 * count);
                size = Arrays.copyOf(size, 2 * count);
            }
            start[count] = t;
            size[count] = h;
            count++;
            return this;
        }

        /** @return the number of steps added */
        public int count() {
            return count;
        }

        /** @return the grid */
        public StepGrid build() {
            if (count == 0) {
                throw new IllegalStateException("a grid needs at least one step");
            }
            return new StepGrid(Arrays.copyOf(start, count), Arrays.copyOf(size, count),
                    start[count - 1] + size[count - 1]);
        }
    }
}
