package org.adjoint4j.adjoint;

import java.nio.file.Path;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.ExplicitMethod;
import org.adjoint4j.solvers.NewtonSettings;
import org.adjoint4j.solvers.RungeKuttaMethod;

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
 * @param newtonTolerance relative size of the last Newton update of an implicit stage (the
 *        absolute floor is atol); the adjoint assumes converged stages, so the default is tight
 */
public record GradientOptions(RungeKuttaMethod method, int steps, double relativeTolerance, double absoluteTolerance,
        ScheduleSpec checkpoints, long memoryBudgetBytes, int maxSteps, Path diskDirectory, double newtonTolerance) {

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
        new NewtonSettings(newtonTolerance, absoluteTolerance, 12); // validates
    }

    /** @return the Newton settings of implicit stages */
    public NewtonSettings newton() {
        return new NewtonSettings(newtonTolerance, absoluteTolerance, 12);
    }

    /** @return dopri5, adaptive with rtol 1e-8 and atol 1e-10, automatic checkpoints in a quarter of the heap */
    public static GradientOptions defaults() {
        return new GradientOptions(ExplicitMethod.DOPRI5, 0, 1e-8, 1e-10, null, Runtime.getRuntime().maxMemory() / 4,
                10_000_000, null, 1e-12);
    }

    /** @param m the method @return a copy with it */
    public GradientOptions withMethod(RungeKuttaMethod m) {
        return new GradientOptions(m, steps, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                maxSteps, diskDirectory, newtonTolerance);
    }

    /** @param n fixed steps (0: adaptive) @return a copy with them */
    public GradientOptions withSteps(int n) {
        return new GradientOptions(method, n, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                maxSteps, diskDirectory, newtonTolerance);
    }

    /**
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @return a copy with them (and adaptive steps)
     */
    public GradientOptions withTolerances(double rtol, double atol) {
        return new GradientOptions(method, 0, rtol, atol, checkpoints, memoryBudgetBytes, maxSteps, diskDirectory,
                newtonTolerance);
    }

    /** @param spec the strategy, or null for automatic @return a copy with it */
    public GradientOptions withCheckpoints(ScheduleSpec spec) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, spec, memoryBudgetBytes,
                maxSteps, diskDirectory, newtonTolerance);
    }

    /** @param bytes the budget for automatic checkpoints @return a copy with it */
    public GradientOptions withMemoryBudget(long bytes) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, checkpoints, bytes, maxSteps,
                diskDirectory, newtonTolerance);
    }

    /** @param n the most steps of an adaptive run @return a copy with it */
    public GradientOptions withMaxSteps(int n) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                n, diskDirectory, newtonTolerance);
    }

    /** @param tolerance relative Newton tolerance of implicit stages @return a copy with it */
    public GradientOptions withNewtonTolerance(double tolerance) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                maxSteps, diskDirectory, tolerance);
    }

    /** @param dir where disk snapshots go @return a copy with it */
    public GradientOptions withDiskDirectory(Path dir) {
        return new GradientOptions(method, steps, relativeTolerance, absoluteTolerance, checkpoints, memoryBudgetBytes,
                maxSteps, dir, newtonTolerance);
    }
}
