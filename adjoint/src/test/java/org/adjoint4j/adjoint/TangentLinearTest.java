package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tangent-linear sweep (one Jacobian-vector product per stage) against the adjoint and against
 * Hipparchus forward mode of the same scheme: {@code dJ = <(dJ/dp, dJ/dy0), (q, v)>} to 1e-12
 * relative, for every method, with terminal, running and observation terms.
 */
class TangentLinearTest {

    static GradientProblem lotkaVolterraWithObservations() {
        GradientProblem base = LotkaVolterra.problem();
        Objective objective = base.objective();
        for (double t : new double[] {1.25, 4.0, 7.5}) {
            objective = objective.observation(t, new org.adjoint4j.model.StateFunction() {
                @Override
                public <T extends CalculusFieldElement<T>> T value(T time, T[] y, T[] p) {
                    return y[0].subtract(1.2).multiply(y[1]).multiply(p[1]);
                }
            });
        }
        return new GradientProblem("lotka-volterra with observations", base.model(), base.parameters(),
                base.initialState(), 0.0, LotkaVolterra.FINAL_TIME, objective);
    }

    private static void check(GradientProblem problem, GradientOptions options, String what) {
        GradientResult adjoint = GradientSolver.solve(problem, options);
        Random random = new Random(3);
        double[] q = random.doubles(problem.model().parameterDimension(), -1, 1).toArray();
        double[] v = random.doubles(problem.model().stateDimension(), -1, 1).toArray();
        TangentLinear.Result tangent = TangentLinear.directional(problem, options, adjoint.grid(), q, v);
        ForwardModeGradient.Result forward = ForwardModeGradient.differentiate(problem, options.method(),
                adjoint.grid());
        double byAdjoint = 0;
        double byForwardMode = 0;
        for (int j = 0; j < q.length; j++) {
            byAdjoint += adjoint.parameterGradient()[j] * q[j];
            byForwardMode += forward.parameterGradient()[j] * q[j];
        }
        for (int i = 0; i < v.length; i++) {
            byAdjoint += adjoint.initialStateGradient()[i] * v[i];
            byForwardMode += forward.initialStateGradient()[i] * v[i];
        }
        double scale = Math.abs(byForwardMode);
        assertEquals(byForwardMode, tangent.derivative(), 1e-12 * scale, what + ": tangent vs forward mode");
        assertEquals(byAdjoint, tangent.derivative(), 1e-12 * scale, what + ": tangent vs adjoint");
        assertEquals(adjoint.value(), tangent.value(), 1e-13 * Math.abs(adjoint.value()), what + ": J");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.adjoint4j.solvers.RungeKuttaMethods#all")
    void everyMethodAgreesWithTheAdjointAndForwardMode(RungeKuttaMethod method) {
        check(lotkaVolterraWithObservations(), GradientOptions.defaults().withMethod(method).withSteps(300),
                "lotka-volterra " + method.name());
        if (method.isImplicit()) {
            check(Heat.problem(30), GradientOptions.defaults().withMethod(method).withSteps(25), "heat " + method.name());
        }
    }
}
