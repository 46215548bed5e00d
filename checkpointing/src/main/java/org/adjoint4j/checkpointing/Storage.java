package org.adjoint4j.checkpointing;

/** Where a snapshot slot lives: fast memory or a slower storage level with read and write costs. */
public enum Storage {
    /** Main memory: reads and writes are free in the cost model. */
    RAM,
    /** Disk (or any slower level): each write costs {@code wd}, each read {@code rd} (see {@link DiskCosts}). */
    DISK
}
