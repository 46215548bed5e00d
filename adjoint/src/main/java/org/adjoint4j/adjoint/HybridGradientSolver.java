package org.adjoint4j.adjoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.adjoint4j.model.Event;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.IntegrationException;
import org.adjoint4j.solvers.StepGrid;
import org.hipparchus.CalculusFieldElement;

/**
 * The exact gradient of J with respect to p and {@code y_0} for a model with events: the discrete
 * adjoint of the hybrid run of {@link HybridRun} (segments cut at events and observation times,
 * the step at a moving event cut to end there), with every method and checkpointing schedule.
 *
 * <p>Backward from T, at each segment's end b with cotangent {@code lambda+} of {@code y+}:
 * <ol>
 *   <li>observation and terminal terms at b add their gradients;</li>
 *   <li>each jump, last first: {@code lambda- = J_y^T lambda+}, {@code mu += J_p^T lambda+},
 *       {@code taubar += lambda+ . J_t};</li>
 *   <li>the cut step {@code y- = Phi(y_n, t_n, L, p)}, {@code L = b - t_n}, by the discrete adjoint
 *       on the clock of {@link AffineTimeOde}; where b is a state event's root, the implicit
 *       function {@code g(b, y-(b), p) = 0} turns the time's cotangent into one more state and
 *       parameter cotangent:
 *       <pre>
 *   nu = (taubar + lambda- . Phi_L) / (g_t + g_y . Phi_L)
 *   w  = lambda- - nu g_y,   mu -= nu g_p
 *       </pre>
 *       and w goes back through the cut step with b held fixed ({@code dJ/dt_n = w . (Phi_t - Phi_L)});
 *       where b is a time event {@code tau(p)}, {@code mu += (taubar + lambda- . Phi_L) tau_p};</li>
 *   <li>the segment's steps by {@link GradientSolver#solveOnGrid} under the options' schedule,
 *       on the clock {@code t = a + s} when a moves, whose origin's cotangent becomes the previous
 *       boundary's {@code taubar}.</li>
 * </ol>
 * Each segment's adjoint is the schedule's, bit for bit the same under every schedule, and the
 * composition is fixed arithmetic, so the gradient is bit-identical across schedules. Memory:
 * one state per segment beside the schedule's own.
 */
public final class HybridGradientSolver {

    private HybridGradientSolver() {
    }

    /**
     * J alone, by the forward sweep the gradient starts with (the same J to the last bit).
     *
     * @param problem what to evaluate
     * @param options method, steps or tolerances, Newton settings
     * @return J
     */
    public static double value(HybridProblem problem, GradientOptions options) {
        return HybridRun.forward(problem, options).value;
    }

