package dev.tuesday.balancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that passes its readiness check, then reads every other request completely and
 * resets the connection without answering: the request was sent, and failed at the connection.
 * Counts those requests, so a test can see whether one was replayed. Started with a number of
 * hang-ups, it answers {@code 200 ok} once it has hung up that many times (a keep-alive race
 * looks like this: one request lost on a connection the backend was closing).
 */
final class HangUpBackend implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger arrivals = new AtomicInteger();
    private final AtomicInteger hangUpsLeft;
    private final Thread acceptor;

    private HangUpBackend(int hangUps) throws IOException {
        hangUpsLeft = new AtomicInteger(hangUps);
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    static HangUpBackend start() throws IOException {
        return new HangUpBackend(Integer.MAX_VALUE);
    }

    /** Hangs up on the first {@code hangUps} requests, then answers. */
    static HangUpBackend hangingUpOn(int hangUps) throws IOException {
        return new HangUpBackend(hangUps);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    int arrivals() {
        return arrivals.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                in.readNBytes(length);
                if (head.startsWith("GET /readyz ")) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                arrivals.incrementAndGet();
                if (hangUpsLeft.getAndDecrement() <= 0) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                connection.setSoLinger(true, 0); // close with RST: a reset, not a clean end
                return;
            }
        } catch (IOException e) {
            // the peer went away; nothing to do in a test fixture
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }
}
