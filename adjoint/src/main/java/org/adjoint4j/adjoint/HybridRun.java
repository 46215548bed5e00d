package org.adjoint4j.adjoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.adjoint4j.model.Event;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.QuadratureOde;
import org.adjoint4j.solvers.AdaptiveIntegration;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.NewtonSettings;
import org.adjoint4j.solvers.ReplayStepper;
import org.adjoint4j.solvers.StepGrid;

/**
 * The forward sweep of a hybrid run, and the plan its adjoint ({@link HybridGradientSolver}) and
 * its forward-mode check ({@link HybridForwardMode}) follow.
 *
 * <p>The run is cut into segments at observation times, time events, state events and T. A
 * segment {@code [a, b]} is steps of the method (uniform of size {@code (T - t_0)/N} from a, or
 * Hipparchus's or our adaptive steps, their sizes then frozen), then, when a or b moves with
 * {@code (p, y_0)}, one cut step of length {@code L = b - t_n} from the last step's start
 * {@code t_n} on the clock {@code t = t_n + L s} of {@link AffineTimeOde}; a segment that starts at
 * a moving time runs on {@code t = a + s}. A state event is found by sampling its condition on the
 * cubic Hermite interpolant of each step at four points, and between two of one sign where a cubic
 * fit of g and its derivative along the interpolant dips across zero, at the dip (so two crossings
 * between samples are found when g is near that cubic, a quadratic dip exactly; a dip the cubic
 * does not show is missed), and located to round-off by the Illinois method on the cut
 * step itself: {@code g(t_n + L, Phi(L)) = 0}, the state taken on the crossed side. Events firing
 * at one time are applied in declaration order, each jump at the state the previous one left;
 * observations at that time see the state after the jumps. An event that has just fired is
 * re-armed where its condition next leaves zero, and a jump that moves a condition across zero
 * does not fire it.
 */
final class HybridRun {

    /** Sampling points of a step's Hermite interpolant, as fractions of the step. */
    private static final double[] SAMPLES = {0.25, 0.5, 0.75, 1.0};

    /** How many samples a step may add where a cubic fit of g suggests two crossings. */
    private static final int REFINEMENTS = 8;

    /** One segment and the boundary at its end. */
    static final class Segment {
        double a;
        boolean aMoves;
        double[] ya;
        /** The steps before the cut one, or null if there are none. */
        StepGrid bulk;
        int bulkSteps;
        double[] yn;
        boolean tail;
        double tn;
        double length;
        double b;
        boolean bMoves;
        int defining = -1;
        double[] yMinus;
        int[] fired = new int[0];
        int[] directions = new int[0];
        double[][] beforeJump = new double[0][];
        double[] yPlus;
        int[] observations = new int[0];
        boolean terminal;
    }

    final HybridProblem problem;
    final GradientOptions options;
    final ParametricOde model;
    final int n;
    final int dimension;
    final double[] p;
    final List<Segment> segments = new ArrayList<>();
    final int[] observationsAtStart;
    final double[] eventTimes;
    final boolean[] eventTimeMoves;
    final List<String> warnings = new ArrayList<>();
    double value;
    int steps;

    private final List<Event> events;
    private final int[] armed;
    private final double[] stateWork;
    private final double[] hermiteRate;
    private final double[] conditionState;
    private final double[] conditionParameters;
    private final double[] sampleTheta = new double[1 + SAMPLES.length + REFINEMENTS];
    private final double[] sampleValue = new double[sampleTheta.length];
    private final double[] sampleSlope = new double[sampleTheta.length];
    private final double h;

