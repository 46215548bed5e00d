package org.adjoint4j.adjoint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.adjoint4j.checkpointing.ActionSink;
import org.adjoint4j.checkpointing.CheckpointSchedule;
import org.adjoint4j.checkpointing.Storage;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.ReplayStepper;
import org.adjoint4j.solvers.StepGrid;
import org.adjoint4j.solvers.StepTape;

/**
 * Runs any checkpointing schedule against a replay stepper and its discrete adjoint: the one
 * interpreter of the actions, reading nothing but the actions.
 *
 * <pre>
 *   Advance(a, b)     advance steps a..b-1 from the working state
 *   Takeshot/Restore  copy the working state to/from a RAM slot or a disk file
 *   FirstTurn/YouTurn tape step k from the working state, then reverse it
 *   Record(a, b)      taped steps a..b-1 whose tapes are kept;  Reverse(k) reverses from one
 * </pre>
 * When the working state first reaches {@code y_N}, the terminal term, the quadrature and the
 * observations at T start J and {@code lambda = dJ/dy_N}; after reversing step k, the observations
 * at {@code t_k} add to J, lambda and mu, with {@code y_k} taken from the step's tape.
 *
 * <p>For online checkpointing of an adaptive run the first sweep has already happened inside
 * Hipparchus: its snapshots come from an {@link OnlineCapture} and the executor only checks the
 * sweep's actions against them. When an adaptive implicit run taped every accepted step as it went
 * ({@link CapturedTapes}), Record and the turns take those tapes instead of taping the steps
 * again: they are the same bits, and the forward sweep is not paid twice. States and adjoints are checked for non-finite values after every
 * step; a failure names the time, step and component.
 *
 * <p>The executor keeps its slots, tapes and vectors between runs, and schedules push their
 * actions without allocating, so a second run of the same size allocates nothing per step. Not
 * thread-safe: one executor per thread.
 */
public final class ScheduleExecutor {

    /** What a run produced; the arrays are the executor's own, valid until its next run. */
    public static final class Outcome {
        private double value;
        private double[] lambda;
        private double[] mu;
        private double[] finalState;
        private long advances;
        private long tapedSteps;
        private long peakSnapshots;
        private long peakBytes;
        private long forwardEndNanos;

        /** @return J */
        public double value() {
            return value;
        }

        /** @return {@code dJ/dy_0} of the (possibly augmented) state */
        public double[] lambda() {
            return lambda;
        }

        /** @return {@code dJ/dp} */
        public double[] mu() {
            return mu;
        }

        /** @return {@code y_N} (state part) */
        public double[] finalState() {
            return finalState;
        }

        /** @return advances made, as the schedule counts them */
        public long advances() {
            return advances;
        }

        /** @return taped steps */
        public long tapedSteps() {
            return tapedSteps;
        }

        /** @return most snapshots held at once */
        public long peakSnapshots() {
            return peakSnapshots;
        }

        /** @return most bytes of snapshots and tapes held at once */
        public long peakBytes() {
            return peakBytes;
        }

        /** @return {@link System#nanoTime()} when the working state first reached {@code y_N} */
        public long forwardEndNanos() {
            return forwardEndNanos;
        }
    }

    private final ReplayStepper stepper;
    private final DiscreteAdjointStepper adjoint;
    private final ParametricOde model;
    private final StepGrid grid;
    private final double[] parameters;
    private final Objective objective;
    private final int dimension;
    private final int stateDimension;
    private final boolean quadrature;
    private final int[] observationIndex;
    private final Path diskDirectory;
    private final Sink sink = new Sink();
    private final KeptTapes kept;
    private final StepTape turnTape;
    private final double[] gradientState;
    private final double[] gradientParameters;
    private final double[] stateView;
    private final double[] lambda;
    private final double[] mu;
    private double[] y;
    private double[] yNext;
    private ProgressListener progress;
    private double[][] ram = new double[0][];
    private long[] ramStep = new long[0];

