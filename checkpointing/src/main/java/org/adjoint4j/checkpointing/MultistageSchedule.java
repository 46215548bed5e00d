package org.adjoint4j.checkpointing;

import java.util.Iterator;

/**
 * Two-level checkpointing in RAM and on disk, optimal for the cost model of {@link DiskCosts}:
 * H-Revolve (Herrmann &amp; Pallez, ACM TOMS 46(2), 2020) with two levels, which is Disk-Revolve
 * (Aupy, Herrmann, Hovland &amp; Robert, SIAM J. Sci. Comput. 38(3), 2016) when disk slots are not
 * limited ({@code D >= N - 1}).
 *
 * <p>Dynamic program over a segment of n steps whose start {@code x_a} is the working state, with
 * d disk slots free and all {@code cm} RAM slots free; RAM phases are memory-only revolve,
 * {@code F(n) = uf t(n, cm) + ub n}:
 * <pre>
 *   E(n, d) = min( F(n), wd + D(n, d) )                         x_a not stored (d &gt;= 1 for the 2nd)
 *   D(n, d) = min( F(n), min_{0&lt;j&lt;n} [ j uf + E(n-j, d-1) + rd + D(j, d) ] )   x_a on disk
 *   E(0, d) = D(0, d) = 0,  E(1, d) = D(1, d) = ub
 * </pre>
 * The schedule is E(N, D) rebuilt from the argmins: advance j, handle the right part, read
 * {@code x_a} back from disk, continue on the left part. Its cost ({@link DiskCosts#costOf}) equals
 * {@link #optimalCost()} exactly. The program takes O(D N^2) time (O(N^2) when disk is unlimited)
 * and O(D N) memory, so N is limited to {@value #MAX_STEPS} and {@code D N^2} to
 * {@value #MAX_WORK}.
 */
public final class MultistageSchedule implements CheckpointSchedule {

    /** Largest N the dynamic program accepts. */
    public static final long MAX_STEPS = 20_000;
    /** Largest {@code D N^2 / 2} (inner-loop iterations) the dynamic program accepts. */
    public static final long MAX_WORK = 2_000_000_000L;

    private final int steps;
    private final int ramSlots;
    private final int diskSlots;
    private final DiskCosts costs;
    /** Disk slots the program distinguishes: {@code min(D, N - 1)}; more are never useful. */
    private final int diskLevels;
    /** bestSplitD[d][n]: the j of D(n, d), 0 for RAM only. */
    private final int[][] bestSplitD;
    /** writeE[d][n]: whether E(n, d) writes x_a to disk. */
    private final boolean[][] writeE;
    private final double optimum;
    private final double memoryOnly;

