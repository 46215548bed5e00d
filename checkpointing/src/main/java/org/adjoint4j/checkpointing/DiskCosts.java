package org.adjoint4j.checkpointing;

/**
 * The cost model of multistage checkpointing (Aupy, Herrmann, Hovland &amp; Robert 2016; Herrmann &amp;
 * Pallez 2020), in units of one forward step: RAM reads and writes are free.
 * <pre>
 *   cost = uf * advances + ub * tapedSteps + wd * diskWrites + rd * diskReads
 * </pre>
 * {@code ub} is the cost of a taped step together with its reversal.
 *
 * @param forward uf, cost of one advance
 * @param backward ub, cost of one taped step and its reversal
 * @param diskWrite wd, cost of writing one snapshot to disk
 * @param diskRead rd, cost of reading one snapshot from disk
 */
public record DiskCosts(double forward, double backward, double diskWrite, double diskRead) {

    /** The reference's costs: uf = ub = 1, wd = rd = 2. */
    public static final DiskCosts DEFAULT = new DiskCosts(1, 1, 2, 2);

    /**
     * Validates every cost as finite and non-negative.
     *
     * @param forward uf, cost of one advance
     * @param backward ub, cost of one taped step and its reversal
     * @param diskWrite wd, cost of writing one snapshot to disk
     * @param diskRead rd, cost of reading one snapshot from disk
     */
    public DiskCosts {
        Arguments.requireFiniteNonNegative("forward cost uf", forward);
        Arguments.requireFiniteNonNegative("backward cost ub", backward);
        Arguments.requireFiniteNonNegative("disk write cost wd", diskWrite);
        Arguments.requireFiniteNonNegative("disk read cost rd", diskRead);
    }

    /**
     * The cost of what a schedule did.
     *
     * @param counts counts of a run
     * @return {@code uf advances + ub tapedSteps + wd diskWrites + rd diskReads}
     */
    public double costOf(ScheduleCounts counts) {
        return forward * counts.advances() + backward * counts.tapedSteps()
                + diskWrite * counts.diskWrites() + diskRead * counts.diskReads();
    }
}