    private HybridRun(HybridProblem problem, GradientOptions options) {
        this.problem = problem;
        this.options = options;
        GradientProblem base = problem.problem();
        Objective objective = base.objective();
        this.model = objective.running() == null ? base.model() : new QuadratureOde(base.model(), objective.running());
        this.n = base.model().stateDimension();
        this.dimension = model.stateDimension();
        this.p = base.parameters();
        this.events = problem.events();
        this.armed = new int[events.size()];
        this.stateWork = new double[n];
        this.hermiteRate = new double[n];
        this.conditionState = new double[n];
        this.conditionParameters = new double[p.length];
        this.eventTimes = new double[events.size()];
        this.eventTimeMoves = new boolean[events.size()];
        boolean adaptive = options.stepping().isAdaptive();
        this.h = adaptive ? Double.NaN : (base.finalTime() - base.initialTime()) / options.stepping().steps();
        List<Objective.Observation> observations = objective.observations();
        Integer[] order = sortedObservations(observations);
        double t0 = base.initialTime();
        double[] y0 = base.initialState();
        double[] gy = new double[n];
        double[] gp = new double[p.length];
        for (int e = 0; e < events.size(); e++) {
            Event event = events.get(e);
            if (event.time() != null) {
                eventTimes[e] = event.time().value(t0, y0, p);
                if (!Double.isFinite(eventTimes[e])) {
                    throw new IllegalArgumentException("event " + event.name() + " has time " + eventTimes[e]);
                }
                event.time().gradient(t0, y0, p, gy, gp);
                for (double g : gp) {
                    eventTimeMoves[e] |= g != 0.0;
                }
            } else {
                armed[e] = (int) Math.signum(event.condition().value(t0, y0, p));
                eventTimes[e] = Double.NaN;
            }
        }
        int next = 0;
        List<Integer> atStart = new ArrayList<>();
        while (next < order.length && observations.get(order[next]).time() == t0) {
            atStart.add(order[next++]);
        }
        this.observationsAtStart = atStart.stream().mapToInt(Integer::intValue).toArray();
        run(order, next);
    }

    /**
     * @param problem the problem
     * @param options method, stepping and Newton settings
     * @return the forward sweep, its J and its plan
     * @throws IntegrationException if a step fails, naming the time
     */
    static HybridRun forward(HybridProblem problem, GradientOptions options) {
        if (options.stepping().isAdaptive() && !options.method().isAdaptive()) {
            throw new IllegalArgumentException("method " + options.method().name() + " has no error estimate: give "
                    + "a number of steps, or use an adaptive method");
        }
        return new HybridRun(problem, options);
    }

    private static Integer[] sortedObservations(List<Objective.Observation> observations) {
        Integer[] order = new Integer[observations.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(observations.get(x).time(), observations.get(y).time()));
        return order;
    }

    private void run(Integer[] order, int next) {
        GradientProblem base = problem.problem();
        Objective objective = base.objective();
        List<Objective.Observation> observations = objective.observations();
        double finalTime = base.finalTime();
        double t = base.initialTime();
        double[] y = Arrays.copyOf(base.initialState(), dimension);
        boolean moves = false;
        boolean[] timeFired = new boolean[events.size()];
        for (int e = 0; e < events.size(); e++) {
            timeFired[e] = events.get(e).time() != null && !(eventTimes[e] > t && eventTimes[e] <= finalTime);
            // An event after T is simply not reached; one at or before t0 is likely a mistake.
            if (timeFired[e] && eventTimes[e] <= t) {
                warnings.add("event " + events.get(e).name() + " is at t=" + eventTimes[e] + ", not after t0=" + t
                        + ": it never fires");
            }
        }
        double total = 0.0;
        for (int i : observationsAtStart) {
            total += observations.get(i).cost().value(t, Arrays.copyOf(y, n), p);
        }
        while (true) {
            double known = finalTime;
            int knownEvent = -1;
            if (next < order.length) {
                known = Math.min(known, observations.get(order[next]).time());
            }
            for (int e = 0; e < events.size(); e++) {
                if (!timeFired[e] && (eventTimes[e] < known || (eventTimes[e] == known && knownEvent < 0))) {
                    known = eventTimes[e];
                    knownEvent = e;
                }
            }
            boolean knownMoves = knownEvent >= 0 && eventTimeMoves[knownEvent];
            Segment s = options.stepping().isAdaptive() ? adaptiveSegment(t, y, moves, known, knownMoves)
                    : uniformSegment(t, y, moves, known, knownMoves);
            if (s.defining < 0 && knownEvent >= 0) {
                s.defining = knownMoves ? knownEvent : -1;
            }
            steps += (s.bulk == null ? 0 : s.bulk.steps()) + (s.tail ? 1 : 0);
            boundary(s, timeFired);
            segments.add(s);
            if (s.b == known) {
                List<Integer> here = new ArrayList<>();
                while (next < order.length && observations.get(order[next]).time() == s.b) {
                    here.add(order[next++]);
                }
                s.observations = here.stream().mapToInt(Integer::intValue).toArray();
            }
            for (int i : s.observations) {
                total += observations.get(i).cost().value(s.b, Arrays.copyOf(s.yPlus, n), p);
            }
            if (s.terminal || s.b >= finalTime) {
                if (next < order.length) {
                    warnings.add((order.length - next) + " observation(s) after the run ended at t=" + s.b
                            + " (a terminal event) were not evaluated");
                }
                break;
            }
            t = s.b;
            y = s.yPlus;
            moves = s.bMoves;
        }
        Segment last = segments.get(segments.size() - 1);
        if (objective.terminal() != null) {
            total += objective.terminal().value(last.b, Arrays.copyOf(last.yPlus, n), p);
        }
        if (objective.running() != null) {
            total += last.yPlus[n];
        }
        if (!Double.isFinite(total)) {
            throw new IntegrationException("the objective J is " + total + " (t=" + last.b + ")", last.b, steps, null);
        }
        value = total;
    }

