package org.adjoint4j.adjoint;

import java.util.Arrays;
import java.util.List;
import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.model.Event;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.QuadratureOde;
import org.adjoint4j.solvers.GradientStepper;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Forward mode of the same discrete hybrid scheme, the oracle of {@link HybridGradientSolver}: the
 * plan of the forward sweep (segments, grids, cut steps, events) replayed on Hipparchus Gradients
 * with one direction per parameter and initial state. A state event's time gets its derivative
 * from the implicit function theorem on the cut step, computed with one more direction (L), not
 * from the adjoint's formula. Public for the tests of other modules (the PEtab problems with events).
 */
public final class HybridForwardMode {

    private HybridForwardMode() {
    }

    /**
     * @param problem the problem
     * @param options method, stepping and Newton settings (the plan is the forward sweep's)
     * @return {J, dJ/dp..., dJ/dy0...}
     */
    public static double[] differentiate(HybridProblem problem, GradientOptions options) {
        HybridRun run = HybridRun.forward(problem, options);
        GradientProblem base = problem.problem();
        Objective objective = base.objective();
        List<Event> events = problem.events();
        int n = run.n;
        int m = run.p.length;
        int free = m + n;
        FieldParametricOde model = ForwardModeGradient.fieldModel(base.model());
        FieldParametricOde quad = objective.running() == null ? model : QuadratureOde.field(model, objective.running());
        Gradient[] p = Fields.variables(run.p, free, 0);
        Gradient[] y = Fields.zeros(p[0], run.dimension);
        System.arraycopy(Fields.variables(base.initialState(), free, m), 0, y, 0, n);
        Gradient j = Gradient.constant(free, 0.0);
        for (int k : run.observationsAtStart) {
            j = j.add(objective.observations().get(k).cost().value(Gradient.constant(free, base.initialTime()),
                    Arrays.copyOf(y, n), p));
        }
        Gradient a = Gradient.constant(free, base.initialTime());
        for (HybridRun.Segment s : run.segments) {
            if (s.bulk != null) {
                FieldParametricOde bulk = s.aMoves ? new AffineTimeOde(run.model, true, false).field() : quad;
                Gradient[] parameters = s.aMoves ? clock(p, a, Gradient.constant(free, 1.0)) : p;
                GradientStepper stepper = options.method().gradientStepper(bulk, parameters);
                for (int k = 0; k < s.bulk.steps(); k++) {
                    y = stepper.step(s.bulk.time(k), s.bulk.stepSize(k), y);
                }
            }
            Gradient b;
            if (s.tail) {
                Gradient tn = new Gradient(s.tn, s.aMoves ? a.getGradient() : new double[free]);
                FieldParametricOde cut = new AffineTimeOde(run.model, s.aMoves, true).field();
                Event defining = s.defining >= 0 ? events.get(s.defining) : null;
                if (defining != null && defining.condition() != null) {
                    int more = free + 1;
                    Gradient[] pp = lift(p, more);
                    Gradient tt = lift(tn, more);
                    Gradient length = Gradient.variable(more, free, s.length);
                    Gradient[] end = options.method().gradientStepper(cut, clock(pp, tt, length)).step(0.0, 1.0,
                            lift(y, more));
                    Gradient g = defining.condition().value(tt.add(length), Arrays.copyOf(end, n), pp);
                    double[] dg = g.getGradient();
                    double[] dl = new double[free];
                    for (int k = 0; k < free; k++) {
                        dl[k] = -dg[k] / dg[free];
                    }
                    y = new Gradient[end.length];
                    for (int i = 0; i < end.length; i++) {
                        double[] e = end[i].getGradient();
                        double[] total = Arrays.copyOf(e, free);
                        for (int k = 0; k < free; k++) {
                            total[k] += e[free] * dl[k];
                        }
                        y[i] = new Gradient(end[i].getValue(), total);
                    }
                    double[] db = tn.getGradient().clone();
                    for (int k = 0; k < free; k++) {
                        db[k] += dl[k];
                    }
                    b = new Gradient(s.b, db);
                } else {
                    b = defining != null ? defining.time().value(Gradient.constant(free, 0.0), Arrays.copyOf(y, n), p)
                            : Gradient.constant(free, s.b);
                    b = new Gradient(s.b, b.getGradient());
                    double[] dl = b.getGradient().clone();
                    double[] dtn = tn.getGradient();
                    for (int k = 0; k < free; k++) {
                        dl[k] -= dtn[k];
                    }
                    Gradient length = new Gradient(s.length, dl);
                    y = options.method().gradientStepper(cut, clock(p, tn, length)).step(0.0, 1.0, y);
                }
            } else {
                b = Gradient.constant(free, s.b);
            }
            for (int f : s.fired) {
                Event event = events.get(f);
                if (event.jump() != null) {
                    Gradient[] after = new Gradient[n];
                    event.jump().apply(b, Arrays.copyOf(y, n), p, after);
                    System.arraycopy(after, 0, y, 0, n);
                }
            }
            for (int k : s.observations) {
                j = j.add(objective.observations().get(k).cost().value(Gradient.constant(free, s.b),
                        Arrays.copyOf(y, n), p));
            }
            a = b;
        }
        if (objective.terminal() != null) {
            j = j.add(objective.terminal().value(a, Arrays.copyOf(y, n), p));
        }
        if (objective.running() != null) {
            j = j.add(y[n]);
        }
        double[] out = new double[1 + free];
        out[0] = j.getValue();
        System.arraycopy(j.getGradient(), 0, out, 1, free);
        return out;
    }

    private static Gradient[] clock(Gradient[] p, Gradient alpha, Gradient beta) {
        Gradient[] all = Arrays.copyOf(p, p.length + 2);
        all[p.length] = alpha;
        all[p.length + 1] = beta;
        return all;
    }

    private static Gradient lift(Gradient x, int free) {
        return new Gradient(x.getValue(), Arrays.copyOf(x.getGradient(), free));
    }

    private static Gradient[] lift(Gradient[] x, int free) {
        Gradient[] out = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = lift(x[i], free);
        }
        return out;
    }
}
