package org.adjoint4j.adjoint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.adjoint4j.checkpointing.CheckpointAction;
import org.adjoint4j.checkpointing.CheckpointSchedule;
import org.adjoint4j.checkpointing.Storage;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.ParametricOde;
import org.adjoint4j.solvers.ReplayStepper;
import org.adjoint4j.solvers.StateFunction;
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
 * sweep's actions against them. States and adjoints are checked for non-finite values after every
 * step; a failure names the time, step and component. Steady state allocates nothing.
 */
final class ScheduleExecutor {

    /** What a run produced. */
    static final class Outcome {
        double value;
        double[] lambda;
        double[] mu;
        double[] finalState;
        long advances;
        long tapedSteps;
        long peakSnapshots;
        long peakBytes;
        long forwardEndNanos;
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

    ScheduleExecutor(ReplayStepper stepper, DiscreteAdjointStepper adjoint, ParametricOde model, StepGrid grid,
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
        this.observationIndex = new int[obs.size()];
        for (int i = 0; i < obs.size(); i++) {
            observationIndex[i] = gridIndex(obs.get(i).time());
        }
    }

    private int gridIndex(double t) {
        int n = grid.indexOf(t);
        if (n >= 0) {
            return n;
        }
        // Uniform grids snap breakpoints within 1e-9 of a step onto t0 or T.
        double tolerance = 1e-9 * (grid.finalTime() - grid.initialTime()) / grid.steps();
        if (Math.abs(t - grid.finalTime()) <= tolerance) {
            return grid.steps();
        }
        if (Math.abs(t - grid.initialTime()) <= tolerance) {
            return 0;
        }
        throw new IllegalStateException("observation time " + t + " is not on the grid");
    }

    Outcome run(CheckpointSchedule schedule, double[] initialState, OnlineCapture forward, double[] forwardFinalState) {
        if (schedule.steps() != grid.steps()) {
            throw new IllegalArgumentException("schedule for " + schedule.steps() + " steps, grid of " + grid.steps());
        }
        Run run = new Run(schedule, initialState, forward, forwardFinalState);
        try (run) {
            for (CheckpointAction action : schedule) {
                action.accept(run);
            }
        }
        if (!run.terminated) {
            throw new IllegalStateException("the schedule ended without Terminate");
        }
        return run.outcome;
    }

    /** The state of one run: working state, slots, tapes, adjoint. */
    private final class Run implements CheckpointAction.Visitor<Void>, AutoCloseable {
        private final Outcome outcome = new Outcome();
        private final long steps;
        private final OnlineCapture forward;
        private final double[] forwardFinalState;
        private final double[][] ram;
        private final long[] ramStep;
        private final int diskSlots;
        private DiskSnapshotStore disk;
        private final KeptTapes kept;
        private final StepTape turnTape;
        private final double[] gradientState;
        private final double[] gradientParameters;
        private final double[] stateView;
        private double[] y;
        private double[] yNext;
        private final double[] lambda;
        private final double[] mu;
        private long position;
        private boolean finalReached;
        private boolean terminated;
        private int ramAllocated;
        private boolean turned;
        private int liveDisk;
        private int peakDisk;

        Run(CheckpointSchedule schedule, double[] initialState, OnlineCapture forward, double[] forwardFinalState) {
            this.steps = schedule.steps();
            this.forward = forward;
            this.forwardFinalState = forwardFinalState;
            this.ram = new double[schedule.snapshots()][];
            this.ramStep = new long[schedule.snapshots()];
            Arrays.fill(ramStep, -1);
            this.diskSlots = schedule.diskSnapshots();
            this.kept = new KeptTapes(stepper);
            this.turnTape = stepper.newTape();
            this.gradientState = new double[stateDimension];
            this.gradientParameters = new double[parameters.length];
            this.stateView = new double[stateDimension];
            this.y = initialState.clone();
            this.yNext = new double[dimension];
            this.lambda = new double[dimension];
            this.mu = new double[parameters.length];
            outcome.lambda = lambda;
            outcome.mu = mu;
            if (steps == 0) {
                reachFinal(y);
            }
        }

        @Override
        public Void advance(CheckpointAction.Advance a) {
            requirePosition(a.from(), a);
            outcome.advances += a.length();
            if (forward != null && !finalReached) {
                // The first sweep ran inside the adaptive forward solve; the snapshots it kept are
                // those of the slots' last takeshots.
                position = a.to();
                if (position == steps) {
                    for (int slot = 0; slot < ram.length; slot++) {
                        if (ramStep[slot] >= 0) {
                            System.arraycopy(forward.state(slot, ramStep[slot]), 0, ram[slot], 0, dimension);
                        }
                    }
                    System.arraycopy(forwardFinalState, 0, y, 0, dimension);
                    reachFinal(y);
                }
                return null;
            }
            for (long k = a.from(); k < a.to(); k++) {
                int n = (int) k;
                stepper.advance(grid.time(n), grid.stepSize(n), y, yNext);
                swap();
                requireFinite(y, n + 1, "forward state");
            }
            position = a.to();
            if (position == steps) {
                reachFinal(y);
            }
            return null;
        }

