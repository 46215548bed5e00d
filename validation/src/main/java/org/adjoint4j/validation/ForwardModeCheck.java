package org.adjoint4j.validation;

import org.adjoint4j.adjoint.ForwardModeGradient;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.TangentLinear;

/**
 * The adjoint against forward-mode derivatives of the same discrete scheme on the same grid: for a
 * model written over {@code CalculusFieldElement}, the whole run on Hipparchus Gradients
 * ({@link ForwardModeGradient}, implicit stages solved in value and derivatives), so both sides are
 * derivatives of one discrete map and agree to rounding (1e-10 is a safe tolerance, 1e-12
 * typical); for a model with hand-written products only, one tangent-linear sweep per component
 * ({@link TangentLinear}) whose Jacobian-vector products are central differences of the
 * right-hand side ({@link IndependentTangentOde}; agreement about 1e-8). Costs grow with m + n.
 */
public final class ForwardModeCheck {

    private ForwardModeCheck() {
    }

    /**
     * @param f the objective
     * @param tolerance the largest relative error that passes
     * @return the agreement of every component
     */
    public static AgreementReport run(DiscreteObjective f, double tolerance) {
        GradientResult adjoint = GradientSolver.solveOnGrid(f.problem(), f.options(), f.grid());
        double[] forward;
        if (f.problem().model().field() != null) {
            ForwardModeGradient.Result r = ForwardModeGradient.differentiate(f.problem(), f.options().method(),
                    f.grid());
            forward = concat(r.parameterGradient(), r.initialStateGradient());
        } else {
            GradientProblem p = f.problem();
            GradientProblem differenced = new GradientProblem(p.name(), new IndependentTangentOde(p.model()),
                    p.parameters(), p.initialState(), p.initialTime(), p.finalTime(), p.objective());
            forward = new double[f.dimension()];
            double[] unit = new double[f.dimension()];
            for (int j = 0; j < forward.length; j++) {
                unit[j] = 1.0;
                forward[j] = tangent(differenced, f, unit);
                unit[j] = 0.0;
            }
        }
        return AgreementReport.compare("forward mode", f, forward,
                concat(adjoint.parameterGradient(), adjoint.initialStateGradient()), tolerance);
    }

    /**
     * @param problem the problem (its model gives the tangents)
     * @param f the objective whose grid and options are used
     * @param direction dx = (q, v) (not modified)
     * @return dJ in that direction by one tangent-linear sweep
     */
    static double tangent(GradientProblem problem, DiscreteObjective f, double[] direction) {
        int m = problem.model().parameterDimension();
        return TangentLinear.directional(problem, f.options(), f.grid(), java.util.Arrays.copyOf(direction, m),
                java.util.Arrays.copyOfRange(direction, m, direction.length)).derivative();
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
