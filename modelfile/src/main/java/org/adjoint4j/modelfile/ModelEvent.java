package org.adjoint4j.modelfile;

import java.util.Map;
import org.adjoint4j.modelfile.ir.Node;

/**
 * An event of a model file: at a time ({@code "at"}, which may depend on parameters) or where a
 * function of t, y and p crosses zero ({@code "when"}, in a direction), a jump of some states
 * ({@code "set"}, evaluated at the state just before the event) and/or the end of the run
 * ({@code "terminate"}).
 *
 * @param time the event time as a node over the parameters, or null for a state event
 * @param condition g(t, y, p), whose zero crossing fires a state event, or null for a time event
 * @param direction +1 rising, -1 falling, 0 either
 * @param jumps the new value of each state the event sets, by state index
 * @param terminate whether the run ends at the event
 * @param where the entry's name in the file, for messages
 */
public record ModelEvent(Node time, Node condition, int direction, Map<Integer, Node> jumps, boolean terminate,
        String where) {
}