    /**
     * @param stepper replays the steps of the grid (its model is the one differentiated)
     * @param adjoint the adjoint of the stepper's steps
     * @param model the user's model, for names in messages
     * @param grid the accepted grid
     * @param parameters p (not modified; referenced)
     * @param objective J
     * @param stateDimension n, the user's state dimension (the stepper's may add a quadrature)
     * @param diskDirectory where disk snapshots go, or null for a temporary directory
     */
    public ScheduleExecutor(ReplayStepper stepper, DiscreteAdjointStepper adjoint, ParametricOde model, StepGrid grid,
            double[] parameters, Objective objective, int stateDimension, Path diskDirectory) {
        this.stepper = stepper;
        this.adjoint = adjoint;
        this.model = model;
        this.grid = grid;
        this.parameters = parameters;
        this.objective = objective;
        this.dimension = stepper.dimension();
        this.stateDimension = stateDimension;
        this.quadrature = objective.running() != null;
        this.diskDirectory = diskDirectory;
        List<Objective.Observation> obs = objective.observations();
        this.observationIndex = grid.indicesOfBreakpoints(obs.stream().mapToDouble(Objective.Observation::time)
                .toArray(), objective.observationTimes());
        this.kept = new KeptTapes(stepper);
        this.turnTape = stepper.newTape();
        this.gradientState = new double[stateDimension];
        this.gradientParameters = new double[parameters.length];
        this.stateView = new double[stateDimension];
        this.lambda = new double[dimension];
        this.mu = new double[parameters.length];
        this.y = new double[dimension];
        this.yNext = new double[dimension];
    }

    /**
     * Runs a schedule from the initial state.
     *
     * @param schedule a schedule for the grid's N steps
     * @param initialState {@code y_0} of the stepper's dimension (not modified)
     * @return J, the gradients and counts
     */
    public Outcome run(CheckpointSchedule schedule, double[] initialState) {
        return run(schedule, initialState, null, null, null);
    }

    /**
     * @param listener sees the fraction of steps reversed (about 200 times per run), or null
     */
    public void setProgressListener(ProgressListener listener) {
        this.progress = listener;
    }

    Outcome run(CheckpointSchedule schedule, double[] initialState, OnlineCapture forward, double[] forwardFinal,
            CapturedTapes tapes) {
        if (schedule.steps() != grid.steps()) {
            throw new IllegalArgumentException("schedule for " + schedule.steps() + " steps, grid of " + grid.steps());
        }
        if (initialState.length != dimension) {
            throw new IllegalArgumentException("initial state has length " + initialState.length + ", expected "
                    + dimension);
        }
        sink.reset(schedule, initialState, forward, forwardFinal,
                tapes != null && forwardFinal != null && tapes.complete(schedule.steps()) ? tapes : null);
        try {
            schedule.execute(sink);
        } finally {
            sink.close();
        }
        if (!sink.terminated) {
            throw new IllegalStateException("the schedule ended without Terminate");
        }
        return sink.outcome;
    }

    /** The interpreter of the actions, with the state of the current run. */
    private final class Sink implements ActionSink {
        private Outcome outcome;
        private long steps;
        private OnlineCapture forward;
        private double[] forwardFinalState;
        /** Every step's tape from the forward run, or null. */
        private CapturedTapes captured;
        private int diskSlots;
        private DiskSnapshotStore disk;
        private long position;
        private boolean finalReached;
        private boolean terminated;
        private boolean turned;
        private int ramUsed;
        private int liveDisk;
        private int peakDisk;

        void reset(CheckpointSchedule schedule, double[] initialState, OnlineCapture capture, double[] finalState,
                CapturedTapes tapes) {
            outcome = new Outcome();
            captured = tapes;
            outcome.lambda = lambda;
            outcome.mu = mu;
            steps = schedule.steps();
            forward = capture;
            forwardFinalState = finalState;
            int slots = schedule.snapshots();
            if (ram.length < slots) {
                ram = Arrays.copyOf(ram, slots);
                ramStep = Arrays.copyOf(ramStep, slots);
            }
            Arrays.fill(ramStep, -1);
            diskSlots = schedule.diskSnapshots();
            kept.reset();
            Arrays.fill(lambda, 0.0);
            Arrays.fill(mu, 0.0);
            System.arraycopy(initialState, 0, y, 0, dimension);
            position = 0;
            finalReached = false;
            terminated = false;
            turned = false;
            ramUsed = 0;
            liveDisk = 0;
            peakDisk = 0;
            if (steps == 0) {
                reachFinal(y);
            }
        }

        @Override
        public void advance(long from, long to) {
            requirePosition(from, "A", to);
            outcome.advances += to - from;
            if (forward != null && !finalReached) {
                // The first sweep ran inside the adaptive forward solve; the snapshots it kept are
                // those of the slots' last takeshots.
                position = to;
                if (position == steps) {
                    for (int slot = 0; slot < ramStep.length; slot++) {
                        if (ramStep[slot] >= 0) {
                            System.arraycopy(forward.state(slot, ramStep[slot]), 0, ram[slot], 0, dimension);
                        }
                    }
                    System.arraycopy(forwardFinalState, 0, y, 0, dimension);
                    reachFinal(y);
                }
                return;
            }
            for (long k = from; k < to; k++) {
                int n = (int) k;
                forwardProgress(k);
                stepper.advance(grid.time(n), grid.stepSize(n), y, yNext);
                requireFiniteStep(yNext, n, y);
                swap();
            }
            position = to;
            if (position == steps) {
                reachFinal(y);
            }
        }

