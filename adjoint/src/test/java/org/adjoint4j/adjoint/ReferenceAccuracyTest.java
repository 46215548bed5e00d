package org.adjoint4j.adjoint;

import static org.adjoint4j.adjoint.GradientAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEJacobiansProvider;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.VariationalEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * With adaptive DOPRI5 at rtol 1e-10 the gradients agree with an independent high-accuracy
 * reference: forward sensitivities of the continuous problem by Hipparchus's own
 * {@link VariationalEquation}, integrated with DP853 at rtol 1e-13 (no code shared with the adjoint).
 */
class ReferenceAccuracyTest {

    /** Lotka–Volterra with its running cost as a third state, as Hipparchus sees it. */
    static final class LotkaVolterraWithQuadrature implements ODEJacobiansProvider {
        private final double[] p = LotkaVolterra.PARAMETERS.clone();

        @Override
        public int getDimension() {
            return 3;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            return new double[] {p[0] * y[0] - p[1] * y[0] * y[1], -p[2] * y[1] + p[3] * y[0] * y[1], y[0] * y[1]};
        }

        @Override
        public double[][] computeMainStateJacobian(double t, double[] y, double[] yDot) {
            return new double[][] {
                {p[0] - p[1] * y[1], -p[1] * y[0], 0},
                {p[3] * y[1], -p[2] + p[3] * y[0], 0},
                {y[1], y[0], 0}};
        }

        @Override
        public List<String> getParametersNames() {
            return List.of("a", "b", "c", "d");
        }

        @Override
        public boolean isSupported(String name) {
            return getParametersNames().contains(name);
        }

        @Override
        public double[] computeParameterJacobian(double t, double[] y, double[] yDot, String name) {
            switch (name) {
                case "a":
                    return new double[] {y[0], 0, 0};
                case "b":
                    return new double[] {-y[0] * y[1], 0, 0};
                case "c":
                    return new double[] {0, -y[1], 0};
                default:
                    return new double[] {0, y[0] * y[1], 0};
            }
        }
    }

    @Test
    void lotkaVolterraAgreesWithVariationalEquations() {
        LotkaVolterraWithQuadrature model = new LotkaVolterraWithQuadrature();
        ExpandableODE expandable = new ExpandableODE(model);
        VariationalEquation variational = new VariationalEquation(expandable, model);
        variational.setInitialMainStateJacobian(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        for (String name : model.getParametersNames()) {
            variational.setInitialParameterJacobian(name, new double[3]);
        }
        ODEState initial = variational.setUpInitialState(new ODEState(0.0, new double[] {1, 1, 0}));
        ODEStateAndDerivative end = new DormandPrince853Integrator(1e-12, 1.0, 1e-15, 1e-13)
                .integrate(expandable, initial, 10.0);
        double[] y = end.getPrimaryState();
        double[][] dYdY0 = variational.extractMainSetJacobian(end);
        // J = q(T) + 0.5 x(T)^2, so dJ/dz = dq/dz + x dx/dz.
        double[] dJdp = new double[4];
        for (int j = 0; j < 4; j++) {
            double[] s = variational.extractParameterJacobian(end, model.getParametersNames().get(j));
            dJdp[j] = s[2] + y[0] * s[0];
        }
        double[] dJdy0 = {dYdY0[2][0] + y[0] * dYdY0[0][0], dYdY0[2][1] + y[0] * dYdY0[0][1]};
        double value = y[2] + 0.5 * y[0] * y[0];

        GradientResult adjoint = GradientSolver.solve(LotkaVolterra.problem(),
                GradientOptions.defaults().withTolerances(1e-10, 1e-12));
        assertEquals(value, adjoint.value(), 1e-8 * Math.abs(value));
        assertClose(dJdp, adjoint.parameterGradient(), 1e-6, "dJ/dp");
        assertClose(dJdy0, adjoint.initialStateGradient(), 1e-6, "dJ/dy0");
    }

    /** Lorenz-96 (n = 40): compare against the same adjoint at much tighter tolerance with DP853. */
    @Test
    void lorenz96ConvergesWithTolerance() {
        GradientResult tight = GradientSolver.solve(Lorenz96.problem(40), GradientOptions.defaults()
                .withMethod(org.adjoint4j.solvers.RungeKuttaMethods.DOP853).withTolerances(1e-13, 1e-15));
        GradientResult run = GradientSolver.solve(Lorenz96.problem(40), GradientOptions.defaults()
                .withTolerances(1e-10, 1e-12));
        assertClose(tight.parameterGradient(), run.parameterGradient(), 1e-6, "dJ/dF");
        assertClose(tight.initialStateGradient(), run.initialStateGradient(), 1e-6, "dJ/dx0");
    }
}
