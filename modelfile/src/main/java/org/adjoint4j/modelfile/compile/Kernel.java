package org.adjoint4j.modelfile.compile;

/**
 * A compiled kernel: straight-line JVM bytecode generated from an expression graph, reading time,
 * the state, the parameters and two seed or direction vectors, and writing its outputs into two
 * arrays. Kernels hold no state (their work array is the caller's), so one kernel serves every
 * thread.
 */
@FunctionalInterface
public interface Kernel {

    /**
     * @param t time
     * @param y the state (not modified)
     * @param p the parameters (not modified)
     * @param a a vector over the states: a cotangent or a state direction (not modified)
     * @param b a vector over the parameters: a parameter direction (not modified)
     * @param out0 the first output array (modified)
     * @param out1 the second output array (modified)
     * @param work values passed between the parts of a large kernel, of at least the kernel's
     *        work size (modified)
     */
    void run(double t, double[] y, double[] p, double[] a, double[] b, double[] out0, double[] out1, double[] work);
}
