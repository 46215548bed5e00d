package org.adjoint4j.adjoint;

import java.io.Serializable;
import java.nio.file.Path;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.NewtonSettings;
import org.adjoint4j.solvers.RungeKuttaMethods;

/**
 * {@link GradientOptions} in a form that travels to another JVM: the method by its name in
 * {@link RungeKuttaMethods}, the schedule by its text form ({@link ScheduleSpec#parse}), the disk
 * directory as a string, stepping and Newton's settings by their numbers. The memory budget of
 * automatic checkpointing is the one of the JVM that made it, so every worker chooses the same
 * schedule (and the gradient's bits do not depend on the schedule anyway). Immutable.
 */
public final class PortableOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The method's name. */
    private final String method;
    /** Fixed steps, or 0 for adaptive. */
    private final int steps;
    /** rtol. */
    private final double relativeTolerance;
    /** atol. */
    private final double absoluteTolerance;
    /** The most adaptive steps. */
    private final int maxSteps;
    /** Newton's relative tolerance. */
    private final double newtonTolerance;
    /** Newton's absolute floor (NaN: atol). */
    private final double newtonFloor;
    /** Newton's iterations per Jacobian. */
    private final int newtonIterations;
    /** The schedule's text form, or null for automatic. */
    private final String schedule;
    /** The memory budget of automatic checkpointing, in bytes. */
    private final long memoryBudgetBytes;
    /** Where disk snapshots go, or null for the temporary directory. */
    private final String diskDirectory;
    /** Whether a stiff explicit run stops. */
    private final boolean stopWhenStiff;

    private PortableOptions(GradientOptions o) {
        Stepping s = o.stepping();
        NewtonSettings n = o.newton();
        Checkpointing c = o.checkpointing();
        this.method = o.method().name();
        this.steps = s.steps();
        this.relativeTolerance = s.relativeTolerance();
        this.absoluteTolerance = s.absoluteTolerance();
        this.maxSteps = s.maxSteps();
        this.newtonTolerance = n.tolerance();
        this.newtonFloor = n.absoluteFloor();
        this.newtonIterations = n.maxIterations();
        this.schedule = c.schedule() == null ? null : c.schedule().text();
        this.memoryBudgetBytes = c.memoryBudgetBytes();
        this.diskDirectory = c.diskDirectory() == null ? null : c.diskDirectory().toString();
        this.stopWhenStiff = o.stopWhenStiff();
    }

    /**
     * @param options the options
     * @return their portable form
     * @throws IllegalArgumentException if the method is not one of {@link RungeKuttaMethods} (a
     *         method built in code has no name another JVM could look up)
     */
    public static PortableOptions of(GradientOptions options) {
        String name = options.method().name();
        String why;
        try {
            why = DiscreteMethod.of(RungeKuttaMethods.byName(name)).equals(options.method()) ? null
                    : "another method has that name";
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        if (why != null) {
            throw new IllegalArgumentException("method '" + name + "' cannot be sent to another JVM by its name: " + why);
        }
        return new PortableOptions(options);
    }

    /** @return the options again, equal to those it was made from */
    public GradientOptions options() {
        Checkpointing c = new Checkpointing(schedule == null ? null : ScheduleSpec.parse(schedule), memoryBudgetBytes,
                diskDirectory == null ? null : Path.of(diskDirectory));
        return new GradientOptions(DiscreteMethod.of(RungeKuttaMethods.byName(method)),
                new Stepping(steps, relativeTolerance, absoluteTolerance, maxSteps),
                new NewtonSettings(newtonTolerance, newtonFloor, newtonIterations), c, stopWhenStiff);
    }
}
