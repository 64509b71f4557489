package dev.tuesday.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} for library entry points that print to streams, handed on to picocli's
 * writer (so tests that capture the command's output see it) when the command ends.
 */
final class Captured implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final PrintWriter target;

    Captured(PrintWriter target) {
        this.target = target;
    }

    PrintStream stream() {
        return stream;
    }

    @Override
    public void close() {
        stream.flush();
        target.print(bytes.toString(StandardCharsets.UTF_8));
        target.flush();
    }
}
