package dev.tuesday.example.users;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-request-per-connection HTTP client over a plain socket, so a test can tell exactly where
 * a request ended: refused at connect, answered in full, or broken after the connection was made.
 */
final class RawHttp {

    /** Where one request ended. */
    sealed interface Outcome permits Refused, Answered, Unanswered, Broken {
    }

    /** The TCP connection was refused: the server was not accepting. */
    record Refused() implements Outcome {
    }

    /** A complete response: status line, headers and a body of the announced length. */
    record Answered(int status, String headers, String body, long millis) implements Outcome {
        boolean connectionClose() {
            return headers.toLowerCase(Locale.ROOT).contains("\nconnection: close");
        }
    }

    /**
     * Connected, then reset or closed before a single byte of response: what the kernel does to a
     * connection still waiting in the listen queue when the listening socket closes. Whether the
     * application ever saw the request is told by the server's own count, not by the client.
     */
    record Unanswered(String what) implements Outcome {
    }

    /** Connected, then something went wrong: the kind of failure a drain must never cause. */
    record Broken(String what) implements Outcome {
    }

    private RawHttp() {
    }

    static Outcome get(int port, String pathAndQuery, Duration timeout) {
        return send(port, "GET", pathAndQuery, null, timeout);
    }

    static Outcome send(int port, String method, String pathAndQuery, String jsonBody, Duration timeout) {
        long t0 = System.nanoTime();
        Socket socket = new Socket();
        try {
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            } catch (ConnectException e) {
                closeQuietly(socket);
                return new Refused();
            }
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + (jsonBody == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            return new Broken("timed out after " + timeout + " while connecting or sending");
        } catch (IOException e) {
            closeQuietly(socket);
            return new Unanswered("while sending: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (socket) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return new Broken("timed out after " + timeout + " with " + received.size() + " bytes received");
        } catch (IOException e) {
            String what = e.getClass().getSimpleName() + ": " + e.getMessage();
            return received.size() == 0 ? new Unanswered(what) : new Broken(what + " after " + received.size() + " bytes");
        }
        if (received.size() == 0) {
            return new Unanswered("closed without a byte");
        }
        return parse(received.toString(StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing was sent on it
        }
    }

    private static Outcome parse(String response, long millis) {
        int end = response.indexOf("\r\n\r\n");
        if (!response.startsWith("HTTP/1.1 ") || end < 0) {
            return new Broken("incomplete response (" + response.length() + " bytes)");
        }
        String headers = response.substring(0, end).replace("\r\n", "\n");
        String body = response.substring(end + 4);
        int status = Integer.parseInt(response.substring(9, 12));
        for (String line : headers.split("\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).strip());
                if (body.getBytes(StandardCharsets.UTF_8).length != length) {
                    return new Broken("body of " + body.length() + " bytes, " + length + " announced");
                }
            }
        }
        return new Answered(status, headers, body, millis);
    }
}
