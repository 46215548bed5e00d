package org.adjoint4j.solvers;

/**
 * What a taped step keeps for its adjoint: the step's start time and size and its stage states
 * {@code Y_0 = y_n, Y_1, ..., Y_{s-1}}, at which the adjoint evaluates the vector-Jacobian
 * products. Tapes are reused: a step overwrites every field.
 */
public final class StepTape {

    private final double[][] stages;
    private double time;
    private double stepSize;

    /**
     * @param stages s
     * @param dimension n
     */
    public StepTape(int stages, int dimension) {
        this.stages = new double[stages][dimension];
    }

    /** @return {@code t_n} */
    public double time() {
        return time;
    }

    /** @return {@code h_n} */
    public double stepSize() {
        return stepSize;
    }

    /**
     * @param i stage index
     * @return the stage state {@code Y_i} (the tape's own array: read it, do not keep it)
     */
    public double[] stage(int i) {
        return stages[i];
    }

    /** @return the state at the start of the step, {@code Y_0 = y_n} */
    public double[] startState() {
        return stages[0];
    }

    /** @return s */
    public int stages() {
        return stages.length;
    }

    /** @return bytes of stage data held */
    public long bytes() {
        return 8L * stages.length * (stages.length == 0 ? 0 : stages[0].length);
    }

    void set(double t, double h) {
        this.time = t;
        this.stepSize = h;
    }
}
