package org.adjoint4j.adjoint;

import java.nio.file.Path;
import org.adjoint4j.checkpointing.ScheduleSpec;

/**
 * Where the states and tapes of the backward sweep come from: a schedule, or automatic (store-all
 * when every tape fits in the memory budget, else binomial checkpointing with as many snapshots as
 * fit beside one tape), and where disk snapshots go.
 *
 * @param schedule the schedule, or null for automatic
 * @param memoryBudgetBytes memory for snapshots and tapes when automatic
 * @param diskDirectory where disk snapshots go (each run makes its own directory inside); null for
 *        the system's temporary directory
 */
public record Checkpointing(ScheduleSpec schedule, long memoryBudgetBytes, Path diskDirectory) {

    /**
     * Checks the budget.
     *
     * @param schedule the schedule, or null for automatic
     * @param memoryBudgetBytes memory for snapshots and tapes when automatic
     * @param diskDirectory where disk snapshots go (each run makes its own directory inside); null for the system's temporary directory
     */
    public Checkpointing {
        if (memoryBudgetBytes < 1) {
            throw new IllegalArgumentException("memory budget must be >= 1 byte, got " + memoryBudgetBytes);
        }
    }

    /** @return automatic, in a quarter of the heap */
    public static Checkpointing automatic() {
        return new Checkpointing(null, Runtime.getRuntime().maxMemory() / 4, null);
    }
}
