package org.adjoint4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code adjoint4j} command line. Subcommands print a human-readable table by default,
 * {@code --format json} for one JSON object on standard output.
 *
 * <p>Exit codes: 0 success; 2 bad input, with one line on standard error naming the argument and
 * the value; 1 a failure during the computation. Set {@code ADJOINT4J_DEBUG=1} to see stack traces.
 */
@Command(name = "adjoint4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Adjoint-state sensitivity analysis of ODEs: gradients, checkpointing schedules, validation.",
        subcommands = {GradientCommand.class, HessianCommand.class, FitCommand.class, TrainCommand.class, SimulateCommand.class, ControlCommand.class, ValidateCommand.class, BenchCommand.class, ExplainCommand.class, ScheduleCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure during the computation. */
    public static final int FAILURE = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line with the given streams; what tests call.
     *
     * @param args command-line arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            String command = ex.getCommandLine().getCommandName();
            err.println(command + ": " + oneLine(ex.getMessage()) + " (see '" + fullName(ex.getCommandLine()) + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (System.getenv("ADJOINT4J_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            String command = commandLine.getCommandName();
            if (ex instanceof IllegalArgumentException) {
                err.println(command + ": " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            if (expected(ex)) {
                err.println(command + ": failed: " + oneLine(String.valueOf(ex.getMessage())));
            } else {
                // A defect of ours, not of the input: say so, so that it gets reported.
                err.println(command + ": internal error (" + ex.getClass().getSimpleName() + "): "
                        + oneLine(String.valueOf(ex.getMessage())) + "; please report it with the command line "
                        + "(ADJOINT4J_DEBUG=1 shows the stack trace)");
            }
            return FAILURE;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Thrown past picocli's handlers (it is an Error): one line that says what to do.
            String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "adjoint4j";
            err.println(command + ": failed: out of memory (the heap holds " + Runtime.getRuntime().maxMemory() / 1048576
                    + " MB): take binomial checkpoints (--checkpoints binomial:S) or set --memory, use fewer steps or "
                    + "a smaller problem, or give Java a larger heap (ADJOINT4J_JAVA_OPTS=-Xmx8g)");
            return FAILURE;
        }
    }

    /** Failures the computation can meet on valid input: integration, disk, I/O, limits, a lost cluster. */
    private static boolean expected(Exception ex) {
        return ex instanceof org.adjoint4j.solvers.IntegrationException
                || ex instanceof org.adjoint4j.adjoint.SnapshotException
                || ex instanceof org.adjoint4j.adjoint.BatchFailure
                || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException
                || ex instanceof ArithmeticException;
    }

    private static String fullName(CommandLine cli) {
        return cli.getParent() == null ? cli.getCommandName() : fullName(cli.getParent()) + " " + cli.getCommandName();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ').trim();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the version of the command line. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"adjoint4j " + (v == null ? "development build" : v)};
        }
    }
}