    /**
     * Solves the dynamic program.
     *
     * @param steps N, from 0 to {@value #MAX_STEPS}
     * @param ramSlots cm, at least 1
     * @param diskSlots D, at least 0 (D &gt;= N - 1 means unlimited)
     * @param costs the cost model
     */
    public MultistageSchedule(long steps, int ramSlots, int diskSlots, DiskCosts costs) {
        Arguments.requireNonNegative("steps", steps);
        Arguments.requireAtLeast("snapshots (RAM slots)", ramSlots, 1);
        Arguments.requireNonNegative("disk snapshots", diskSlots);
        if (costs == null) {
            throw new IllegalArgumentException("costs must not be null");
        }
        if (steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps=" + steps + " is beyond the " + MAX_STEPS
                    + " steps the O(D N^2) multistage program accepts; use binomial or online checkpointing");
        }
        this.steps = (int) steps;
        this.ramSlots = ramSlots;
        this.diskSlots = diskSlots;
        this.costs = costs;
        this.diskLevels = (int) Math.min(diskSlots, Math.max(0, steps - 1));
        boolean unlimited = diskLevels >= steps - 1;
        long work = (unlimited ? 1 : diskLevels) * steps * steps / 2;
        if (work > MAX_WORK) {
            throw new IllegalArgumentException("disk snapshots=" + diskSlots + " with steps=" + steps + " needs "
                    + work + " iterations of the multistage program, beyond its limit of " + MAX_WORK
                    + "; use fewer disk slots or D >= N - 1 (unlimited disk)");
        }
        double[] ramOnly = ramOnlyCosts();
        this.memoryOnly = ramOnly[this.steps];
        // Row d of D and E needs only row d - 1 of E, so two rows of values are kept; the choices
        // are kept for every row to rebuild the schedule. With unlimited disk every row is the same
        // function of n, so one row solves it (d - 1 is then also "unlimited").
        int rows = unlimited ? 1 : diskLevels + 1;
        bestSplitD = new int[rows][this.steps + 1];
        writeE = new boolean[rows][this.steps + 1];
        double[] ePrev = ramOnly.clone(); // E(n, 0) = F(n)
        double[] dRow = new double[this.steps + 1];
        double[] eRow = new double[this.steps + 1];
        int firstRow = unlimited ? 0 : 1;
        for (int d = firstRow; d < rows; d++) {
            double[] eRight = unlimited ? eRow : ePrev;
            for (int n = 0; n <= this.steps; n++) {
                double best = ramOnly[n];
                int split = 0;
                for (int j = 1; j < n; j++) {
                    double c = j * costs.forward() + eRight[n - j] + costs.diskRead() + dRow[j];
                    if (c < best) {
                        best = c;
                        split = j;
                    }
                }
                dRow[n] = best;
                bestSplitD[d][n] = split;
                boolean write = n >= 2 && costs.diskWrite() + best < ramOnly[n];
                writeE[d][n] = write;
                eRow[n] = write ? costs.diskWrite() + best : ramOnly[n];
            }
            double[] t = ePrev;
            ePrev = eRow;
            eRow = t;
        }
        this.optimum = diskLevels == 0 ? ramOnly[this.steps] : ePrev[this.steps];
    }

    private double[] ramOnlyCosts() {
        double[] f = new double[steps + 1];
        long t = 0;
        long r = 0;
        for (int n = 1; n <= steps; n++) {
            // t(n, cm) = t(n - 1, cm) + r(n, cm)
            if (n > 1) {
                while (Binomial.beta(ramSlots, r) < n) {
                    r++;
                }
                t += r;
            }
            f[n] = costs.forward() * t + costs.backward() * n;
        }
        return f;
    }

    /** @return the optimal cost E(N, D) of the dynamic program */
    public double optimalCost() {
        return optimum;
    }

    /** @return the cost of memory-only revolve with the RAM slots alone, {@code uf t(N, cm) + ub N} */
    public double memoryOnlyCost() {
        return memoryOnly;
    }

    /** @return the cost model */
    public DiskCosts costs() {
        return costs;
    }

    /** @return the disk slots and traffic, the cost of this schedule, the optimum and the cost model */
    @Override
    public java.util.Map<String, Object> properties() {
        ScheduleCounts c = counts();
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("diskSnapshots", diskSnapshots());
        m.put("diskWrites", c.diskWrites());
        m.put("diskReads", c.diskReads());
        m.put("maxLiveDiskSlots", c.peakDiskSlots());
        m.put("cost", costs.costOf(c));
        m.put("optimalCost", optimum);
        m.put("memoryOnlyCost", memoryOnly);
        java.util.Map<String, Object> model = new java.util.LinkedHashMap<>();
        model.put("advance", costs.forward());
        model.put("tapedStepAndReversal", costs.backward());
        model.put("diskWrite", costs.diskWrite());
        model.put("diskRead", costs.diskRead());
        m.put("costModel", model);
        return m;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public int snapshots() {
        return ramSlots;
    }

    @Override
    public int diskSnapshots() {
        return diskSlots;
    }

    @Override
    public long tapeCapacity() {
        return 1;
    }

    /**
     * Counts by running the generated actions through {@link ScheduleChecker}: O(N r) actions,
     * cheaper than the O(N^2) program that built them.
     */
    @Override
    public ScheduleCounts counts() {
        return ScheduleChecker.check(this);
    }

    @Override
    public Iterator<CheckpointAction> iterator() {
        return new ActionProgram(out -> {
            if (steps > 0) {
                out.task(new Unstored(0, steps, diskLevels, 0));
            }
            out.action(CheckpointAction.Terminate.INSTANCE);
        });
    }

    @Override
    public String toString() {
        return "disk(N=" + steps + ", RAM=" + ramSlots + ", disk=" + diskSlots + ")";
    }

    private int row(int d) {
        return bestSplitD.length == 1 ? 0 : d;
    }

    /** E(n, d) at x_a: write x_a to disk and continue with D, or revolve in RAM. */
    private final class Unstored implements ActionProgram.Task {
        private final long a;
        private final int n;
        private final int d;
        private final int depth;

        Unstored(long a, int n, int d, int depth) {
            this.a = a;
            this.n = n;
            this.d = d;
            this.depth = depth;
        }

        @Override
        public void expand(ActionProgram.Emitter out) {
            if (d > 0 && writeE[row(d)][n]) {
                out.action(new CheckpointAction.Takeshot(depth, a, Storage.DISK));
                out.task(new OnDisk(a, n, d, depth));
            } else {
                ramRevolve(out, a, n);
            }
        }
    }

    /** D(n, d) at x_a, which disk slot {@code depth} holds. */
    private final class OnDisk implements ActionProgram.Task {
        private final long a;
        private final int n;
        private final int d;
        private final int depth;

        OnDisk(long a, int n, int d, int depth) {
            this.a = a;
            this.n = n;
            this.d = d;
            this.depth = depth;
        }

        @Override
        public void expand(ActionProgram.Emitter out) {
            int j = bestSplitD[row(d)][n];
            if (j == 0) {
                ramRevolve(out, a, n);
                return;
            }
            out.action(new CheckpointAction.Advance(a, a + j));
            out.task(new Unstored(a + j, n - j, d - 1, depth + 1));
            out.action(new CheckpointAction.Restore(depth, a, Storage.DISK));
            out.task(new OnDisk(a, j, d, depth));
        }
    }

    private void ramRevolve(ActionProgram.Emitter out, long a, int n) {
        ActionProgram.revolve(out, a, n, ramSlots);
    }

    /**
     * Two-level RAM + disk checkpointing, text form {@code disk:S,D}.
     *
     * @param snapshots RAM slots, at least 1
     * @param diskSnapshots disk slots, at least 0
     * @param costs the cost model
     */
    public record Spec(int snapshots, int diskSnapshots, DiskCosts costs) implements ScheduleSpec {
        /**
         * Checks the slots and the costs.
         *
         * @param snapshots RAM slots, at least 1
         * @param diskSnapshots disk slots, at least 0
         * @param costs the cost model
         */
        public Spec {
            Arguments.requireAtLeast("snapshots", snapshots, 1);
            Arguments.requireNonNegative("disk snapshots", diskSnapshots);
            if (costs == null) {
                throw new IllegalArgumentException("disk checkpointing needs its costs, got null");
            }
        }

        @Override
        public CheckpointSchedule forSteps(long steps) {
            return new MultistageSchedule(steps, snapshots, diskSnapshots, costs);
        }

        @Override
        public String text() {
            return "disk:" + snapshots + "," + diskSnapshots;
        }
    }
}
