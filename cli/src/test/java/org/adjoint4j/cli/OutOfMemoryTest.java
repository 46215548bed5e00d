package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Running out of memory ends in one line that says what to do, exit code 1, no stack trace; a
 * store-all that cannot fit in the heap is refused before the sweep starts (exit code 2).
 */
class OutOfMemoryTest {

    private static Process run(String heap, String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new java.util.ArrayList<>(List.of(java, heap, "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return p;
    }

    @Test
    void outOfMemoryIsOneLineWithAdvice() throws Exception {
        Process p = run("-Xmx48m", "gradient", "lorenz96", "--n", "3000000", "--method", "rk4", "--steps", "2",
                "--checkpoints", "binomial:2");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("gradient: failed: out of memory"), err);
        assertTrue(err.contains("--checkpoints binomial:S") && err.contains("--memory"), err);
    }

    @Test
    void aStoreAllThatCannotFitIsRefusedUpFront() {
        CommandLineRun r = CommandLineRun.of("gradient", "lorenz96", "--n", "1000", "--method", "rk4", "--steps",
                "2000000", "--checkpoints", "store-all");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("gradient: checkpoints store-all need 61035.2 MB for 2000000 steps"), r.err());
        assertTrue(r.err().contains("use binomial checkpointing (binomial:"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
