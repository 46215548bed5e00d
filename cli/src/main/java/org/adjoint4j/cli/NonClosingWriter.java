package org.adjoint4j.cli;

import java.io.PrintWriter;
import java.io.Writer;

/** Standard output as a writer that a try-with-resources flushes but never closes. */
final class NonClosingWriter extends Writer {

    private final PrintWriter out;

    NonClosingWriter(PrintWriter out) {
        this.out = out;
    }

    /**
     * @param out standard output
     * @param output the file of {@code -o}, or null
     * @return the file's writer, or standard output that closing only flushes
     * @throws java.io.IOException if the file cannot be opened
     */
    static Writer to(PrintWriter out, java.nio.file.Path output) throws java.io.IOException {
        return output == null ? new NonClosingWriter(out)
                : java.nio.file.Files.newBufferedWriter(output, java.nio.charset.StandardCharsets.UTF_8);
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
