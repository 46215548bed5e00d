package org.adjoint4j.examples.programs;

import java.nio.file.Path;
import java.util.List;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.estimation.FitResult;
import org.adjoint4j.estimation.ObservedData;
import org.adjoint4j.estimation.ParameterEstimation;

/**
 * Fits Lotka–Volterra's four parameters to measurements, from a guess 15-20% off (oscillatory fits have local minima further out: start closer, or fit a
 * shorter time span first and extend it).
 * Usage: {@code FitLotkaVolterra [examples/data/lotka-volterra.csv]}.
 */
public final class FitLotkaVolterra {

    private FitLotkaVolterra() {
    }

    /** @param args the CSV file */
    public static void main(String[] args) {
        Path csv = Path.of(args.length > 0 ? args[0] : "examples/data/lotka-volterra.csv");
        GradientProblem guess = LotkaVolterra.problem().withParameters(new double[] {1.2, 0.85, 2.5, 0.85});
        ObservedData data = ObservedData.read(csv, guess.model(), guess.initialTime(), guess.finalTime());
        FitResult fit = new ParameterEstimation(guess, data, List.of(), GradientOptions.defaults())
                .levenbergMarquardt(null);
        for (int j = 0; j < fit.names().size(); j++) {
            System.out.printf("%s = %.5f +- %.5f%n", fit.names().get(j), fit.values()[j], fit.standardErrors()[j]);
        }
        System.out.printf("J = %.4g after %d iterations (%s)%n", fit.objective(), fit.iterations(), fit.method());
    }
}
