package org.adjoint4j.validation.problems;

import java.util.Arrays;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.autodiff.Fields;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * A problem {@code y' = f(t, y, p)} with a closed-form solution {@code y(t; p, y0)} over any field,
 * and three objectives on it:
 * <pre>
 *   TERMINAL      J = 1/2 |y(T)|^2
 *   RUNNING       J = integral_0^T 1/2 |y(t)|^2 dt
 *   OBSERVATIONS  J = sum_i y_i(T/4) + 1/2 |y(T/2)|^2
 * </pre>
 * {@link #exact} evaluates J from the closed form on Hipparchus {@link Gradient}s seeded with
 * (p, y0), so the exact gradient is the closed form's derivative to rounding.
 */
public abstract class AnalyticProblem {

    /** Which objective. */
    public enum ObjectiveKind {
        /** {@code 1/2 |y(T)|^2}. */
        TERMINAL,
        /** {@code integral 1/2 |y|^2 dt}. */
        RUNNING,
        /** {@code sum_i y_i(T/4) + 1/2 |y(T/2)|^2}. */
        OBSERVATIONS
    }

    /**
     * @param value J
     * @param parameterGradient dJ/dp
     * @param initialStateGradient dJ/dy0
     * @param finalState y(T)
     */
    public record Exact(double value, double[] parameterGradient, double[] initialStateGradient,
            double[] finalState) {
    }

    /** Gauss–Legendre panels and nodes per panel of the running cost. */
    private static final int PANELS = 40;
    private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendre(12);

    /** @return the name, e.g. {@code exponential-decay} */
    public abstract String name();

    /** @return the right-hand side over any field */
    public abstract FieldParametricOde model();

    /** @return p */
    public abstract double[] parameters();

    /** @return y0 */
    public abstract double[] initialState();

    /** @return T (the initial time is 0) */
    public abstract double finalTime();

    /**
     * The closed-form solution.
     *
     * @param <T> the field
     * @param t time
     * @param p parameters
     * @param y0 initial state
     * @return y(t)
     */
    public abstract <T extends CalculusFieldElement<T>> T[] solution(T t, T[] p, T[] y0);

    /** @return the model the gradient runs on; by default the field model with tape products */
    public ParametricOde doubleModel() {
        return ParametricOde.automatic(model());
    }

    /**
     * @param kind the objective
     * @return the problem for the solvers
     */
    public GradientProblem problem(ObjectiveKind kind) {
        return new GradientProblem(name(), doubleModel(), parameters(), initialState(), 0.0, finalTime(),
                objective(kind));
    }

    /**
     * @param kind the objective
     * @return its exact value, gradient and final state
     */
    public Exact exact(ObjectiveKind kind) {
        int m = parameters().length;
        int n = initialState().length;
        int free = m + n;
        Gradient[] p = Fields.variables(parameters(), free, 0);
        Gradient[] y0 = Fields.variables(initialState(), free, m);
        double t1 = finalTime();
        Gradient j;
        switch (kind) {
            case TERMINAL:
                j = HALF_SQUARES.value(time(free, t1), solution(time(free, t1), p, y0), p);
                break;
            case RUNNING: {
                j = Gradient.constant(free, 0.0);
                double width = t1 / PANELS;
                for (int panel = 0; panel < PANELS; panel++) {
                    double a = panel * width;
                    for (int q = 0; q < RULE.getNumberOfPoints(); q++) {
                        double t = a + 0.5 * width * (RULE.getPoint(q) + 1);
                        Gradient g = HALF_SQUARES.value(time(free, t), solution(time(free, t), p, y0), p);
                        j = j.add(g.multiply(0.5 * width * RULE.getWeight(q)));
                    }
                }
                break;
            }
            default: {
                Gradient[] quarter = solution(time(free, t1 / 4), p, y0);
                Gradient[] half = solution(time(free, t1 / 2), p, y0);
                j = SUM.value(time(free, t1 / 4), quarter, p).add(HALF_SQUARES.value(time(free, t1 / 2), half, p));
            }
        }
        double[] g = j.getGradient();
        double[] finalState = Fields.real(solution(time(free, t1), p, y0));
        return new Exact(j.getValue(), Arrays.copyOf(g, m), Arrays.copyOfRange(g, m, m + n), finalState);
    }

    private static Gradient time(int free, double t) {
        return Gradient.constant(free, t);
    }

    private Objective objective(ObjectiveKind kind) {
        switch (kind) {
            case TERMINAL:
                return Objective.terminal(HALF_SQUARES);
            case RUNNING:
                return Objective.running(HALF_SQUARES);
            default:
                return Objective.none().observation(finalTime() / 4, SUM).observation(finalTime() / 2, HALF_SQUARES);
        }
    }

    /** {@code 1/2 |y|^2}. */
    static final StateFunction HALF_SQUARES = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            T sum = y[0].getField().getZero();
            for (T yi : y) {
                sum = sum.add(yi.multiply(yi));
            }
            return sum.multiply(0.5);
        }

        @Override
        public double value(double t, double[] y, double[] p) {
            double sum = 0;
            for (double yi : y) {
                sum += yi * yi;
            }
            return 0.5 * sum;
        }

        @Override
        public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
            System.arraycopy(y, 0, gy, 0, y.length);
            Arrays.fill(gp, 0.0);
        }
    };

    /** {@code sum_i y_i}. */
    static final StateFunction SUM = new StateFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
            T sum = y[0].getField().getZero();
            for (T yi : y) {
                sum = sum.add(yi);
            }
            return sum;
        }

        @Override
        public double value(double t, double[] y, double[] p) {
            double sum = 0;
            for (double yi : y) {
                sum += yi;
            }
            return sum;
        }

        @Override
        public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
            Arrays.fill(gy, 1.0);
            Arrays.fill(gp, 0.0);
        }
    };

    /** @return all six problems of the catalog, at their reference sizes */
    public static java.util.List<AnalyticProblem> catalog() {
        return java.util.List.of(new ExponentialDecay(), new LinearSystem(), new HarmonicOscillator(), new Logistic(),
                new LinearizedLotkaVolterra(), new FourierHeat(15));
    }

    @Override
    public String toString() {
        return name();
    }
}
