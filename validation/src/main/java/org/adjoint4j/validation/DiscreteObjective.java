package org.adjoint4j.validation;

import java.util.Arrays;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.solvers.StepGrid;

/**
 * J as a smooth function of {@code x = (p, y0)} (m parameters, then n initial values): the
 * problem's objective computed on one frozen grid, the one the options choose at the reference
 * point (an adaptive run's accepted steps, or the uniform steps). On a frozen grid J is a fixed
 * composition of smooth maps, so its derivative is exactly what the discrete adjoint computes and
 * what every check compares against.
 */
public final class DiscreteObjective {

    private final GradientProblem problem;
    private final GradientOptions options;
    private final StepGrid grid;
    private final int m;
    private final int n;
    private final double[] point;

    /**
     * @param problem the problem at its reference point
     * @param options the method, steps or tolerances (which choose the grid) and checkpoints
     */
    public DiscreteObjective(GradientProblem problem, GradientOptions options) {
        this.problem = problem;
        this.options = options;
        GradientResult reference = GradientSolver.solve(problem, options);
        this.grid = reference.grid();
        this.m = problem.model().parameterDimension();
        this.n = problem.model().stateDimension();
        this.point = new double[m + n];
        System.arraycopy(problem.parameters(), 0, point, 0, m);
        System.arraycopy(problem.initialState(), 0, point, m, n);
    }

    /** @return m + n */
    public int dimension() {
        return m + n;
    }

    /** @return the reference point (p, y0) (a copy) */
    public double[] point() {
        return point.clone();
    }

    /** @return the frozen grid */
    public StepGrid grid() {
        return grid;
    }

    /** @return the problem at the reference point */
    public GradientProblem problem() {
        return problem;
    }

    /** @return the options */
    public GradientOptions options() {
        return options;
    }

    /**
     * @param i a component of x
     * @return e.g. {@code p:a} or {@code y0:x}
     */
    public String name(int i) {
        return i < m ? "p:" + problem.model().parameterName(i) : "y0:" + problem.model().stateName(i - m);
    }

    /**
     * @param x a point (p, y0) (not modified)
     * @return J(x) on the frozen grid
     */
    public double value(double[] x) {
        return GradientSolver.valueOnGrid(at(x), options, grid);
    }

    /**
     * @param x a point (p, y0) (not modified)
     * @return dJ/dx on the frozen grid, by the discrete adjoint
     */
    public double[] gradient(double[] x) {
        GradientResult r = GradientSolver.solveOnGrid(at(x), options, grid);
        double[] g = new double[m + n];
        System.arraycopy(r.parameterGradient(), 0, g, 0, m);
        System.arraycopy(r.initialStateGradient(), 0, g, m, n);
        return g;
    }

    private GradientProblem at(double[] x) {
        if (x.length != m + n) {
            throw new IllegalArgumentException("x has " + x.length + " components, (p, y0) has " + (m + n));
        }
        return problem.withParameters(Arrays.copyOf(x, m)).withInitialState(Arrays.copyOfRange(x, m, m + n));
    }
}
