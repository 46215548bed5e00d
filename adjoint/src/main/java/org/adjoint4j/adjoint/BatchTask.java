package org.adjoint4j.adjoint;

import java.io.Serializable;

/**
 * K independent solves that can travel to where they run: the task is serializable (a model
 * file's text or a PEtab problem's files, the parameter values, the solver's options), and
 * {@link #prepare} rebuilds what is costly to build (a compiled model) once per worker, so a
 * worker that solves many indices compiles once. Engines ({@link BatchEngine}) call
 * {@code solve(prepare(), i)} for every {@code i} in {@code 0..size()-1} and return the results in
 * index order, so sums over them taken in index order are the same bits on every engine.
 *
 * <p>Implementations must be deterministic: {@code solve(prepare(), i)} gives the same bits in
 * every JVM and thread that runs it, for any other indices solved before it by the same
 * {@code prepare()} result.
 *
 * @param <S> what {@link #prepare} builds (shared by the solves of one worker; it must be safe to
 *        use from several threads at once, as compiled models are)
 * @param <T> the result of one index (serializable, to come back)
 */
public interface BatchTask<S, T extends Serializable> extends Serializable {

    /** @return K, the number of indices */
    int size();

    /**
     * Builds the shared state of a worker: compiles the model or reads the problem.
     *
     * @return the state the solves of this worker share
     */
    S prepare();

    /**
     * Solves one index.
     *
     * @param prepared what {@link #prepare} built
     * @param index i, in 0..K-1
     * @return the result of index i
     */
    T solve(S prepared, int index);
}
