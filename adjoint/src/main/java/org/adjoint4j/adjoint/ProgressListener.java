package org.adjoint4j.adjoint;

/**
 * Sees how far a gradient computation has come, for progress displays: the adaptive forward
 * solve reports the time reached, the schedule's execution the fraction of steps reversed (which
 * includes all recomputation). Called at most about 200 times per phase; implementations should
 * return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param phase "forward" (the adaptive solve) or "backward" (executing the schedule)
     * @param fraction how much of the phase is done, in [0, 1]
     */
    void progress(String phase, double fraction);
}
