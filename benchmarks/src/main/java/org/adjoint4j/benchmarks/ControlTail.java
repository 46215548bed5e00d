package org.adjoint4j.benchmarks;

import org.adjoint4j.estimation.control.ControlParameterization;
import org.adjoint4j.estimation.control.ControlResult;
import org.adjoint4j.estimation.control.OptimalControl;
import org.adjoint4j.estimation.control.VanDerPol;
import org.adjoint4j.solvers.RungeKuttaMethods;

/**
 * How long an optimal-control run takes after its last iteration (the trajectory of the optimum
 * and the result), against the time of one gradient, for van der Pol with K intervals (RK4, 4
 * steps per interval, |u| &lt;= 2, as {@code adjoint4j control van-der-pol --intervals K}). Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.ControlTail [K...]}
 * (default 4000 8000).
 */
public final class ControlTail {

    private ControlTail() {
    }

    /**
     * @param args the numbers of intervals
     */
    public static void main(String[] args) {
        String[] ks = args.length > 0 ? args : new String[] {"4000", "8000"};
        System.out.printf("%10s %12s %14s %18s %12s%n", "intervals", "iterations", "gradient ms", "after last (ms)",
                "ratio");
        for (String k : ks) {
            int intervals = Integer.parseInt(k);
            VanDerPol system = new VanDerPol();
            OptimalControl problem = new OptimalControl(system, ControlParameterization.PIECEWISE_CONSTANT, intervals, 4,
                    RungeKuttaMethods.RK4);
            long[] last = {0};
            ControlResult r = problem.solve(new double[intervals], -2, 2, (i, v, g) -> last[0] = System.nanoTime());
            double after = (System.nanoTime() - last[0]) * 1e-6;
            double gradient = r.gradientSeconds() * 1e3;
            System.out.printf("%10d %12d %14.2f %18.1f %12.2f%n", intervals, r.iterations(), gradient, after,
                    after / gradient);
        }
    }
}
