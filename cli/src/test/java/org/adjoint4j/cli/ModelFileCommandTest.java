package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files on the command line: the gradient of one, and a bad one refused with exit code 2. */
class ModelFileCommandTest {

    static final Path LOTKA_VOLTERRA = Path.of("..", "examples", "models", "lotka-volterra.json");

    @Test
    void commandLineRunsAModelFile() {
        CommandLineRun run = CommandLineRun.of("gradient", "--model", LOTKA_VOLTERRA.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"problem\" : \"lotka-volterra\""), run.out());
    }

    @Test
    void badFileExitsTwoAndSaysWhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "{\"states\":{\"x\":1},\"rhs\":{\"x\":\"-k*x\"},\"time\":[0,1]}");
        CommandLineRun run = CommandLineRun.of("gradient", "--model", file.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("gradient: model file " + file + ": rhs of x: unknown name 'k' (known: t, x) at position 2 in '-k*x'",
                run.err().strip());
    }
}
