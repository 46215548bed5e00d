package org.adjoint4j.checkpointing;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A checkpointing schedule for reversing {@code N} time steps: an immutable description whose
 * actions are generated lazily, each call of {@link #iterator()} starting afresh.
 *
 * <p>The interpreter (an adjoint executor, or {@link ScheduleChecker}) reads only the actions,
 * never the schedule's internals. Generation needs memory proportional to the recursion depth
 * (about {@code s} frames for revolve), not to N, so schedules for {@code N = 10^9} stream in
 * constant memory; {@link #counts()} answers without generating anything.
 */
public interface CheckpointSchedule extends Iterable<CheckpointAction> {

    /** @return the family's name, e.g. {@code binomial} (as in the text form of its spec) */
    String name();

    /**
     * Facts particular to this family, for reports (the uniform interval, the online excess over
     * the optimum, the disk costs); empty by default.
     *
     * @return name-value pairs in report order (values are numbers, strings or nested maps)
     */
    default java.util.Map<String, Object> properties() {
        return java.util.Map.of();
    }

    /** @return N, the number of steps reversed */
    long steps();

    /** @return the RAM slots the schedule may use, including the one holding {@code x_0} */
    int snapshots();

    /** @return the disk slots the schedule may use (0 unless the schedule is multistage) */
    default int diskSnapshots() {
        return 0;
    }

    /** @return how many step tapes the schedule may hold at once (1 for revolve, N for store-all) */
    long tapeCapacity();

    /**
     * The counts of running this schedule, computed from closed forms, memoized recursion or a
     * light simulation, without generating the actions. Equal to what {@link ScheduleChecker}
     * counts on the generated actions.
     *
     * @return the predicted counts
     */
    ScheduleCounts counts();

    /** @return a fresh lazy iterator over the actions, ending with {@link CheckpointAction.Terminate} */
    @Override
    Iterator<CheckpointAction> iterator();

    /**
     * Runs the schedule into a sink, action by action. The schedules of this package do so without
     * allocating per action, which is how an executor's hot loop stays allocation-free; the
     * default dispatches the records of {@link #iterator()}.
     *
     * @param sink receives every action, Terminate last
     */
    default void execute(ActionSink sink) {
        for (CheckpointAction action : this) {
            action.sendTo(sink);
        }
    }

    /** @return the actions as a sequential lazy stream */
    default Stream<CheckpointAction> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }
}
