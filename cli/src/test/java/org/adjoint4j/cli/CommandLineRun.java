package org.adjoint4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one run of the command line in-process: exit code and both streams. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}
