package org.adjoint4j.examples.programs;

import java.util.Arrays;
import org.adjoint4j.estimation.control.ControlParameterization;
import org.adjoint4j.estimation.control.ControlResult;
import org.adjoint4j.estimation.control.OptimalControl;
import org.adjoint4j.estimation.control.VanDerPol;

/** Steers a Van der Pol oscillator to rest with a bounded, piecewise-linear control. */
public final class ControlVanDerPol {

    private ControlVanDerPol() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        int k = 60;
        OptimalControl problem = new OptimalControl(new VanDerPol(), ControlParameterization.PIECEWISE_LINEAR, k);
        ControlResult r = problem.solve(new double[k + 1], -2.0, 2.0,
                (iteration, value, gradient) -> {
                    if (iteration % 50 == 0) {
                        System.out.printf("iteration %d: J = %.8f%n", iteration, value);
                    }
                });
        System.out.printf("J = %.8f after %d iterations; x(T) = %s%n", r.objective(), r.iterations(),
                Arrays.toString(r.states()[r.states().length - 1]));
    }
}