    /** The events that fire at the segment's end, their jumps in order, and the conditions re-armed. */
    private void boundary(Segment s, boolean[] timeFired) {
        List<Integer> fire = new ArrayList<>();
        List<Integer> directions = new ArrayList<>();
        for (int e = 0; e < events.size(); e++) {
            Event event = events.get(e);
            if (event.time() != null) {
                if (!timeFired[e] && eventTimes[e] == s.b) {
                    timeFired[e] = true;
                    fire.add(e);
                    directions.add(0);
                }
            } else {
                int sign = (int) Math.signum(condition(e, s.b, s.yMinus));
                if (e == s.defining || (sign != 0 && armed[e] != 0 && sign != armed[e]
                        && (event.direction() == 0 || event.direction() == sign))) {
                    fire.add(e);
                    directions.add(e == s.defining ? -armed[e] : sign);
                }
            }
        }
        s.fired = fire.stream().mapToInt(Integer::intValue).toArray();
        s.directions = directions.stream().mapToInt(Integer::intValue).toArray();
        s.beforeJump = new double[s.fired.length][];
        double[] y = s.yMinus.clone();
        for (int k = 0; k < s.fired.length; k++) {
            Event event = events.get(s.fired[k]);
            s.beforeJump[k] = y.clone();
            s.terminal |= event.terminal();
            if (event.jump() != null) {
                double[] state = Arrays.copyOf(y, n);
                double[] after = new double[n];
                event.jump().apply(s.b, state, p, after);
                System.arraycopy(after, 0, y, 0, n);
                for (int i = 0; i < n; i++) {
                    if (!Double.isFinite(after[i])) {
                        throw new IntegrationException("event " + event.name() + " at t=" + s.b + " set "
                                + problem.problem().model().stateName(i) + " to " + after[i], s.b, steps, null);
                    }
                }
            }
        }
        s.yPlus = y;
        for (int e = 0; e < events.size(); e++) {
            if (events.get(e).condition() != null) {
                boolean justFired = false;
                for (int f : s.fired) {
                    justFired |= f == e;
                }
                armed[e] = justFired ? 0 : (int) Math.signum(condition(e, s.b, y));
            }
        }
    }

    private double condition(int e, double t, double[] y) {
        System.arraycopy(y, 0, stateWork, 0, n);
        return events.get(e).condition().value(t, stateWork, p);
    }

    /** The model a segment's steps run on, and its parameters: in t, or on the clock t = a + s. */
    ParametricOde bulkModel(boolean moves) {
        return moves ? new AffineTimeOde(model, true, false) : model;
    }

    double[] bulkParameters(Segment s) {
        return s.aMoves ? AffineTimeOde.parameters(p, s.a, 1.0) : p;
    }