    /**
     * Computes J and its gradient.
     *
     * @param problem what to differentiate
     * @param options method, steps or tolerances, checkpoints (each segment's), Newton settings
     * @return J, dJ/dp, dJ/dy0, the events that fired
     * @throws IntegrationException if a step fails, naming the time
     */
    public static HybridResult solve(HybridProblem problem, GradientOptions options) {
        HybridRun run = HybridRun.forward(problem, options);
        GradientProblem base = problem.problem();
        Objective objective = base.objective();
        List<Event> events = problem.events();
        int n = run.n;
        int d = run.dimension;
        int m = run.p.length;
        double[] p = run.p;
        double[] lambda = new double[d];
        double[] mu = new double[m];
        double[] gy = new double[n];
        double[] gp = new double[m];
        double[] jy = new double[n];
        double[] jp = new double[m];
        LinkedHashSet<String> warnings = new LinkedHashSet<>(run.warnings);
        List<HybridRun.Segment> segments = run.segments;
        HybridRun.Segment last = segments.get(segments.size() - 1);
        double tauBar = 0.0;
        if (objective.terminal() != null) {
            double[] state = Arrays.copyOf(last.yPlus, n);
            objective.terminal().gradient(last.b, state, p, gy, gp);
            add(lambda, gy);
            add(mu, gp);
            if (last.bMoves) {
                tauBar += objective.terminal().timeDerivative(last.b, state, p);
            }
        }
        if (objective.running() != null) {
            lambda[n] = 1.0;
        }
        for (int i = segments.size() - 1; i >= 0; i--) {
            HybridRun.Segment s = segments.get(i);
            for (int k : s.observations) {
                objective.observations().get(k).cost().gradient(s.b, Arrays.copyOf(s.yPlus, n), p, gy, gp);
                add(lambda, gy);
                add(mu, gp);
            }
            for (int k = s.fired.length - 1; k >= 0; k--) {
                Event event = events.get(s.fired[k]);
                if (event.jump() == null) {
                    continue;
                }
                double[] before = Arrays.copyOf(s.beforeJump[k], n);
                double[] w = Arrays.copyOf(lambda, n);
                tauBar += event.jump().vjp(s.b, before, p, w, jy, jp);
                System.arraycopy(jy, 0, lambda, 0, n);
                add(mu, jp);
            }
            if (!s.bMoves) {
                tauBar = 0.0;
            }
            double originBar = 0.0;
            double[] lambdaN;
            if (s.tail) {
                GradientResult r1 = cutStep(run, s, lambda, options);
                double[] g1 = r1.parameterGradient();
                double lengthBar = g1[m + 1];
                double tnBar = g1[m] - lengthBar;
                lambdaN = r1.initialStateGradient();
                addFirst(mu, g1, m);
                Event defining = s.defining >= 0 ? events.get(s.defining) : null;
                if (defining != null && defining.condition() != null) {
                    double[] yMinus = Arrays.copyOf(s.yMinus, n);
                    StateFunction g = defining.condition();
                    g.gradient(s.b, yMinus, p, gy, gp);
                    double gt = g.timeDerivative(s.b, yMinus, p);
                    GradientResult r2 = cutStep(run, s, Arrays.copyOf(gy, d), options);
                    double[] g2 = r2.parameterGradient();
                    double denominator = gt + g2[m + 1];
                    if (denominator == 0.0 || !Double.isFinite(denominator)) {
                        throw new IntegrationException("event " + defining.name() + " at t=" + s.b + ": its condition "
                                + "touches zero without crossing (g_t + g_y f = " + denominator + "), so its time has "
                                + "no derivative", s.b, i, null);
                    }
                    double nu = (tauBar + lengthBar) / denominator;
                    double[] l2 = r2.initialStateGradient();
                    for (int j = 0; j < d; j++) {
                        lambdaN[j] -= nu * l2[j];
                    }
                    for (int j = 0; j < m; j++) {
                        mu[j] -= nu * (g2[j] + gp[j]);
                    }
                    tnBar -= nu * (g2[m] - g2[m + 1]);
                } else if (defining != null) {
                    defining.time().gradient(base.initialTime(), base.initialState(), p, gy, gp);
                    double total = tauBar + lengthBar;
                    for (int j = 0; j < m; j++) {
                        mu[j] += total * gp[j];
                    }
                }
                originBar += tnBar;
            } else {
                lambdaN = Arrays.copyOf(lambda, d);
            }
            if (s.bulk != null) {
                GradientResult r = bulk(run, s, lambdaN, options);
                double[] g = r.parameterGradient();
                addFirst(mu, g, m);
                if (s.aMoves) {
                    originBar += g[m];
                }
                lambda = r.initialStateGradient();
                warnings.addAll(r.warnings());
            } else {
                lambda = lambdaN;
            }
            tauBar = s.aMoves ? originBar : 0.0;
        }
        for (int k : run.observationsAtStart) {
            objective.observations().get(k).cost().gradient(base.initialTime(), base.initialState(), p, gy, gp);
            add(lambda, gy);
            add(mu, gp);
        }
        List<HybridResult.FiredEvent> fired = new ArrayList<>();
        for (HybridRun.Segment s : segments) {
            for (int k = 0; k < s.fired.length; k++) {
                fired.add(new HybridResult.FiredEvent(s.b, s.fired[k], events.get(s.fired[k]).name(), s.directions[k]));
            }
        }
        return new HybridResult(run.value, mu, Arrays.copyOf(lambda, n), Arrays.copyOf(last.yPlus, n), last.b, fired,
                run.steps, new ArrayList<>(warnings));
    }

    /**
     * The states along the hybrid run, by replaying its steps: every step's end, and at an event
     * both the state before its jumps and the state after them (two rows at one time).
     *
     * @param problem the problem
     * @param options method, steps or tolerances, Newton settings
     * @return the times and states (the objective's quadrature, if any, left out)
     */
    public static GradientSolver.Trajectory trajectory(HybridProblem problem, GradientOptions options) {
        HybridRun run = HybridRun.forward(problem, options);
        List<Double> times = new ArrayList<>();
        List<double[]> states = new ArrayList<>();
        times.add(problem.problem().initialTime());
        states.add(problem.problem().initialState());
        for (HybridRun.Segment s : run.segments) {
            if (s.bulk != null) {
                org.adjoint4j.solvers.ReplayStepper stepper = options.method().stepper(run.bulkModel(s.aMoves),
                        run.bulkParameters(s), options.resolvedNewton());
                double[] y = s.ya.clone();
                double[] next = new double[y.length];
                for (int k = 0; k < s.bulk.steps(); k++) {
                    stepper.advance(s.bulk.time(k), s.bulk.stepSize(k), y, next);
                    double[] swap = y;
                    y = next;
                    next = swap;
                    double end = k + 1 < s.bulk.steps() ? s.bulk.time(k + 1) : s.bulk.finalTime();
                    times.add(s.aMoves ? s.a + end : end);
                    states.add(Arrays.copyOf(y, run.n));
                }
            }
            times.add(s.b);
            states.add(Arrays.copyOf(s.yMinus, run.n));
            if (s.fired.length > 0) {
                times.add(s.b);
                states.add(Arrays.copyOf(s.yPlus, run.n));
            }
        }
        return new GradientSolver.Trajectory(times.stream().mapToDouble(Double::doubleValue).toArray(),
                states.toArray(new double[0][]));
    }

