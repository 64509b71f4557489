package dev.tuesday.balancer;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body into memory, so that the request can be retried. Memory is taken from the
 * {@link BodyBudget} before it is used: the whole {@code Content-Length} at once, or chunk by
 * chunk for a body of unknown length. A body over the per-request limit or the budget is refused
 * without reading further.
 *
 * <p>On success exactly the body's bytes stay reserved; whoever holds the body releases them.
 */
final class BodyReader implements Runnable {
    /** A body the balancer will not hold: answered with {@link #status()}, the budget already given back. */
    static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final Request request;
    private final int maxBytes;
    private final BodyBudget budget;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] bytes = new byte[0];
    private int size;
    private long reserved;

    private BodyReader(Request request, int maxBytes, BodyBudget budget) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    /**
     * Reads the body of {@code request}. The future fails with {@link Refused} when the body is too
     * large or the budget is spent, and with the cause when the client went away.
     */
    static CompletableFuture<byte[]> read(Request request, int maxBytes, BodyBudget budget) {
        BodyReader reader = new BodyReader(request, maxBytes, budget);
        long length = request.getLength();
        if (length > maxBytes) {
            reader.fail(reader.tooLarge());
        } else if (length > 0 && !reader.reserve(length)) {
            reader.fail(reader.overBudget());
        } else {
            reader.run();
        }
        return reader.result;
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                fail(chunk.getFailure());
                return;
            }
            try {
                int n = chunk.remaining();
                if (n > 0 && !keep(chunk, n)) {
                    return;
                }
            } finally {
                chunk.release();
            }
            if (chunk.isLast()) {
                budget.release(reserved - size);
                result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
                return;
            }
        }
    }

    private boolean keep(Content.Chunk chunk, int n) {
        long needed = size + (long) n;
        if (needed > maxBytes) {
            fail(tooLarge());
            return false;
        }
        if (needed > reserved) {
            // Unknown length: grow by doubling, each step reserved before it is allocated.
            long grown = Math.min(maxBytes, Math.max(needed, Math.max(8192, 2L * reserved)));
            if (!reserve(grown - reserved)) {
                fail(overBudget());
                return false;
            }
        }
        if (bytes.length < reserved) {
            bytes = Arrays.copyOf(bytes, (int) reserved);
        }
        chunk.getByteBuffer().get(bytes, size, n);
        size += n;
        return true;
    }

    private boolean reserve(long more) {
        if (!budget.tryReserve(more)) {
            return false;
        }
        reserved += more;
        return true;
    }

    private Refused tooLarge() {
        return new Refused(HttpStatus.PAYLOAD_TOO_LARGE_413, "request body larger than " + maxBytes + " bytes");
    }

    private Refused overBudget() {
        return new Refused(HttpStatus.SERVICE_UNAVAILABLE_503,
                "too many request bodies held at once (" + budget.max() + " bytes in all); try again");
    }

    private void fail(Throwable failure) {
        budget.release(reserved);
        reserved = 0;
        result.completeExceptionally(failure);
    }
}