    /** The model of a cut step: the clock t = t_n + L s, from s = 0 to 1. */
    ParametricOde tailModel(boolean aMoves) {
        return new AffineTimeOde(model, aMoves, true);
    }

    private Segment start(double a, double[] ya, boolean moves) {
        Segment s = new Segment();
        s.a = a;
        s.aMoves = moves;
        s.ya = ya.clone();
        return s;
    }

    private Segment uniformSegment(double a, double[] ya, boolean moves, double known, boolean knownMoves) {
        Segment s = start(a, ya, moves);
        boolean needTail = moves || knownMoves;
        double[] bulkP = bulkParameters(s);
        ReplayStepper stepper = options.method().stepper(bulkModel(moves), bulkP, options.resolvedNewton());
        Tail tail = new Tail(moves);
        double origin = moves ? 0.0 : a;
        int count = Math.max(1, (int) Math.ceil((known - a) / h - 1e-9));
        StepGrid.Builder grid = new StepGrid.Builder(count);
        double[] y = ya.clone();
        double[] next = new double[dimension];
        double[] f = stateEvents() ? derivative(a, y) : null;
        for (int k = 0; k < count; k++) {
            double local = origin + k * h;
            double tk = moves ? a + k * h : local;
            boolean last = k == count - 1;
            double size = last ? known - tk : h;
            if (last && needTail) {
                tail.advance(tk, size, y, next);
            } else {
                stepper.advance(local, size, y, next);
            }
            double tEnd = last ? known : (moves ? a + (k + 1) * h : origin + (k + 1) * h);
            requireFinite(next, tEnd);
            if (f != null) {
                double[] fNext = derivative(tEnd, next);
                if (locate(s, tail, tk, y, f, tEnd - tk, next, fNext)) {
                    s.bulk = k == 0 ? null : grid.build();
                    return s;
                }
                f = fNext;
            }
            if (!(last && needTail)) {
                grid.add(local, size);
            } else {
                s.yn = y.clone();
                s.tail = true;
                s.tn = tk;
                s.length = size;
            }
            double[] swap = y;
            y = next;
            next = swap;
        }
        s.bulk = count == 1 && s.tail ? null : grid.build();
        if (!s.tail) {
            s.yn = y.clone();
        }
        s.yMinus = y.clone();
        s.b = known;
        s.bMoves = knownMoves;
        return s;
    }

    private Segment adaptiveSegment(double a, double[] ya, boolean moves, double known, boolean knownMoves) {
        Segment s = start(a, ya, moves);
        boolean needTail = moves || knownMoves;
        Tail tail = new Tail(moves);
        double origin = moves ? 0.0 : a;
        double end = moves ? known - a : known;
        int d = dimension;
        double[] rtol = new double[d];
        double[] atol = new double[d];
        Arrays.fill(rtol, options.stepping().relativeTolerance());
        Arrays.fill(atol, options.stepping().absoluteTolerance());
        boolean watch = stateEvents();
        double[][] previous = {ya.clone(), watch ? derivative(a, ya) : null};
        double[] previousTime = {a};
        double[][] beforeLast = {ya.clone()};
        double[] beforeLastTime = {a};
        boolean[] located = {false};
        AdaptiveIntegration.StepListener listener = new AdaptiveIntegration.StepListener() {
            @Override
            public void accepted(int done, double time, double[] state) {
                double t = moves ? a + time : time;
                requireFinite(state, t);
                beforeLast[0] = previous[0];
                beforeLastTime[0] = previousTime[0];
                if (watch) {
                    double[] f = derivative(t, state);
                    if (locate(s, tail, previousTime[0], previous[0], previous[1], t - previousTime[0], state, f)) {
                        located[0] = true;
                        s.bulkSteps = done - 1;
                        return;
                    }
                    previous[1] = f;
                }
                previous[0] = state;
                previousTime[0] = t;
            }

            @Override
            public boolean finished() {
                return located[0];
            }
        };
        AdaptiveIntegration.Result result = options.method().integrate(bulkModel(moves), bulkParameters(s), origin,
                ya, end, null, rtol, atol, options.stepping().maxSteps(), options.resolvedNewton(), listener);
        StepGrid all = result.grid();
        if (located[0]) {
            s.bulk = prefix(all, s.bulkSteps);
            return s;
        }
        if (needTail) {
            int kept = all.steps() - 1;
            s.bulk = prefix(all, kept);
            s.yn = beforeLast[0].clone();
            s.tail = true;
            s.tn = moves ? a + all.time(kept) : all.time(kept);
            s.length = known - s.tn;
            s.yMinus = new double[d];
            tail.advance(s.tn, s.length, s.yn, s.yMinus);
            requireFinite(s.yMinus, known);
        } else {
            s.bulk = all;
            s.yn = result.finalState().clone();
            s.yMinus = s.yn.clone();
        }
        s.b = known;
        s.bMoves = knownMoves;
        return s;
    }

