package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.LotkaVolterra;
import org.adjoint4j.solvers.StepGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adjoint4j simulate}: on the solver's grid it prints the states the gradient run computes
 * (same grid, same final state to the last bit); at chosen times, the model file's observables
 * beside the states.
 */
class SimulateCommandTest {

    @Test
    void theSolversGridIsTheGradientRunsGrid() throws Exception {
        CommandLineRun run = CommandLineRun.of("simulate", "lotka-volterra", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        GradientResult gradient = GradientSolver.solve(LotkaVolterra.problem(), GradientOptions.defaults());
        StepGrid grid = gradient.grid();
        assertEquals(grid.steps() + 1, json.get("t").size());
        for (int k = 0; k <= grid.steps(); k++) {
            assertEquals(grid.time(k), json.get("t").get(k).asDouble(), 0.0, "t_" + k);
        }
        JsonNode last = json.get("values").get(grid.steps());
        for (int i = 0; i < 2; i++) {
            assertEquals(gradient.finalState()[i], last.get(i).asDouble(), 0.0, "y_N[" + i + "] to the last bit");
        }
    }

    @Test
    void chosenTimesWithObservables(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("seir.png");
        CommandLineRun run = CommandLineRun.of("simulate", "--model", Path.of("..", "examples", "models", "seir.json")
                .toString(), "--times", "10,50,90", "--format", "csv", "--plot", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals("t,S,E,I,R,cases,logPrevalence,R0", lines[0]);
        assertEquals(4, lines.length);
        String[] row = lines[2].split(",");
        double infected = Double.parseDouble(row[3]);
        assertEquals(0.1 * infected, Double.parseDouble(row[5]), 1e-12 * infected, "cases = gamma I");
        assertEquals(Math.log(infected), Double.parseDouble(row[6]), 1e-12, "logPrevalence = log I");
        assertTrue(Files.size(png) > 5_000);
    }

    @Test
    void badTimesExitTwo() {
        CommandLineRun run = CommandLineRun.of("simulate", "lotka-volterra", "--times", "1,0.5");
        assertEquals(2, run.exitCode());
        assertEquals("simulate: --times 0.5: times must increase within [0.0, 10.0]", run.err().strip());
    }
}
