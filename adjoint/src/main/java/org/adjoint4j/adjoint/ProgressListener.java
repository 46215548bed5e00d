package org.adjoint4j.adjoint;

/**
 * Sees how far a gradient computation has come, for progress displays: the forward phase reports
 * the fraction of the time span reached (adaptive) or of the steps taken (the first sweep of a
 * fixed grid), the schedule's execution the fraction of steps reversed (which includes all
 * recomputation). Called at most about 200 times per phase; implementations should
 * return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param phase "forward" (the first forward sweep) or "backward" (reversing the steps)
     * @param fraction how much of the phase is done, in [0, 1]
     */
    void progress(String phase, double fraction);
}