        @Override
        public Void takeshot(CheckpointAction.Takeshot a) {
            requirePosition(a.step(), a);
            if (a.storage() == Storage.DISK) {
                disk().write(a.slot(), a.step(), y);
                liveDisk = Math.min(diskSlots, Math.max(liveDisk, a.slot() + 1));
                peakDisk = Math.max(peakDisk, liveDisk);
                return null;
            }
            if (ram[a.slot()] == null) {
                ram[a.slot()] = new double[dimension];
                ramAllocated++;
            }
            if (forward == null || finalReached) {
                System.arraycopy(y, 0, ram[a.slot()], 0, dimension);
            }
            ramStep[a.slot()] = a.step();
            return null;
        }

        @Override
        public Void restore(CheckpointAction.Restore a) {
            if (a.storage() == Storage.DISK) {
                disk().read(a.slot(), a.step(), y);
            } else {
                if (ram[a.slot()] == null || ramStep[a.slot()] != a.step()) {
                    throw new IllegalStateException("restore " + a.text() + ": slot " + a.slot() + " holds step "
                            + ramStep[a.slot()]);
                }
                System.arraycopy(ram[a.slot()], 0, y, 0, dimension);
            }
            position = a.step();
            return null;
        }

        @Override
        public Void firstTurn(CheckpointAction.FirstTurn a) {
            turn(a.step(), a);
            return null;
        }

        @Override
        public Void youTurn(CheckpointAction.YouTurn a) {
            turn(a.step(), a);
            return null;
        }

        private void turn(long k, CheckpointAction a) {
            requirePosition(k, a);
            int n = (int) k;
            stepper.tapedStep(grid.time(n), grid.stepSize(n), y, yNext, turnTape);
            outcome.tapedSteps++;
            turned = true;
            requireFinite(yNext, n + 1, "forward state");
            if (k == steps - 1 && !finalReached) {
                reachFinal(yNext);
            }
            reverseStep(turnTape, n);
            position = -1;
        }

        @Override
        public Void record(CheckpointAction.Record a) {
            requirePosition(a.from(), a);
            for (long k = a.from(); k < a.to(); k++) {
                int n = (int) k;
                stepper.tapedStep(grid.time(n), grid.stepSize(n), y, yNext, kept.open(k));
                swap();
                requireFinite(y, n + 1, "forward state");
            }
            outcome.tapedSteps += a.length();
            position = a.to();
            if (position == steps) {
                reachFinal(y);
            }
            return null;
        }

        @Override
        public Void reverse(CheckpointAction.Reverse a) {
            StepTape tape = kept.take(a.step());
            reverseStep(tape, (int) a.step());
            kept.release(tape);
            position = -1;
            return null;
        }

        @Override
        public Void terminate(CheckpointAction.Terminate a) {
            terminated = true;
            return null;
        }

        private void reverseStep(StepTape tape, int n) {
            adjoint.reverse(tape, lambda, mu);
            requireFinite(lambda, n, "adjoint");
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
                outcome.value += phi.value(t, stateView, parameters);
                phi.gradient(t, stateView, parameters, gradientState, gradientParameters);
                accumulate(gradientState, gradientParameters);
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
                outcome.value += l.value(t, stateView, parameters);
                l.gradient(t, stateView, parameters, gradientState, gradientParameters);
                accumulate(gradientState, gradientParameters);
            }
        }

        private void accumulate(double[] gy, double[] gp) {
            for (int i = 0; i < stateDimension; i++) {
                lambda[i] += gy[i];
            }
            for (int j = 0; j < gp.length; j++) {
                mu[j] += gp[j];
            }
        }

        private void requirePosition(long step, CheckpointAction a) {
            if (position != step) {
                throw new IllegalStateException("action " + a.text() + " needs x_" + step + ", the working state is "
                        + (position < 0 ? "undefined" : "x_" + position));
            }
        }

        private void requireFinite(double[] v, int n, String what) {
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    String name = i < stateDimension ? model.stateName(i) : "quadrature of the running cost";
                    throw new IntegrationException(what + " component " + i + " (" + name + ") is " + v[i] + " at t="
                            + grid.time(n) + ", step " + n + (what.equals("adjoint") ? " of the backward sweep"
                            : " of the forward sweep"), grid.time(n), n, null);
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

        @Override
        public void close() {
            long stateBytes = 8L * dimension;
            outcome.peakSnapshots = ramAllocated + peakDisk;
            outcome.peakBytes = ramAllocated * stateBytes + (long) peakDisk * (disk == null ? 0 : disk.fileBytes())
                    + ((turned ? 1 : 0) + kept.allocated()) * turnTape.bytes();
            if (disk != null) {
                disk.close();
            }
        }
    }
}
