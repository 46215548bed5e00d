package org.adjoint4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.adjoint4j.adjoint.BatchEngine;
import org.adjoint4j.adjoint.BatchFailure;
import org.adjoint4j.adjoint.BatchTask;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A {@link BatchEngine} on Apache Spark: the indices 0..K-1 of a {@link BatchTask} are split into
 * contiguous partitions ({@code parallelize}), each partition deserializes the task, calls
 * {@link BatchTask#prepare} once (compiling its model) and solves its indices
 * ({@code mapPartitions}); the results come back with their indices ({@code collect}) and are put in
 * index order here. Sums are then taken in index order by the caller, never by Spark's
 * {@code reduce}, which merges partial results in completion order: so a batch gives the same bits
 * on Spark as on one thread, for any master and partition count.
 *
 * <p>A failure inside a task is caught where it happens and sent back as a result, and the
 * failure of the lowest index is rethrown here as the task threw it (not wrapped in Spark's job
 * failure, and not retried: a deterministic solve fails the same way again).
 *
 * <p>Started with a master URL, the engine owns its {@link JavaSparkContext} (UI off, the driver
 * bound to the loopback address for {@code local} masters) and stops it on {@link #close}; given a
 * context (inside {@code spark-submit}), it uses it and leaves it running.
 */
public final class SparkBatchEngine implements BatchEngine {

    /** The master when none is given: all the cores of this machine. */
    public static final String DEFAULT_MASTER = "local[*]";

    private final JavaSparkContext context;
    private final boolean owned;
    private final String master;

    /**
     * Starts a Spark context.
     *
     * @param master a Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn},
     *        {@code k8s://...}); null for the one {@code spark-submit} set (the {@code spark.master}
     *        property), else {@link #DEFAULT_MASTER}
     * @throws IllegalArgumentException naming the master if it is blank or Spark cannot start on it
     */
    public SparkBatchEngine(String master) {
        String m = master != null ? master.trim() : System.getProperty("spark.master", DEFAULT_MASTER);
        if (m.isEmpty()) {
            throw new IllegalArgumentException("master must be a Spark master URL (e.g. local[2]), got '" + master
                    + "'");
        }
        if (System.getProperty("log4j2.configurationFile") == null) {
            // Spark's own default logs every stage at INFO; a batch's user wants warnings only.
            System.setProperty("log4j2.configurationFile", "org/adjoint4j/spark/log4j2.properties");
        }
        SparkConf conf = new SparkConf().setMaster(m).setAppName("adjoint4j")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (m.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        JavaSparkContext started;
        try {
            started = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            // Spark's checked SparkException arrives here unchecked (Scala declares none).
            throw new IllegalArgumentException("master '" + m + "': Spark cannot start on it (" + e.getMessage()
                    + ")", e);
        }
        this.context = started;
        this.context.setLogLevel("WARN");
        this.owned = true;
        this.master = m;
    }

    /**
     * Uses a running Spark context (that of {@code spark-submit}, say), which {@link #close} leaves
     * running.
     *
     * @param context the context
     */
    public SparkBatchEngine(JavaSparkContext context) {
        if (context == null) {
            throw new IllegalArgumentException("context must not be null");
        }
        this.context = context;
        this.owned = false;
        this.master = context.master();
    }

    /** @return the master URL */
    public String master() {
        return master;
    }

    @Override
    public int parallelism() {
        return context.defaultParallelism();
    }

    @Override
    public String description() {
        return "spark (" + master + ", parallelism " + parallelism() + ")";
    }

    @Override
    public <S, T extends Serializable> List<T> run(BatchTask<S, T> task) {
        int count = task.size();
        List<T> results = new ArrayList<>(count);
        if (count == 0) {
            return results;
        }
        List<Integer> indices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            indices.add(i);
        }
        int slices = Math.min(count, parallelism());
        List<Indexed<T>> collected;
        try {
            collected = context.parallelize(indices, slices).mapPartitions(new Partition<>(task)).collect();
        } catch (RuntimeException e) {
            // The tasks' own failures come back as results; what is thrown here is Spark's.
            throw new BatchFailure("Spark lost a batch of " + count + " solves on " + master + ": " + e.getMessage(),
                    e);
        }
        @SuppressWarnings("unchecked")
        Indexed<T>[] byIndex = new Indexed[count];
        for (Indexed<T> r : collected) {
            byIndex[r.index] = r;
        }
        for (int i = 0; i < count; i++) {
            Indexed<T> r = byIndex[i];
            if (r == null) {
                // A partition stops at its first failure; a lower index's failure is thrown first.
                continue;
            }
            if (r.failure != null) {
                if (r.failure instanceof RuntimeException) {
                    throw (RuntimeException) r.failure;
                }
                if (r.failure instanceof Error) {
                    throw (Error) r.failure;
                }
                throw new IllegalStateException(r.failure);
            }
        }
        for (int i = 0; i < count; i++) {
            if (byIndex[i] == null) {
                throw new IllegalStateException("Spark returned no result for index " + i + " of " + count);
            }
            results.add(byIndex[i].value);
        }
        return results;
    }

    @Override
    public void close() {
        if (owned) {
            context.stop();
        }
    }

    /** One index's result, or its failure. */
    static final class Indexed<T extends Serializable> implements Serializable {
        private static final long serialVersionUID = 1L;
        final int index;
        final T value;
        final Throwable failure;

        Indexed(int index, T value, Throwable failure) {
            this.index = index;
            this.value = value;
            this.failure = failure;
        }
    }

    /** The work of one partition: prepare once, then solve its indices in order until one fails. */
    static final class Partition<S, T extends Serializable> implements FlatMapFunction<Iterator<Integer>, Indexed<T>> {
        private static final long serialVersionUID = 1L;
        private final BatchTask<S, T> task;

        Partition(BatchTask<S, T> task) {
            this.task = task;
        }

        @Override
        public Iterator<Indexed<T>> call(Iterator<Integer> indices) {
            List<Indexed<T>> out = new ArrayList<>();
            if (!indices.hasNext()) {
                return out.iterator();
            }
            S prepared;
            int first = indices.next();
            try {
                prepared = task.prepare();
            } catch (RuntimeException | Error e) {
                out.add(new Indexed<>(first, null, e));
                return out.iterator();
            }
            for (int i = first;; i = indices.next()) {
                try {
                    out.add(new Indexed<>(i, task.solve(prepared, i), null));
                } catch (RuntimeException | Error e) {
                    out.add(new Indexed<>(i, null, e));
                    break;
                }
                if (!indices.hasNext()) {
                    break;
                }
            }
            return out.iterator();
        }
    }
}