    /**
     * The states at given times, each after the jumps of the events that fire there (as
     * observations see them): every time is made a cut of the run (an observation of cost 0), so
     * its state is a step's end, not an interpolation. Where a terminal event ended the run
     * before a time, its row is NaN.
     *
     * @param problem the problem (its objective is ignored)
     * @param options method, steps or tolerances, Newton settings
     * @param times times in [t0, T] (not modified)
     * @return {@code y(times[k])}, one row per time
     * @throws IllegalArgumentException naming the time if one is outside [t0, T]
     */
    public static double[][] trajectory(HybridProblem problem, GradientOptions options, double[] times) {
        GradientProblem base = problem.problem();
        double t0 = base.initialTime();
        double finalTime = base.finalTime();
        List<Objective.Observation> marks = new ArrayList<>();
        for (int k = 0; k < times.length; k++) {
            if (!(times[k] >= t0 && times[k] <= finalTime)) {
                throw new IllegalArgumentException("times[" + k + "] = " + times[k] + " is outside [" + t0 + ", "
                        + finalTime + "]");
            }
            marks.add(new Objective.Observation(times[k], new Linear(new double[0])));
        }
        HybridRun run = HybridRun.forward(new HybridProblem(new GradientProblem(base.name(), base.model(),
                base.parameters(), base.initialState(), t0, finalTime, Objective.none().withObservations(marks)),
                problem.events()), options);
        double[][] states = new double[times.length][];
        for (int k : run.observationsAtStart) {
            states[k] = base.initialState();
        }
        for (HybridRun.Segment s : run.segments) {
            for (int k : s.observations) {
                states[k] = Arrays.copyOf(s.yPlus, run.n);
            }
        }
        for (int k = 0; k < states.length; k++) {
            if (states[k] == null) {
                states[k] = new double[run.n];
                Arrays.fill(states[k], Double.NaN);
            }
        }
        return states;
    }

    private static void add(double[] into, double[] x) {
        for (int i = 0; i < x.length; i++) {
            into[i] += x[i];
        }
    }

    private static void addFirst(double[] into, double[] x, int count) {
        for (int i = 0; i < count; i++) {
            into[i] += x[i];
        }
    }

    /** The cut step's adjoint for the cotangent w of its end: (dJ/dy_n, dJ/d(p, t_n, L)). */
    private static GradientResult cutStep(HybridRun run, HybridRun.Segment s, double[] w, GradientOptions options) {
        ParametricOde model = run.tailModel(s.aMoves);
        double[] parameters = AffineTimeOde.parameters(run.p, s.tn, s.length);
        GradientProblem problem = new GradientProblem("cut step", model, parameters, s.yn, 0.0, 1.0,
                Objective.none().withTerminal(new Linear(w)));
        return GradientSolver.solveOnGrid(problem, options.withNewton(run.cutNewton(s.yn)), StepGrid.uniform(0.0, 1.0, 1));
    }

    /** The segment's steps' adjoint for the cotangent w of their end, under the options' schedule. */
    private static GradientResult bulk(HybridRun run, HybridRun.Segment s, double[] w, GradientOptions options) {
        GradientProblem problem = new GradientProblem("segment", run.bulkModel(s.aMoves), run.bulkParameters(s), s.ya,
                s.bulk.initialTime(), s.bulk.finalTime(), Objective.none().withTerminal(new Linear(w)));
        return GradientSolver.solveOnGrid(problem, options, s.bulk);
    }

    /** {@code w . y}: the cotangent a later part of the run hands back to a segment's end. */
    private static final class Linear implements StateFunction {
        private final double[] w;

        Linear(double[] w) {
            this.w = w.clone();
        }

        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            T sum = t.getField().getZero();
            for (int i = 0; i < w.length; i++) {
                sum = sum.add(y[i].multiply(w[i]));
            }
            return sum;
        }

        @Override
        public double value(double t, double[] y, double[] p) {
            double sum = 0.0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * y[i];
            }
            return sum;
        }

        @Override
        public void gradient(double t, double[] y, double[] p, double[] gradientState, double[] gradientParameters) {
            System.arraycopy(w, 0, gradientState, 0, w.length);
            Arrays.fill(gradientParameters, 0.0);
        }

        @Override
        public double timeDerivative(double t, double[] y, double[] p) {
            return 0.0;
        }
    }
}
