package org.adjoint4j.validation.references;

import java.util.List;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEJacobiansProvider;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.VariationalEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The Lotka–Volterra reference objective {@code J = 1/2 x(T)^2 + int_0^T x y dt} and its gradient
 * by Hipparchus's own forward sensitivities ({@link VariationalEquation}) of the continuous problem
 * with the running cost as a third state, integrated by DP853 at rtol 1e-13: a reference that
 * shares no code with the discrete adjoint. {@code dJ/dz = dq/dz + x dx/dz}.
 */
public final class LotkaVolterraVariational {

    /**
     * @param value J
     * @param parameterGradient dJ/dp
     * @param initialStateGradient dJ/dy0
     */
    public record Reference(double value, double[] parameterGradient, double[] initialStateGradient) {
    }

    private LotkaVolterraVariational() {
    }

    /** @return J and its gradient at the reference parameters, T = 10 */
    public static Reference compute() {
        Model model = new Model();
        ExpandableODE expandable = new ExpandableODE(model);
        VariationalEquation variational = new VariationalEquation(expandable, model);
        variational.setInitialMainStateJacobian(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        for (String name : model.getParametersNames()) {
            variational.setInitialParameterJacobian(name, new double[3]);
        }
        ODEState initial = variational.setUpInitialState(new ODEState(0.0, new double[] {1, 1, 0}));
        ODEStateAndDerivative end = new DormandPrince853Integrator(1e-12, 1.0, 1e-15, 1e-13)
                .integrate(expandable, initial, LotkaVolterra.FINAL_TIME);
        double[] y = end.getPrimaryState();
        double[][] dYdY0 = variational.extractMainSetJacobian(end);
        double[] dJdp = new double[4];
        for (int j = 0; j < 4; j++) {
            double[] s = variational.extractParameterJacobian(end, model.getParametersNames().get(j));
            dJdp[j] = s[2] + y[0] * s[0];
        }
        double[] dJdy0 = {dYdY0[2][0] + y[0] * dYdY0[0][0], dYdY0[2][1] + y[0] * dYdY0[0][1]};
        return new Reference(y[2] + 0.5 * y[0] * y[0], dJdp, dJdy0);
    }

    /** Lotka–Volterra with its running cost as a third state, as Hipparchus sees it. */
    private static final class Model implements ODEJacobiansProvider {
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
}
