package org.adjoint4j.adjoint;

import java.nio.file.Path;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.ExplicitMethod;

/**
 * How to compute a gradient: the time-stepping method, fixed steps or tolerances, and the
 * checkpointing strategy. Immutable; start from {@link #defaults()} and change with the
 * {@code with...} methods.
 *
 * @param method the Runge–Kutta method
 * @param steps N fixed steps, or 0 for an adaptive run (then the method must be an embedded pair;
 *        checked when solving)
 * @param relativeTolerance rtol of an adaptive run
 * @param absoluteTolerance atol of an adaptive run
 * @param checkpoints the checkpointing strategy, or null for automatic: store-all when every tape
 *        fits in the memory budget, otherwise binomial with as many snapshots as fit
 * @param memoryBudgetBytes memory for snapshots and tapes when checkpoints are automatic
 * @param maxSteps most steps an adaptive run may take
 * @param diskDirectory where disk snapshots go (null: a fresh temporary directory, removed after)
 */
public record GradientOptions(ExplicitMethod method, int steps, double relativeTolerance, double absoluteTolerance,
        ScheduleSpec checkpoints, long memoryBudgetBytes, int maxSteps, Path diskDirectory) {

    /** Checks every option, naming it and its value. */
    public GradientOptions {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0 (0: adaptive), got " + steps);
        }
        if (!(relativeTolerance > 0) || !Double.isFinite(relativeTolerance)) {
            throw new IllegalArgumentException("rtol must be finite and > 0, got " + relativeTolerance);
        }
        if (!(absoluteTolerance > 0) || !Double.isFinite(absoluteTolerance)) {
            throw new IllegalArgumentException("atol must be finite and > 0, got " + absoluteTolerance);
        }
        if (memoryBudgetBytes < 1) {
            throw new IllegalArgumentException("memory budget must be >= 1 byte, got " + memoryBudgetBytes);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
    }

    /** @return dopri5, adaptive with rtol 1e-8 and atol 1e-10, automatic checkpoints in a quarter of the heap */
    public static GradientOptions defaults() {
        return new GradientOptions(ExplicitMethod.DOPRI5, 0, 1e-8, 1e-10, null, Runtime.getRuntime().maxMemory() / 4,
                10_000_000, null);
    }

    /** @param m the method @return a copy with it */
    public GradientOptions withMethod(ExplicitMethod m) {
        return new GradientOptions(m, steps, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                maxSteps, diskDirectory);
    }

    /** @param n fixed steps (0: adaptive) @return a copy with them */
    public GradientOptions withSteps(int n) {
        return new GradientOptions(method, n, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                maxSteps, diskDirectory);
    }

    /**
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @return a copy with them (and adaptive steps)
     */
    public GradientOptions withTolerances(double rtol, double atol) {
        return new GradientOptions(method, 0, rtol, atol, checkpoints, memoryBudgetBytes, maxSteps, diskDirectory);
    }

    /** @param spec the strategy, or null for automatic @return a copy with it */
    public GradientOptions withCheckpoints(ScheduleSpec spec) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, spec, memoryBudgetBytes,
                maxSteps, diskDirectory);
    }

    /** @param bytes the budget for automatic checkpoints @return a copy with it */
    public GradientOptions withMemoryBudget(long bytes) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, checkpoints, bytes, maxSteps,
                diskDirectory);
    }

    /** @param n the most steps of an adaptive run @return a copy with it */
    public GradientOptions withMaxSteps(int n) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                n, diskDirectory);
    }

    /** @param dir where disk snapshots go @return a copy with it */
    public GradientOptions withDiskDirectory(Path dir) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                maxSteps, dir);
    }
}
