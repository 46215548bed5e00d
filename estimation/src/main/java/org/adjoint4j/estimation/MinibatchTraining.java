package org.adjoint4j.estimation;

import java.util.ArrayList;
import java.util.List;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.estimation.optimize.StochasticOptimizer;

/**
 * Training by minibatches, as neural ODEs are trained: at iteration i a batch problem
 * {@code J_i(p)} (its own windows of the data), its exact discrete adjoint gradient, one update of
 * a {@link StochasticOptimizer}; every {@code testEvery} iterations (and after the last) the test
 * objective (the whole trajectory, say) without gradient. Deterministic for a seeded batch
 * source: the same curve and weights, bit for bit.
 */
public final class MinibatchTraining {

    /** Where the batches come from. */
    public interface Batches {
        /**
         * @param parameters the current parameters
         * @param iteration i, from 0
         * @return the batch problem of iteration i at those parameters
         */
        GradientProblem batch(double[] parameters, int iteration);

        /**
         * @param parameters the current parameters
         * @return the test problem at those parameters (only its value is used)
         */
        GradientProblem test(double[] parameters);

        /**
         * @param batch the batch problem of an iteration at given parameters
         * @param test the test problem at given parameters
         * @return the two as batches
         */
        static Batches of(java.util.function.BiFunction<double[], Integer, GradientProblem> batch,
                java.util.function.Function<double[], GradientProblem> test) {
            return new Batches() {
                @Override
                public GradientProblem batch(double[] parameters, int iteration) {
                    return batch.apply(parameters, iteration);
                }

                @Override
                public GradientProblem test(double[] parameters) {
                    return test.apply(parameters);
                }
            };
        }
    }

    /**
     * One point of the loss curve.
     *
     * @param iteration i, from 1 (the number of updates made), or 0 before any
     * @param batchLoss the batch's J before this update (NaN at 0)
     * @param testLoss the test objective after it, or NaN where not evaluated
     */
    public record Point(int iteration, double batchLoss, double testLoss) {
    }

    /** Sees each iteration. */
    public interface Listener {
        /**
         * @param point the iteration's losses
         */
        void iterated(Point point);
    }

    /**
     * @param parameters the trained parameters
     * @param curve every iteration, in order (test losses where evaluated)
     * @param finalTestLoss the test objective at the trained parameters
     */
    public record Result(double[] parameters, List<Point> curve, double finalTestLoss) {
    }

    private MinibatchTraining() {
    }

    /**
     * @param start the initial parameters (not modified)
     * @param batches the batch and test problems
     * @param options how each batch is solved
     * @param optimizer the update rule
     * @param iterations the number of updates, at least 1
     * @param testEvery evaluate the test objective every this many iterations (at least 1)
     * @param listener sees each iteration (may be null)
     * @return the trained parameters and the loss curve
     */
    public static Result train(double[] start, Batches batches, GradientOptions options, StochasticOptimizer optimizer,
            int iterations, int testEvery, Listener listener) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (testEvery < 1) {
            throw new IllegalArgumentException("testEvery must be >= 1, got " + testEvery);
        }
        double[] p = start.clone();
        List<Point> curve = new ArrayList<>();
        double test = GradientSolver.value(batches.test(p), options);
        curve.add(new Point(0, Double.NaN, test));
        if (listener != null) {
            listener.iterated(curve.get(0));
        }
        for (int i = 1; i <= iterations; i++) {
            GradientResult r = GradientSolver.solve(batches.batch(p, i - 1), options);
            optimizer.update(p, r.parameterGradient());
            test = i % testEvery == 0 || i == iterations ? GradientSolver.value(batches.test(p), options) : Double.NaN;
            Point point = new Point(i, r.value(), test);
            curve.add(point);
            if (listener != null) {
                listener.iterated(point);
            }
        }
        return new Result(p, List.copyOf(curve), test);
    }
}