        @Override
        public void takeshot(int slot, long step, Storage storage) {
            requirePosition(step, "S", step);
            if (storage == Storage.DISK) {
                disk().write(slot, step, y);
                liveDisk = Math.min(diskSlots, Math.max(liveDisk, slot + 1));
                peakDisk = Math.max(peakDisk, liveDisk);
                return;
            }
            if (ram[slot] == null) {
                ram[slot] = new double[dimension];
            }
            ramUsed = Math.max(ramUsed, slot + 1);
            if (forward == null || finalReached) {
                System.arraycopy(y, 0, ram[slot], 0, dimension);
            }
            ramStep[slot] = step;
        }

        @Override
        public void restore(int slot, long step, Storage storage) {
            if (storage == Storage.DISK) {
                disk().read(slot, step, y);
            } else {
                if (ramStep[slot] != step) {
                    throw new IllegalStateException("restore of x_" + step + " from slot " + slot + ", which holds step "
                            + ramStep[slot]);
                }
                System.arraycopy(ram[slot], 0, y, 0, dimension);
            }
            position = step;
        }

        @Override
        public void firstTurn(long step) {
            turn(step);
        }

        @Override
        public void youTurn(long step) {
            turn(step);
        }

        private void turn(long k) {
            requirePosition(k, "Y", k);
            int n = (int) k;
            outcome.tapedSteps++;
            if (captured != null) {
                if (k == steps - 1 && !finalReached) {
                    reachFinal(forwardFinalState);
                }
                reverseStep(captured.tape(k), n);
                position = -1;
                return;
            }
            stepper.tapedStep(grid.time(n), grid.stepSize(n), y, yNext, turnTape);
            turned = true;
            requireFiniteStep(yNext, n, y);
            if (k == steps - 1 && !finalReached) {
                reachFinal(yNext);
            }
            reverseStep(turnTape, n);
            position = -1;
        }

        @Override
        public void record(long from, long to) {
            requirePosition(from, "W", to);
            if (captured != null) {
                // The forward run taped these steps already; the working state moves to y_to.
                outcome.tapedSteps += to - from;
                position = to;
                System.arraycopy(to == steps ? forwardFinalState : captured.tape(to).startState(), 0, y, 0, dimension);
                if (position == steps) {
                    reachFinal(y);
                }
                return;
            }
            for (long k = from; k < to; k++) {
                int n = (int) k;
                forwardProgress(k);
                stepper.tapedStep(grid.time(n), grid.stepSize(n), y, yNext, kept.open(k));
                requireFiniteStep(yNext, n, y);
                swap();
            }
            outcome.tapedSteps += to - from;
            position = to;
            if (position == steps) {
                reachFinal(y);
            }
        }

        @Override
        public void reverse(long step) {
            if (captured != null) {
                reverseStep(captured.tape(step), (int) step);
                position = -1;
                return;
            }
            StepTape tape = kept.take(step);
            reverseStep(tape, (int) step);
            kept.release(tape);
            position = -1;
        }

        @Override
        public void terminate() {
            terminated = true;
        }

        /** The first sweep of a fixed grid (an adaptive run reports its own forward solve). */
        private void forwardProgress(long k) {
            if (progress != null && !finalReached && (steps < 200 || k % (steps / 200) == 0)) {
                progress.progress("forward", (double) k / steps);
            }
        }

        private void reverseStep(StepTape tape, int n) {
            if (progress != null && (steps < 200 || n % (steps / 200) == 0)) {
                progress.progress("backward", 1.0 - (double) n / steps);
            }
            adjoint.reverse(tape, lambda, mu);
            requireFiniteAdjoint(n);
            observe(n, tape.startState());
        }

        /** The working state is y_N: J and lambda start here. */
        private void reachFinal(double[] yN) {
            finalReached = true;
            outcome.forwardEndNanos = System.nanoTime();
            outcome.finalState = Arrays.copyOf(yN, stateDimension);
            double t = grid.finalTime();
            System.arraycopy(yN, 0, stateView, 0, stateDimension);
            StateFunction phi = objective.terminal();
            if (phi != null) {
                double term = phi.value(t, stateView, parameters);
                requireFiniteTerm(term, "the terminal term", t, (int) steps);
                outcome.value += term;
                phi.gradient(t, stateView, parameters, gradientState, gradientParameters);
                requireFiniteTermGradient("the terminal term", t, (int) steps);
                accumulate();
            }
            if (quadrature) {
                outcome.value += yN[stateDimension];
                lambda[stateDimension] = 1.0;
            }
            observe((int) steps, yN);
        }

