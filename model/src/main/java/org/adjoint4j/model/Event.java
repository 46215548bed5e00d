package org.adjoint4j.model;

/**
 * An event of a hybrid model: where it fires, what it does to the state, and whether the run ends.
 * <ul>
 *   <li>A <em>time event</em> fires at {@code tau = time(p)}, a function of the parameters alone
 *       (it is called with t = 0 and y = the initial state, which it must not read).</li>
 *   <li>A <em>state event</em> fires where {@code g(t, y, p)} crosses zero in its direction: +1
 *       rising (from negative to positive), -1 falling, 0 either.</li>
 * </ul>
 * At the event the jump {@code y+ = J(tau, y-, p)} is applied (none: the state is kept), and a
 * terminal event ends the run there, its terminal cost evaluated at {@code (tau, y+)}. The event
 * time moves with p and {@code y_0}; its derivative, for a state event
 * <pre>
 *   dtau = -(g_y dy- + g_p dp) / (g_y f^- + g_t)
 * </pre>
 * (f^- the right-hand side before the jump), is what a hybrid adjoint carries through.
 *
 * @param name the event's name, for reports
 * @param time {@code tau(p)} of a time event, or null
 * @param condition g of a state event, or null
 * @param direction +1, -1 or 0 (state events; 0 for time events)
 * @param jump the jump, or null for none
 * @param terminal whether the run ends at the event
 */
public record Event(String name, StateFunction time, StateFunction condition, int direction, Jump jump,
        boolean terminal) {

    /**
     * Checks that the event is one kind, naming the value.
     *
     * @param name the event's name
     * @param time {@code tau(p)} of a time event, or null
     * @param condition g of a state event, or null
     * @param direction +1, -1 or 0
     * @param jump the jump, or null
     * @param terminal whether the run ends at the event
     */
    public Event {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an event needs a name, got " + (name == null ? "null" : "\"\""));
        }
        if ((time == null) == (condition == null)) {
            throw new IllegalArgumentException("event " + name + " needs exactly one of a time and a condition");
        }
        if (direction < -1 || direction > 1 || (time != null && direction != 0)) {
            throw new IllegalArgumentException("event " + name + " has direction " + direction
                    + " (state events: -1, 0 or 1; time events: 0)");
        }
        if (jump == null && !terminal) {
            throw new IllegalArgumentException("event " + name + " neither jumps nor ends the run");
        }
    }

    /**
     * @param name the event's name
     * @param time {@code tau(p)}
     * @param jump the jump
     * @return a time event with a jump
     */
    public static Event at(String name, StateFunction time, Jump jump) {
        return new Event(name, time, null, 0, jump, false);
    }

    /**
     * @param name the event's name
     * @param condition g
     * @param direction +1 rising, -1 falling, 0 either
     * @param jump the jump
     * @return a state event with a jump
     */
    public static Event when(String name, StateFunction condition, int direction, Jump jump) {
        return new Event(name, null, condition, direction, jump, false);
    }

    /** @return the same event, ending the run where it fires */
    public Event terminating() {
        return new Event(name, time, condition, direction, jump, true);
    }

    /** @return whether it fires where a condition crosses zero */
    public boolean isStateEvent() {
        return condition != null;
    }
}
