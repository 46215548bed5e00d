package org.adjoint4j.validation;

import java.util.Random;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.adjoint.TangentLinear;
import org.adjoint4j.model.StateFunction;
import org.hipparchus.CalculusFieldElement;

/**
 * The adjoint dot-product test: with the tangent-linear map {@code dy_N = (d y_N / d x) dx} (one
 * forward sweep of Jacobian-vector products per direction, {@link TangentLinear}) and the adjoint of
 * {@code J = lambda_N . y_N} (whose gradient is {@code (d y_N / d x)^T lambda_N}),
 * <pre>
 *   &lt;lambda_N, dy_N&gt; = &lt;(mu, lambda_0), dx&gt;
 * </pre>
 * for random lambda_N and dx: the adjoint is the transpose of the tangent map. The same identity
 * per coordinate direction {@code dx = e_j} (one tangent each) names a wrong component. The
 * tangents are independent of the model's vector-Jacobian products ({@link IndependentTangentOde}:
 * forward mode on its field version, or central differences for a model with hand-written products
 * only, then agreement is to about 1e-8 rather than rounding).
 */
public final class DotProductCheck {

    /**
     * @param tangentSide {@code <lambda_N, dy_N>}
     * @param adjointSide {@code <(mu, lambda_0), dx>}
     * @param relativeDifference {@code |tangent - adjoint| / max(|tangent|, |adjoint|)}
     * @param components the identity per coordinate direction
     * @param passed whether the random identity and every component hold within the tolerance
     */
    public record Result(double tangentSide, double adjointSide, double relativeDifference,
            AgreementReport components, boolean passed) {
    }

    private DotProductCheck() {
    }

    /**
     * @param f the objective (its problem's model, grid and method; its objective is replaced by
     *        {@code lambda_N . y_N})
     * @param seed the random seed of lambda_N and dx
     * @param tolerance the largest relative difference that passes
     * @return the two sides and the per-component identity
     */
    public static Result run(DiscreteObjective f, long seed, double tolerance) {
        GradientProblem base = f.problem();
        int n = base.model().stateDimension();
        int dimension = f.dimension();
        Random random = new Random(seed);
        double[] lambdaN = new double[n];
        for (int i = 0; i < n; i++) {
            lambdaN[i] = random.nextGaussian();
        }
        double[] dx = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            dx[i] = random.nextGaussian();
        }
        GradientProblem linear = new GradientProblem(base.name() + "[lambda.y(T)]", base.model(), base.parameters(),
                base.initialState(), base.initialTime(), base.finalTime(), Objective.terminal(dot(lambdaN)));
        GradientResult adjoint = GradientSolver.solveOnGrid(linear, f.options(), f.grid());
        double[] gradient = ForwardModeCheck.concat(adjoint.parameterGradient(), adjoint.initialStateGradient());
        GradientProblem tangents = new GradientProblem(linear.name(), new IndependentTangentOde(base.model()),
                linear.parameters(), linear.initialState(), linear.initialTime(), linear.finalTime(),
                linear.objective());
        double tangent = ForwardModeCheck.tangent(tangents, f, dx);
        double[] perComponent = new double[dimension];
        double[] unit = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            unit[j] = 1.0;
            perComponent[j] = ForwardModeCheck.tangent(tangents, f, unit);
            unit[j] = 0.0;
        }
        double adjointSide = 0;
        for (int j = 0; j < dimension; j++) {
            adjointSide += gradient[j] * dx[j];
        }
        double scale = Math.max(Math.abs(tangent), Math.abs(adjointSide));
        double difference = scale == 0 ? 0 : Math.abs(tangent - adjointSide) / scale;
        AgreementReport components = AgreementReport.compare("dot product", f, perComponent, gradient, tolerance);
        return new Result(tangent, adjointSide, difference, components,
                difference <= tolerance && components.passed());
    }

    /** {@code lambda . y}. */
    private static StateFunction dot(double[] lambda) {
        return new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                T sum = y[0].getField().getZero();
                for (int i = 0; i < lambda.length; i++) {
                    sum = sum.add(y[i].multiply(lambda[i]));
                }
                return sum;
            }

            @Override
            public double value(double t, double[] y, double[] p) {
                double sum = 0;
                for (int i = 0; i < lambda.length; i++) {
                    sum += lambda[i] * y[i];
                }
                return sum;
            }

            @Override
            public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
                System.arraycopy(lambda, 0, gy, 0, lambda.length);
                java.util.Arrays.fill(gp, 0.0);
            }
        };
    }
}
