package org.adjoint4j.adjoint;

import java.nio.file.Path;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.NewtonSettings;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;

/**
 * How to compute a gradient, in groups: the discrete method (forward steps and their adjoint), the
 * time grid ({@link Stepping}), Newton's method for implicit stages ({@link NewtonSettings}; its
 * absolute floor follows atol by default) and checkpointing with its memory ({@link Checkpointing}).
 * Immutable; start from {@link #defaults()} and change with the {@code with...} methods.
 *
 * @param method the discrete method
 * @param stepping fixed steps or tolerances
 * @param newton when implicit stages are solved
 * @param checkpointing the schedule (or automatic), the memory budget and the disk directory
 * @param stopWhenStiff whether an explicit adaptive run whose steps are pinned by stability stops
 *        with a {@link org.adjoint4j.solvers.StiffnessException} as soon as that is certain (false:
 *        it runs to the end and the result carries a warning)
 */
public record GradientOptions(DiscreteMethod method, Stepping stepping, NewtonSettings newton,
        Checkpointing checkpointing, boolean stopWhenStiff) {

    /**
     * Checks that no group is missing.
     *
     * @param method the discrete method
     * @param stepping fixed steps or tolerances
     * @param newton when implicit stages are solved
     * @param checkpointing the schedule (or automatic), the memory budget and the disk directory
     * @param stopWhenStiff whether a stiff explicit run stops (true) or warns (false)
     */
    public GradientOptions {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        if (stepping == null || newton == null || checkpointing == null) {
            throw new IllegalArgumentException("stepping, newton and checkpointing must not be null");
        }
    }

    /**
     * Options that warn about stiffness rather than stop.
     *
     * @param method the discrete method
     * @param stepping fixed steps or tolerances
     * @param newton when implicit stages are solved
     * @param checkpointing the schedule (or automatic), the memory budget and the disk directory
     */
    public GradientOptions(DiscreteMethod method, Stepping stepping, NewtonSettings newton,
            Checkpointing checkpointing) {
        this(method, stepping, newton, checkpointing, false);
    }

    /**
     * @param stop whether a stiff explicit adaptive run stops at once (true) or warns (false)
     * @return a copy with it
     */
    public GradientOptions withStopWhenStiff(boolean stop) {
        return new GradientOptions(method, stepping, newton, checkpointing, stop);
    }

    /** @return dopri5, adaptive with rtol 1e-8 and atol 1e-10, automatic checkpoints in a quarter of the heap */
    public static GradientOptions defaults() {
        return new GradientOptions(DiscreteMethod.of(RungeKuttaMethods.DOPRI5), Stepping.DEFAULT,
                NewtonSettings.FOLLOW_TOLERANCE, Checkpointing.automatic());
    }

    /** @return the Newton settings with the floor resolved against atol */
    public NewtonSettings resolvedNewton() {
        return newton.resolve(stepping.absoluteTolerance());
    }

    /**
     * @param m the method
     * @return a copy with it
     */
    public GradientOptions withMethod(DiscreteMethod m) {
        return new GradientOptions(m, stepping, newton, checkpointing, stopWhenStiff);
    }

    /**
     * @param m a Runge–Kutta method
     * @return a copy with it and its discrete adjoint
     */
    public GradientOptions withMethod(RungeKuttaMethod m) {
        return withMethod(DiscreteMethod.of(m));
    }

    /**
     * @param s the time grid
     * @return a copy with it
     */
    public GradientOptions withStepping(Stepping s) {
        return new GradientOptions(method, s, newton, checkpointing, stopWhenStiff);
    }

    /**
     * @param n fixed steps (0: adaptive)
     * @return a copy with them
     */
    public GradientOptions withSteps(int n) {
        return withStepping(new Stepping(n, stepping.relativeTolerance(), stepping.absoluteTolerance(),
                stepping.maxSteps()));
    }

    /**
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @return a copy with them (and adaptive steps)
     */
    public GradientOptions withTolerances(double rtol, double atol) {
        return withStepping(new Stepping(0, rtol, atol, stepping.maxSteps()));
    }

    /**
     * @param n the most steps of an adaptive run
     * @return a copy with it
     */
    public GradientOptions withMaxSteps(int n) {
        return withStepping(new Stepping(stepping.steps(), stepping.relativeTolerance(), stepping.absoluteTolerance(),
                n));
    }

    /**
     * @param settings Newton's settings
     * @return a copy with them
     */
    public GradientOptions withNewton(NewtonSettings settings) {
        return new GradientOptions(method, stepping, settings, checkpointing, stopWhenStiff);
    }

    /**
     * @param tolerance relative Newton tolerance of implicit stages
     * @return a copy with it
     */
    public GradientOptions withNewtonTolerance(double tolerance) {
        return withNewton(newton.withTolerance(tolerance));
    }

    /**
     * @param c checkpointing
     * @return a copy with it
     */
    public GradientOptions withCheckpointing(Checkpointing c) {
        return new GradientOptions(method, stepping, newton, c, stopWhenStiff);
    }

    /**
     * @param spec the schedule, or null for automatic
     * @return a copy with it
     */
    public GradientOptions withCheckpoints(ScheduleSpec spec) {
        return withCheckpointing(new Checkpointing(spec, checkpointing.memoryBudgetBytes(),
                checkpointing.diskDirectory()));
    }

    /**
     * @param bytes the budget for automatic checkpoints
     * @return a copy with it
     */
    public GradientOptions withMemoryBudget(long bytes) {
        return withCheckpointing(new Checkpointing(checkpointing.schedule(), bytes, checkpointing.diskDirectory()));
    }

    /**
     * @param dir where disk snapshots go
     * @return a copy with it
     */
    public GradientOptions withDiskDirectory(Path dir) {
        return withCheckpointing(new Checkpointing(checkpointing.schedule(), checkpointing.memoryBudgetBytes(), dir));
    }
}
