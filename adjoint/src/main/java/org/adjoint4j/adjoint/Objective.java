package org.adjoint4j.adjoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.adjoint4j.model.StateFunction;

/**
 * A scalar objective of a run from {@code t_0} to {@code T}:
 * <pre>
 *   J = phi(T, y(T), p) + integral_{t_0}^{T} g(t, y, p) dt + sum_k l_k(t_k, y(t_k), p)
 * </pre>
 * The integral is a quadrature state advanced with the same stages as y, so it is differentiated
 * consistently; observation times are forced onto the grid. Immutable; build with
 * {@link #terminal}, {@link #running} and {@link #observation}.
 */
public final class Objective {

    /**
     * An observation term {@code l(t_k, y(t_k), p)}.
     *
     * @param time the observation time {@code t_k}
     * @param cost the term
     */
    public record Observation(double time, StateFunction cost) {
    }

    private final StateFunction terminal;
    private final StateFunction running;
    private final List<Observation> observations;

    private Objective(StateFunction terminal, StateFunction running, List<Observation> observations) {
        this.terminal = terminal;
        this.running = running;
        this.observations = Collections.unmodifiableList(observations);
    }

    /** @return the objective J = 0, to extend */
    public static Objective none() {
        return new Objective(null, null, List.of());
    }

    /**
     * @param phi the terminal term {@code phi(T, y(T), p)}
     * @return J = phi
     */
    public static Objective terminal(StateFunction phi) {
        return none().withTerminal(phi);
    }

    /**
     * @param g the running cost {@code g(t, y, p)}
     * @return J = integral of g
     */
    public static Objective running(StateFunction g) {
        return none().withRunning(g);
    }

    /**
     * @param phi the terminal term (replaces any)
     * @return a copy with it
     */
    public Objective withTerminal(StateFunction phi) {
        return new Objective(phi, running, observations);
    }

    /**
     * @param g the running cost (replaces any)
     * @return a copy with it
     */
    public Objective withRunning(StateFunction g) {
        return new Objective(terminal, g, observations);
    }

    /**
     * @param time observation time
     * @param l the term at that time
     * @return a copy with the observation added
     */
    public Objective observation(double time, StateFunction l) {
        if (!Double.isFinite(time)) {
            throw new IllegalArgumentException("observation time must be finite, got " + time);
        }
        if (l == null) {
            throw new IllegalArgumentException("observation cost at t=" + time + " must not be null");
        }
        List<Observation> all = new ArrayList<>(observations);
        all.add(new Observation(time, l));
        return new Objective(terminal, running, all);
    }

    /**
     * Many observation terms at once (appending them one by one copies the list each time).
     *
     * @param more the terms to add, in order
     * @return this objective plus the terms
     */
    public Objective withObservations(List<Observation> more) {
        List<Observation> all = new ArrayList<>(observations);
        for (Observation o : more) {
            if (o == null || !Double.isFinite(o.time()) || o.cost() == null) {
                throw new IllegalArgumentException("observation " + o + ": the time must be finite, the cost given");
            }
            all.add(o);
        }
        return new Objective(terminal, running, all);
    }

    /** @return the terminal term, or null */
    public StateFunction terminal() {
        return terminal;
    }

    /** @return the running cost, or null */
    public StateFunction running() {
        return running;
    }

    /** @return the observation terms, in the order added */
    public List<Observation> observations() {
        return observations;
    }

    /** @return the distinct observation times */
    public double[] observationTimes() {
        return observations.stream().mapToDouble(Observation::time).distinct().sorted().toArray();
    }
}
