package org.adjoint4j.validation.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The CVODES peer programs ({@code robertson}, {@code heat}, {@code lorenz96}) in one directory,
 * as {@code peers/cvodes/build.sh} builds them, run as separate processes. Each repeats its solve
 * inside its process ({@code --min-unit S --warmup W --warmup-seconds S --repeat R}) and prints one
 * JSON object, read
 * here strictly: a missing or unknown key is an error.
 */
public final class CvodesPrograms {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("problem", "n", "rtol", "atol", "backward", "rtolB", "atolB", "J",
            "dJdp", "dJdy0", "seconds", "inner", "warmup", "warmupSeconds", "times", "forwardSteps", "backwardSteps",
            "forwardRhs", "backwardRhs", "forwardJacobians", "backwardJacobians", "forwardSetups", "backwardSetups",
            "forwardNewton", "backwardNewton", "checkpoints");
    private static final List<String> PROGRAMS = List.of("robertson", "heat", "lorenz96");

    private final Path directory;

    private CvodesPrograms(Path directory) {
        this.directory = directory;
    }

    /**
     * @param directory where the built programs are
     * @return the programs
     * @throws IllegalArgumentException naming the directory and the missing program
     */
    public static CvodesPrograms in(Path directory) {
        for (String p : PROGRAMS) {
            if (!Files.isExecutable(directory.resolve(p))) {
                throw new IllegalArgumentException("CVODES program '" + p + "' not found in '" + directory
                        + "': build them with peers/cvodes/build.sh (it installs SUNDIALS's libsundials-dev)");
            }
        }
        return new CvodesPrograms(directory);
    }

    /** @return the programs' directory */
    public Path directory() {
        return directory;
    }

    /**
     * Runs one program.
     *
     * @param program {@code robertson}, {@code heat} or {@code lorenz96}
     * @param size the state dimension for heat and lorenz96 (ignored for robertson)
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param backward {@code same} or {@code scaled}
     * @param warmup untimed units, at least
     * @param warmupSeconds seconds of untimed units, at least
     * @param repeat timed units
     * @param unitSeconds the least time of a unit: the program first solves until this time has
     *        passed, and a unit is as many solves as that took
     * @return what it printed
     * @throws UncheckedIOException when the program cannot run or fails
     * @throws IllegalStateException when it prints something else than its JSON object
     */
    public CvodesRun run(String program, int size, double rtol, double atol, String backward, int warmup,
            double warmupSeconds, int repeat, double unitSeconds) {
        if (!PROGRAMS.contains(program)) {
            throw new IllegalArgumentException("program must be one of " + PROGRAMS + ", got '" + program + "'");
        }
        List<String> command = new ArrayList<>();
        command.add(directory.resolve(program).toString());
        if (!program.equals("robertson")) {
            command.add(Integer.toString(size));
        }
        command.addAll(List.of(Double.toString(rtol), Double.toString(atol), "--backward", backward, "--warmup",
                Integer.toString(warmup), "--repeat", Integer.toString(repeat), "--min-unit",
                Double.toString(unitSeconds)));
        if (warmupSeconds > 0) {
            command.addAll(List.of("--warmup-seconds", Double.toString(warmupSeconds)));
        }
        try {
            Process p = new ProcessBuilder(command).start();
            // stderr first would block on a full stdout pipe; the programs print little to stderr.
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + rc + "): " + err);
            }
            return parse(JSON.readTree(out), String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /**
     * Reads one program's JSON object.
     *
     * @param json the object
     * @param source where it came from, for messages
     * @return the run
     * @throws IllegalStateException naming a missing or unknown key
     */
    static CvodesRun parse(JsonNode json, String source) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalStateException("unknown key '" + name + "' in the output of " + source);
            }
        }
        for (String key : KEYS) {
            if (!json.has(key)) {
                throw new IllegalStateException("key '" + key + "' missing in the output of " + source);
            }
        }
        return new CvodesRun(json.get("problem").asText(), json.get("n").asInt(), json.get("rtol").asDouble(),
                json.get("atol").asDouble(), json.get("backward").asText(), json.get("rtolB").asDouble(),
                json.get("atolB").asDouble(), json.get("J").asDouble(), array(json.get("dJdp")),
                array(json.get("dJdy0")), json.get("seconds").asDouble(), json.get("inner").asInt(),
                array(json.get("times")), json.get("forwardSteps").asLong(), json.get("backwardSteps").asLong(),
                json.get("forwardRhs").asLong(), json.get("backwardRhs").asLong(),
                json.get("forwardJacobians").asLong() + json.get("backwardJacobians").asLong(),
                json.get("forwardSetups").asLong() + json.get("backwardSetups").asLong(),
                json.get("forwardNewton").asLong() + json.get("backwardNewton").asLong(),
                json.get("checkpoints").asInt());
    }

    private static double[] array(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asDouble();
        }
        return a;
    }
}
