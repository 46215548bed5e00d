package org.adjoint4j.solvers;

/**
 * What a taped step keeps for its adjoint: the step's start time and size, its stage states
 * {@code Y_0, ..., Y_{s-1}} at which the adjoint evaluates the vector-Jacobian products, and the
 * start state {@code y_n} (observation terms at t_n need it). When the first stage is explicit
 * ({@code Y_0 = y_n}: explicit methods, ESDIRKs) the start state is that stage; otherwise (SDIRK,
 * backward Euler) it is kept separately. Tapes are reused: a step overwrites every field.
 */
public final class StepTape {

    private final double[][] stages;
    private final double[] start;
    private double time;
    private double stepSize;

    /**
     * @param stages s
     * @param dimension n
     */
    public StepTape(int stages, int dimension) {
        this(stages, dimension, true);
    }

    /**
     * @param stages s
     * @param dimension n
     * @param firstStageIsStart whether {@code Y_0 = y_n}, so that no separate copy is kept
     */
    public StepTape(int stages, int dimension, boolean firstStageIsStart) {
        this.stages = new double[stages][dimension];
        this.start = firstStageIsStart ? this.stages[0] : new double[dimension];
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

    /** @return the state at the start of the step, {@code y_n} (the tape's own array) */
    public double[] startState() {
        return start;
    }

    /** @return whether the start state is a separate array the stepper must fill */
    public boolean keepsStartSeparately() {
        return start != stages[0];
    }

    /** @return s */
    public int stages() {
        return stages.length;
    }

    /** @return bytes of stage data held */
    public long bytes() {
        int n = stages.length == 0 ? 0 : stages[0].length;
        return bytes(stages.length, n, !keepsStartSeparately());
    }

    /**
     * @param stages s
     * @param dimension n
     * @param firstStageIsStart whether {@code Y_0 = y_n} (else y_n is kept apart)
     * @return the bytes of stage data such a tape holds: {@code 8 n (s + [y_n kept apart])}
     */
    public static long bytes(int stages, int dimension, boolean firstStageIsStart) {
        return 8L * dimension * (stages + (firstStageIsStart ? 0 : 1));
    }

    void set(double t, double h) {
        this.time = t;
        this.stepSize = h;
    }
}
