package org.adjoint4j.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Breakpoints are found on grids whose start times are out of order by a round-off step back. */
class StepGridTest {

    @Test
    void aBreakpointAfterAStepBackIsFound() {
        // Recorded from a dopri5 run of the neural spiral (rtol 1e-7): the step from 0.00544...
        // ends 3.5e-18 past the breakpoint 0.025025... and Hipparchus steps back to it.
        double breakpoint = 0.025025025025025027;
        StepGrid grid = new StepGrid.Builder(8)
                .add(0.0, 0.005445092849532039)
                .add(0.005445092849532039, 0.01957993217549299)
                .add(0.02502502502502503, -3.469446951953614E-18)
                .add(breakpoint, 0.007851771251241431)
                .add(0.032876796276266454, 0.0171732537737836)
                .build();
        double[] breakpoints = {breakpoint, 0.05005005005005005};
        assertEquals(3, grid.indexOfBreakpoint(breakpoint, breakpoints));
        assertEquals(3, grid.indicesOfBreakpoints(new double[] {breakpoint}, breakpoints)[0]);
        assertEquals(2, grid.indexOf(0.02502502502502503));
        assertEquals(5, grid.indexOf(grid.finalTime()));
        assertEquals(-1, grid.indexOf(0.02));
        assertThrows(IllegalArgumentException.class, () -> grid.indexOfBreakpoint(0.02, new double[] {0.02}));
    }
}