        /** Observation terms at grid index n, with y_n given. */
        private void observe(int n, double[] yn) {
            List<Objective.Observation> obs = objective.observations();
            for (int i = 0; i < observationIndex.length; i++) {
                if (observationIndex[i] != n) {
                    continue;
                }
                System.arraycopy(yn, 0, stateView, 0, stateDimension);
                StateFunction l = obs.get(i).cost();
                double t = grid.time(n);
                double term = l.value(t, stateView, parameters);
                requireFiniteTerm(term, "observation term " + i, t, n);
                outcome.value += term;
                l.gradient(t, stateView, parameters, gradientState, gradientParameters);
                requireFiniteTermGradient("observation term " + i, t, n);
                accumulate();
            }
        }

        /** An objective term that is not finite stops the run: J would be silently wrong. */
        private void requireFiniteTerm(double value, String what, double t, int n) {
            if (!Double.isFinite(value)) {
                throw new IntegrationException(what + " of the objective is " + value + " at t=" + t + " (grid point "
                        + n + ")", t, n, null);
            }
        }

        private void requireFiniteTermGradient(String what, double t, int n) {
            for (int i = 0; i < stateDimension; i++) {
                if (!Double.isFinite(gradientState[i])) {
                    throw new IntegrationException("the gradient of " + what + " with respect to state " + i + " ("
                            + model.stateName(i) + ") is " + gradientState[i] + " at t=" + t, t, n, null);
                }
            }
            for (int j = 0; j < gradientParameters.length; j++) {
                if (!Double.isFinite(gradientParameters[j])) {
                    throw new IntegrationException("the gradient of " + what + " with respect to parameter " + j + " ("
                            + model.parameterName(j) + ") is " + gradientParameters[j] + " at t=" + t, t, n, null);
                }
            }
        }

        private void accumulate() {
            for (int i = 0; i < stateDimension; i++) {
                lambda[i] += gradientState[i];
            }
            for (int j = 0; j < gradientParameters.length; j++) {
                mu[j] += gradientParameters[j];
            }
        }

        private void requirePosition(long step, String action, long argument) {
            if (position != step) {
                throw new IllegalStateException("action " + action + " (" + step + ", " + argument + ") needs x_" + step
                        + ", the working state is " + (position < 0 ? "undefined" : "x_" + position));
            }
        }

        /** After step n from yStart: a non-finite result is traced to the stage where it arose. */
        private void requireFiniteStep(double[] result, int n, double[] yStart) {
            for (double v : result) {
                if (!Double.isFinite(v)) {
                    String where = stepper.diagnose(grid.time(n), grid.stepSize(n), yStart);
                    throw new IntegrationException((where == null ? "the step's result is not finite" : where)
                            + " in step " + n + " of the forward sweep (t=" + grid.time(n) + ")", grid.time(n), n, null);
                }
            }
        }

        private void requireFiniteAdjoint(int n) {
            for (int i = 0; i < lambda.length; i++) {
                if (!Double.isFinite(lambda[i])) {
                    String name = i < stateDimension ? model.stateName(i) : "quadrature of the running cost";
                    throw new IntegrationException("adjoint component " + i + " (" + name + ") is " + lambda[i]
                            + " after reversing step " + n + " (t=" + grid.time(n) + ") in the backward sweep",
                            grid.time(n), n, null);
                }
            }
            // The step touched only the parameters its stages depend on (all, unless the model says
            // fewer); checking just those keeps a step's cost independent of m.
            double t = grid.time(n);
            double t1 = t + grid.stepSize(n);
            int from = Math.min(model.parameterSupportStart(t), model.parameterSupportStart(t1));
            int to = Math.max(model.parameterSupportEnd(t), model.parameterSupportEnd(t1));
            for (int j = from; j < to; j++) {
                if (!Double.isFinite(mu[j])) {
                    throw new IntegrationException("parameter adjoint component " + j + " (" + model.parameterName(j)
                            + ") is " + mu[j] + " after reversing step " + n + " (t=" + grid.time(n)
                            + ") in the backward sweep", grid.time(n), n, null);
                }
            }
        }

        private void swap() {
            double[] t = y;
            y = yNext;
            yNext = t;
        }

        private DiskSnapshotStore disk() {
            if (disk == null) {
                disk = new DiskSnapshotStore(diskDirectory, dimension);
            }
            return disk;
        }

        void close() {
            long stateBytes = 8L * dimension;
            outcome.peakSnapshots = ramUsed + peakDisk;
            outcome.peakBytes = ramUsed * stateBytes + (long) peakDisk * (disk == null ? 0 : disk.fileBytes())
                    + ((turned ? 1 : 0) + kept.allocated() + (captured != null ? steps : 0)) * turnTape.bytes();
            if (disk != null) {
                disk.close();
                disk = null;
            }
        }
    }
}
