package org.adjoint4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.adjoint4j.checkpointing.BinomialSchedule;
import org.adjoint4j.checkpointing.CheckpointAction;
import org.adjoint4j.checkpointing.OnlineSchedule;
import org.adjoint4j.checkpointing.ScheduleChecker;
import org.adjoint4j.checkpointing.ScheduleCounts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a schedule costs its interpreter: generating the actions of revolve for N steps (per
 * action, compare with the cost of one time step of a model), checking them, and predicting the
 * counts without generating anything.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ScheduleBenchmark {

    /** Steps reversed. */
    @Param({"100000"})
    public long steps;

    /** Snapshot slots. */
    @Param({"10", "40"})
    public int snapshots;

    /** @return the number of actions, so the generation is not optimized away */
    @Benchmark
    public long generateBinomial() {
        long count = 0;
        for (CheckpointAction ignored : new BinomialSchedule(steps, snapshots)) {
            count++;
        }
        return count;
    }

    /** @return the counts of running revolve through the abstract machine */
    @Benchmark
    public ScheduleCounts checkBinomial() {
        return ScheduleChecker.check(new BinomialSchedule(steps, snapshots));
    }

    /** @return the counts of a billion-step schedule from closed forms and memoized recursion */
    @Benchmark
    public ScheduleCounts predictBillionSteps() {
        return new BinomialSchedule(1_000_000_000L, snapshots).counts();
    }

    /** @return the online schedule's counts (a policy simulation over every step) */
    @Benchmark
    public ScheduleCounts predictOnline() {
        return new OnlineSchedule(steps, snapshots).counts();
    }
}
