package org.adjoint4j.spark;

import org.adjoint4j.adjoint.BatchEngine;

/**
 * The engine named {@code spark}, found by {@link java.util.ServiceLoader} when this module is on
 * the class path: {@code BatchEngine.open("spark", threads, master)} starts a
 * {@link SparkBatchEngine}. Loading the provider loads no Spark class; only {@link #open} does.
 */
public final class SparkEngineProvider implements BatchEngine.Provider {

    /** For {@link java.util.ServiceLoader}. */
    public SparkEngineProvider() {
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public BatchEngine open(String master) {
        return new SparkBatchEngine(master);
    }
}
