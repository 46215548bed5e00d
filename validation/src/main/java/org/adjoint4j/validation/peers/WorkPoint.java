package org.adjoint4j.validation.peers;

import java.util.ArrayList;
import java.util.List;

/**
 * One point of a work-precision curve: a solver at one tolerance, the error of its gradient and
 * the time of one gradient, with what it did.
 *
 * @param rtol the relative tolerance asked for
 * @param error the gradient's relative error against the reference
 * @param seconds one gradient's wall time (the median of the timed units over the gradients per unit)
 * @param gradientsPerUnit gradients back to back in one timed unit
 * @param forwardSteps accepted forward steps
 * @param backwardSteps accepted backward steps (ours replays the forward grid: the same number)
 * @param evaluations right-hand sides, forward and backward (ours: rhs plus vector-Jacobian products)
 */
public record WorkPoint(double rtol, double error, double seconds, int gradientsPerUnit, long forwardSteps, long backwardSteps,
        long evaluations) {

    /**
     * The time of a curve at a given error, interpolated log-log between the two points whose
     * errors bracket it.
     *
     * @param curve the points, in any order
     * @param error the error to match
     * @return the interpolated seconds, NaN when the error lies outside the curve's range
     */
    public static double secondsAt(List<WorkPoint> curve, double error) {
        List<WorkPoint> sorted = new ArrayList<>(curve);
        sorted.sort((x, y) -> Double.compare(y.error(), x.error()));
        for (int i = 0; i + 1 < sorted.size(); i++) {
            WorkPoint hi = sorted.get(i);
            WorkPoint lo = sorted.get(i + 1);
            if (error <= hi.error() && error >= lo.error()) {
                if (hi.error() == lo.error()) {
                    return Math.sqrt(hi.seconds() * lo.seconds());
                }
                double s = (Math.log(error) - Math.log(hi.error())) / (Math.log(lo.error()) - Math.log(hi.error()));
                return Math.exp(Math.log(hi.seconds()) + s * (Math.log(lo.seconds()) - Math.log(hi.seconds())));
            }
        }
        return Double.NaN;
    }
}
