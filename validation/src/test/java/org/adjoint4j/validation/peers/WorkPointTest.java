package org.adjoint4j.validation.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CVODES's time at our error: log-log interpolation along its curve, nothing outside it. */
class WorkPointTest {

    private static WorkPoint point(double error, double seconds) {
        return new WorkPoint(1e-6, error, seconds, 1, 10, 10, 100);
    }

    @Test
    void interpolatesLogLogBetweenTheBracketingPoints() {
        // error 1e-3 in 1 s, 1e-5 in 100 s: t = e^-1 on this segment, so 1e-4 takes 10 s
        List<WorkPoint> curve = List.of(point(1e-5, 100), point(1e-2, 0.5), point(1e-3, 1));
        assertEquals(10.0, WorkPoint.secondsAt(curve, 1e-4), 1e-12);
        assertEquals(1.0, WorkPoint.secondsAt(curve, 1e-3), 1e-12);
        assertEquals(100.0, WorkPoint.secondsAt(curve, 1e-5), 1e-12);
        assertEquals(Math.sqrt(0.5), WorkPoint.secondsAt(curve, Math.sqrt(1e-5)), 1e-12, "the other segment");
    }

    @Test
    void outsideTheCurveThereIsNoTime() {
        List<WorkPoint> curve = List.of(point(1e-5, 100), point(1e-3, 1));
        assertTrue(Double.isNaN(WorkPoint.secondsAt(curve, 2e-3)));
        assertTrue(Double.isNaN(WorkPoint.secondsAt(curve, 1e-6)));
        assertTrue(Double.isNaN(WorkPoint.secondsAt(List.of(point(1e-4, 1)), 1e-4 * 1.01)));
    }
}