    private static StepGrid prefix(StepGrid grid, int steps) {
        if (steps == 0) {
            return null;
        }
        StepGrid.Builder b = new StepGrid.Builder(Math.max(1, steps));
        for (int k = 0; k < steps; k++) {
            b.add(grid.time(k), grid.stepSize(k));
        }
        return b.build();
    }

    private boolean stateEvents() {
        for (Event e : events) {
            if (e.condition() != null) {
                return true;
            }
        }
        return false;
    }

    private double[] derivative(double t, double[] y) {
        double[] f = new double[dimension];
        model.rhs(t, y, p, f);
        return f;
    }

    private void requireFinite(double[] y, double t) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IntegrationException("state " + problem.problem().model().stateName(i) + " is " + y[i]
                        + " at t=" + t + " (step " + steps + ")", t, steps, null);
            }
        }
    }

    /**
     * The cut step: one step of size 1 on the clock t = t_n + L s. Each step gets a fresh stepper,
     * as the adjoint's replay of it does: an implicit stepper keeps its Newton Jacobian while the
     * step's start is unchanged, and L changes it without changing the start.
     */
    final class Tail {
        private final boolean aMoves;

        Tail(boolean aMoves) {
            this.aMoves = aMoves;
        }

        void advance(double tn, double length, double[] y, double[] out) {
            double[] parameters = AffineTimeOde.parameters(p, tn, length);
            options.method().stepper(tailModel(aMoves), parameters, cutNewton(y)).advance(0.0, 1.0, y, out);
        }
    }

    /**
     * Newton's settings on a cut step from y: the options', with the absolute floor of the update
     * test raised to 1e-4 of y's largest entry. The cut step is where a condition is driven to
     * zero, so a state there is often zero up to the round-off of its cancelling terms, below
     * which a relative test cannot go.
     */
    NewtonSettings cutNewton(double[] y) {
        NewtonSettings newton = options.resolvedNewton();
        double largest = 0.0;
        for (double v : y) {
            largest = Math.max(largest, Math.abs(v));
        }
        return new NewtonSettings(newton.tolerance(), Math.max(newton.absoluteFloor(), 1e-4 * largest),
                newton.maxIterations());
    }

    /**
     * Looks for the first state event in the step from (t, y) of size step to (yEnd); if one
     * fires, the segment ends at its root, located on the cut step, and this returns true.
     */
    private boolean locate(Segment s, Tail tail, double t, double[] y, double[] f, double step, double[] yEnd,
            double[] fEnd) {
        double bestLength = Double.POSITIVE_INFINITY;
        int best = -1;
        int[] newArmed = armed.clone();
        double[] candidate = new double[dimension];
        for (int e = 0; e < events.size(); e++) {
            Event event = events.get(e);
            if (event.condition() == null) {
                continue;
            }
            int current = armed[e];
            double previous = 0.0;
            int count = samples(e, t, y, f, step, yEnd, fEnd);
            for (int k = 1; k < count; k++) {
                double theta = sampleTheta[k];
                int sign = (int) Math.signum(sampleValue[k]);
                if (sign == 0) {
                    continue;
                }
                if (current == 0) {
                    current = sign;
                } else if (sign != current) {
                    if (event.direction() == 0 || event.direction() == sign) {
                        double length = root(e, current, tail, t, y, previous * step, theta * step, step, candidate);
                        if (length < bestLength || (length == bestLength && e < best)) {
                            bestLength = length;
                            best = e;
                        }
                        if (length >= 0) {
                            break;
                        }
                    }
                    current = sign;
                }
                previous = theta;
            }
            newArmed[e] = current;
        }
        if (best < 0 || !(bestLength >= 0)) {
            System.arraycopy(newArmed, 0, armed, 0, armed.length);
            return false;
        }
        s.yn = y.clone();
        s.tail = true;
        s.tn = t;
        s.length = bestLength;
        s.yMinus = new double[dimension];
        tail.advance(t, bestLength, y, s.yMinus);
        s.b = t + bestLength;
        s.bMoves = true;
        s.defining = best;
        return true;
    }

    /**
     * Samples g along the step's interpolant into {@link #sampleTheta} and {@link #sampleValue}
     * (index 0 the step's start): at the fixed fractions, and wherever two neighbours of one sign,
     * with g's derivative along the interpolant there, fit a cubic that crosses zero between them,
     * at that cubic's extremum (at most {@link #REFINEMENTS} times a step). So two crossings between
     * neighbours are found where g is close to its cubic there (a quadratic dip is found exactly).
     *
     * @return the number of samples
     */
    private int samples(int e, double t, double[] y, double[] f, double step, double[] yEnd, double[] fEnd) {
        int count = 0;
        sampleAt(count++, e, t, y, f, step, yEnd, fEnd, 0.0);
        for (double theta : SAMPLES) {
            sampleAt(count++, e, t, y, f, step, yEnd, fEnd, theta);
        }
        int refined = 0;
        int i = 0;
        while (i < count - 1 && refined < REFINEMENTS) {
            double g0 = sampleValue[i];
            double g1 = sampleValue[i + 1];
            double width = sampleTheta[i + 1] - sampleTheta[i];
            double inside = g0 * g1 > 0.0 ? dip(g0, sampleSlope[i] * width, g1, sampleSlope[i + 1] * width) : -1.0;
            if (!(inside > 0.0 && inside < 1.0)) {
                i++;
                continue;
            }
            double theta = sampleTheta[i] + inside * width;
            System.arraycopy(sampleTheta, i + 1, sampleTheta, i + 2, count - i - 1);
            System.arraycopy(sampleValue, i + 1, sampleValue, i + 2, count - i - 1);
            System.arraycopy(sampleSlope, i + 1, sampleSlope, i + 2, count - i - 1);
            sampleAt(i + 1, e, t, y, f, step, yEnd, fEnd, theta);
            count++;
            refined++;
        }
        return count;
    }

    /**
     * Where the cubic with values g0, g1 and derivatives d0, d1 at 0 and 1 (one sign at both ends)
     * has an extremum of the other sign in (0, 1), that extremum's position; else -1.
     */
    static double dip(double g0, double d0, double g1, double d1) {
        // c(s) = g0 + d0 s + b s^2 + a s^3 with c(1) = g1, c'(1) = d1
        double b = 3 * (g1 - g0) - 2 * d0 - d1;
        double a = 2 * (g0 - g1) + d0 + d1;
        // the critical points of c, NaN where there is none
        double first = Double.NaN;
        double second = Double.NaN;
        if (Math.abs(a) <= 1e-14 * (Math.abs(b) + Math.abs(d0))) {
            if (b != 0.0) {
                first = -d0 / (2 * b);
            }
        } else {
            double disc = b * b - 3 * a * d0;
            if (disc >= 0.0) {
                double q = -(b + Math.copySign(Math.sqrt(disc), b));
                first = q / (3 * a);
                if (q != 0.0) {
                    second = d0 / q;
                }
            }
        }
        double best = dipAt(first, -1.0, g0, d0, b, a);
        return dipAt(second, best, g0, d0, b, a);
    }

    /** The earlier of best and s where s is in (0, 1) and c(s) has the other sign than g0. */
    private static double dipAt(double s, double best, double g0, double d0, double b, double a) {
        if (s > 0.0 && s < 1.0 && g0 * (g0 + s * (d0 + s * (b + s * a))) < 0.0 && (best < 0.0 || s < best)) {
            return s;
        }
        return best;
    }

    /**
     * Sample k: g and {@code dg/dtheta = step g_t + g_y . dH/dtheta} on the step's cubic Hermite
     * interpolant H at fraction theta (the step's start and end themselves at 0 and 1).
     */
    private void sampleAt(int k, int e, double t, double[] y, double[] f, double step, double[] yEnd,
            double[] fEnd, double theta) {
        double t2 = theta * theta;
        double t3 = t2 * theta;
        double h00 = 2 * t3 - 3 * t2 + 1;
        double h10 = t3 - 2 * t2 + theta;
        double h01 = -2 * t3 + 3 * t2;
        double h11 = t3 - t2;
        double d00 = 6 * t2 - 6 * theta;
        double d10 = 3 * t2 - 4 * theta + 1;
        double d11 = 3 * t2 - 2 * theta;
        for (int i = 0; i < n; i++) {
            stateWork[i] = theta == 0.0 ? y[i] : theta == 1.0 ? yEnd[i]
                    : h00 * y[i] + h10 * step * f[i] + h01 * yEnd[i] + h11 * step * fEnd[i];
            hermiteRate[i] = d00 * y[i] + d10 * step * f[i] - d00 * yEnd[i] + d11 * step * fEnd[i];
        }
        double time = t + theta * step;
        org.adjoint4j.model.StateFunction condition = events.get(e).condition();
        sampleTheta[k] = theta;
        sampleValue[k] = condition.value(time, stateWork, p);
        condition.gradient(time, stateWork, p, conditionState, conditionParameters);
        double rate = step * condition.timeDerivative(time, stateWork, p);
        for (int i = 0; i < n; i++) {
            rate += conditionState[i] * hermiteRate[i];
        }
        sampleSlope[k] = rate;
    }

    /**
     * The root of G(L) = g(t + L, Phi(L)) on the cut step, by the Illinois method, taken on the
     * crossed side (where g's sign differs from {@code current}); -1 if the cut step shows no
     * sign change (the interpolant's was spurious).
     */
    private double root(int e, int current, Tail tail, double t, double[] y, double lo, double hi, double step,
            double[] work) {
        double gLo = cut(e, tail, t, y, lo, work);
        double gHi = cut(e, tail, t, y, hi, work);
        if (crossed(gLo, current) || !crossed(gHi, current)) {
            lo = 0.0;
            hi = step;
            gLo = cut(e, tail, t, y, lo, work);
            gHi = cut(e, tail, t, y, hi, work);
            if (crossed(gLo, current) || !crossed(gHi, current)) {
                return -1;
            }
        }
        int side = 0;
        for (int iteration = 0; iteration < 200 && gHi != 0.0; iteration++) {
            if (hi - lo <= 2 * Math.ulp(Math.abs(t) + Math.abs(hi))) {
                break;
            }
            double x = hi - gHi * (hi - lo) / (gHi - gLo);
            if (!(x > lo && x < hi)) {
                x = 0.5 * (lo + hi);
            }
            if (x == lo || x == hi) {
                break;
            }
            double gx = cut(e, tail, t, y, x, work);
            if (crossed(gx, current)) {
                hi = x;
                gHi = gx;
                if (side == 1) {
                    gLo *= 0.5;
                }
                side = 1;
            } else {
                lo = x;
                gLo = gx;
                if (side == -1) {
                    gHi *= 0.5;
                }
                side = -1;
            }
        }
        return hi;
    }

    private static boolean crossed(double g, int current) {
        return g == 0.0 || (int) Math.signum(g) != current;
    }

    private double cut(int e, Tail tail, double t, double[] y, double length, double[] work) {
        if (length == 0.0) {
            // The cut step of length 0 is the identity (and Newton's relative test has nothing to measure).
            return condition(e, t, y);
        }
        tail.advance(t, length, y, work);
        return condition(e, t + length, work);
    }
}
