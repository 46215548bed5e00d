package org.adjoint4j.cli;

import java.io.PrintWriter;
import java.io.Writer;

/** Standard output as a writer that a try-with-resources flushes but never closes. */
final class NonClosingWriter extends Writer {

    private final PrintWriter out;

    NonClosingWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        out.write(buffer, offset, length);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
