package org.adjoint4j.adjoint;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Many independent solves at once: gradients, values, or any task indexed 0..K-1, on a fixed pool
 * of threads (each solve builds its own work arrays, so a thread's workspace is its solve's), with
 * the results returned in index order whatever order the tasks finish in. Sums over a batch are
 * then taken in index order by the caller ({@link #sum}), so they are bit-identical for any
 * thread count: floating-point addition is not associative, and a reduction in completion order
 * would not be. With one thread the tasks run in the caller's thread. Close the batch to stop its
 * threads. As a {@link BatchEngine} it prepares a {@link BatchTask} once and shares what that
 * built (a compiled model) between its threads.
 */
public final class GradientBatch implements BatchEngine {

    private final int threads;
    private final ExecutorService executor;

    /**
     * @param threads the number of threads, at least 1
     */
    public GradientBatch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "adjoint4j-batch");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the number of threads */
    public int threads() {
        return threads;
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public String description() {
        return threads == 1 ? "sequential" : "threads (" + threads + ")";
    }

    @Override
    public <S, T extends Serializable> List<T> run(BatchTask<S, T> task) {
        S prepared = task.prepare();
        return map(task.size(), i -> task.solve(prepared, i));
    }

    /**
     * Runs K tasks.
     *
     * @param count K
     * @param task the task of each index
     * @param <T> the result type
     * @return the results, in index order
     * @throws RuntimeException the first failure in index order, as the task threw it
     */
    public <T> List<T> map(int count, IntFunction<T> task) {
        List<T> results = new ArrayList<>(count);
        if (executor == null) {
            for (int i = 0; i < count; i++) {
                results.add(task.apply(i));
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(executor.submit(() -> task.apply(index)));
        }
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(g -> g.cancel(true));
                throw new IllegalStateException("interrupted while waiting for a batch of " + count + " solves");
            } catch (ExecutionException e) {
                futures.forEach(g -> g.cancel(true));
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException(cause);
            }
        }
        return results;
    }

    /**
     * @param problems the problems
     * @param options how each is solved
     * @return their gradients, in order
     */
    public List<GradientResult> gradients(List<GradientProblem> problems, GradientOptions options) {
        return map(problems.size(), i -> GradientSolver.solve(problems.get(i), options));
    }

    /**
     * @param rows vectors of one length
     * @return their sum, added in list order
     */
    public static double[] sum(List<double[]> rows) {
        if (rows.isEmpty()) {
            return new double[0];
        }
        double[] s = new double[rows.get(0).length];
        for (double[] r : rows) {
            for (int k = 0; k < s.length; k++) {
                s[k] += r[k];
            }
        }
        return s;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
