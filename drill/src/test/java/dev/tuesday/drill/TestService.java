package dev.tuesday.drill;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small HTTP service on loopback for drill tests, answering with a function of the request
 * (or handling it itself).
 * The drill's warm-up requests get a 204 and never reach the function.
 */
final class TestService implements AutoCloseable {

    /** What the service answers. */
    record Answer(int status, String body) {
    }

    /** The service's behaviour; may block (it runs on a thread of its own). */
    @FunctionalInterface
    interface Behaviour {
        Answer answer(String method, String path, String query, String body) throws Exception;
    }

    /** How the service handles a request on Jetty's own terms, for answers no {@link Answer} gives. */
    @FunctionalInterface
    interface Handling {
        void handle(Request request, Response response, Callback callback) throws Exception;
    }

    private final Server server;
    private final ServerConnector connector;

    TestService(Behaviour behaviour) throws Exception {
        this(answering(behaviour));
    }

    private TestService(Handling handling) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(600, 8);
        threads.setName("test-service");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(500);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (request.getHeaders().contains(Http.WARM_UP_HEADER)) {
                    // The drill warming its client up: not part of what a test counts.
                    response.setStatus(204);
                    callback.succeeded();
                    return true;
                }
                handling.handle(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    /** A service that handles each request but the drill's warm-ups with {@code handling}. */
    static TestService handling(Handling handling) throws Exception {
        return new TestService(handling);
    }

    private static Handling answering(Behaviour behaviour) {
        return (request, response, callback) -> {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            Answer a = behaviour.answer(request.getMethod(), Request.getPathInContext(request),
                    request.getHttpURI().getQuery(), body);
            response.setStatus(a.status());
            if (a.body() == null || a.body().isEmpty()) {
                callback.succeeded();
            } else {
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, ByteBuffer.wrap(a.body().getBytes(StandardCharsets.UTF_8)), callback);
            }
        };
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
