package dev.tuesday.release.traffic;

import dev.tuesday.release.ReleaseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy's runtime API on its stats socket: one command per connection (HAProxy answers and
 * closes, as in its non-interactive mode), each answer read within a timeout.
 */
final class HaproxyRuntimeApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Path socket;

    HaproxyRuntimeApi(Path socket) {
        this.socket = socket;
    }

    Path socket() {
        return socket;
    }

    /**
     * Sends one command and returns HAProxy's answer, trailing blank lines removed.
     *
     * @throws TrafficUnreachable when the socket cannot be reached or HAProxy does not answer in time
     */
    String run(String command) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            return read(channel, command).strip();
        } catch (IOException e) {
            throw new TrafficUnreachable("cannot reach HAProxy's runtime API at " + socket + " (" + firstWord(command) + "): "
                    + e.getMessage() + "; is HAProxy running with 'stats socket " + socket + " level admin'?", e);
        }
    }

    private String read(SocketChannel channel, String command) throws IOException {
        channel.configureBlocking(false);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IOException("no complete answer to '" + firstWord(command) + "' within " + TIMEOUT.toSeconds() + " s");
                }
                selector.select(left);
                int n = channel.read(buffer);
                if (n < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
    }

    /**
     * The rows of {@code show stat} for the servers of {@code backend}, each a map from the CSV
     * header's field names to the values.
     *
     * @throws ReleaseException when HAProxy has no such backend
     */
    List<Map<String, String>> serverStats(String backend) {
        String answer = run("show stat " + backend + " 4 -1");
        List<String> lines = answer.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new ReleaseException("HAProxy at " + socket + " has no backend '" + backend + "': " + oneLine(answer));
        }
        // The CSV of show stat has no quoting: names and values never hold commas.
        String[] header = lines.get(0).substring(2).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length && i < values.length; i++) {
                row.put(header[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Runs a command that answers nothing on success ({@code set …}, {@code enable …}) or one of
     * {@code expected}; any other answer is HAProxy's refusal.
     *
     * @throws ReleaseException naming the command and HAProxy's answer
     */
    void expect(String command, String... expected) {
        String answer = run(command);
        if (answer.isEmpty() || List.of(expected).contains(answer)) {
            return;
        }
        throw new ReleaseException("HAProxy at " + socket + " refused '" + command + "': " + oneLine(answer));
    }

    static String oneLine(String answer) {
        return answer.isBlank() ? "(no answer)" : answer.strip().replace('\n', ' ');
    }

    private static String firstWord(String command) {
        int space = command.indexOf(' ', command.indexOf(' ') + 1);
        return space < 0 ? command : command.substring(0, space);
    }
}
