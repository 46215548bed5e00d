package org.adjoint4j.adjoint;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Where the independent solves of a {@link BatchTask} run: in the caller's thread, on a pool of
 * threads ({@link GradientBatch}), or on a cluster (the optional {@code adjoint4j-spark} module,
 * found by {@link ServiceLoader} through {@link Provider}). Every engine returns the results in
 * index order, whatever order they finished in, so sums taken in index order
 * ({@link GradientBatch#sum}) are bit-identical across engines and degrees of parallelism.
 */
public interface BatchEngine extends AutoCloseable {

    /**
     * Runs every index of a task.
     *
     * @param task the task
     * @param <S> the task's shared state
     * @param <T> one index's result
     * @return the results, in index order
     * @throws RuntimeException the first failure in index order, as the task threw it (an engine
     *         that runs tasks elsewhere may wrap it, keeping its message)
     */
    <S, T extends Serializable> List<T> run(BatchTask<S, T> task);

    /** @return how many solves run at once (threads, or a cluster's default parallelism) */
    int parallelism();

    /** @return the engine's name and where it runs, e.g. {@code threads (2)} or {@code spark (local[2])} */
    String description();

    /** Stops the engine's threads or closes its cluster connection. */
    @Override
    void close();

    /**
     * An engine that another module provides, listed in that module's
     * {@code META-INF/services/org.adjoint4j.adjoint.BatchEngine$Provider}.
     */
    interface Provider {

        /** @return the engine's name, e.g. {@code spark} */
        String name();

        /**
         * Starts the engine.
         *
         * @param master where it runs (for Spark a master URL; null: the provider's default)
         * @return the engine (close it)
         */
        BatchEngine open(String master);
    }

    /**
     * The built-in engines by name ({@code sequential}, {@code threads}), then the providers on the
     * class path.
     *
     * @param name the engine's name
     * @param threads the threads of {@code threads} (at least 1)
     * @param master the master of a provided engine (null: its default)
     * @return the engine, started
     * @throws IllegalArgumentException naming the engine when none of that name is known
     */
    static BatchEngine open(String name, int threads, String master) {
        if ("sequential".equals(name)) {
            return new GradientBatch(1);
        }
        if ("threads".equals(name)) {
            return new GradientBatch(threads);
        }
        for (Provider p : ServiceLoader.load(Provider.class)) {
            if (p.name().equals(name)) {
                return p.open(master);
            }
        }
        throw new IllegalArgumentException("no batch engine named '" + name + "' on the class path (known: "
                + String.join(", ", names()) + ")");
    }

    /**
     * @return the names of the engines that {@link #open} knows here
     */
    static List<String> names() {
        List<String> known = new ArrayList<>(List.of("sequential", "threads"));
        for (Provider p : ServiceLoader.load(Provider.class)) {
            known.add(p.name());
        }
        return known;
    }
}
