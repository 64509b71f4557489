package dev.tuesday.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Reads a request body into memory, so that the request can be retried. Memory is taken from the
 * {@link BodyBudget} before it is used: the whole {@code Content-Length} at once, or chunk by
 * chunk for a body of unknown length. A body over the per-request limit or the budget is refused
 * without keeping more of it.
 *
 * <p>Once {@link #finish() finished} exactly the body's bytes stay reserved; whoever holds the
 * body gives them back. Until then, {@link #abandon()} gives back everything.
 */
final class BodyReader {
    /** A body the balancer will not hold: answered with {@link #status()}, the budget already given back. */
    static final class Refused extends Exception {
        private final HttpResponseStatus status;

        Refused(HttpResponseStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        HttpResponseStatus status() {
            return status;
        }
    }

    private final int maxBytes;
    private final BodyBudget budget;
    private final ByteBuf bytes;
    private long reserved;

    private BodyReader(ByteBufAllocator allocator, long length, int maxBytes, BodyBudget budget) {
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.bytes = allocator.buffer(length > 0 ? (int) length : 0, maxBytes);
    }

    /** Whether {@code head} announces a body (a length above zero, or chunks). */
    static boolean hasBody(HttpRequest head) {
        return HttpUtil.getContentLength(head, -1L) > 0 || HttpUtil.isTransferEncodingChunked(head);
    }

    /**
     * Starts reading the body {@code head} announces.
     *
     * @throws Refused when its length is over the limit or the budget is spent
     */
    static BodyReader start(ByteBufAllocator allocator, HttpRequest head, int maxBytes, BodyBudget budget) throws Refused {
        long length = HttpUtil.getContentLength(head, -1L);
        if (length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (length > 0 && !budget.tryReserve(length)) {
            throw overBudget(budget);
        }
        BodyReader reader = new BodyReader(allocator, length, maxBytes, budget);
        reader.reserved = Math.max(0, length);
        return reader;
    }

    /**
     * Keeps a copy of {@code chunk}.
     *
     * @throws Refused when the body grows over the limit or the budget; everything is then given back
     */
    void add(ByteBuf chunk) throws Refused {
        int n = chunk.readableBytes();
        long needed = bytes.readableBytes() + (long) n;
        if (needed > maxBytes) {
            abandon();
            throw tooLarge(maxBytes);
        }
        if (needed > reserved) {
            // Unknown length: grow by doubling, each step reserved before it is allocated.
            long grown = Math.min(maxBytes, Math.max(needed, Math.max(8192, 2L * reserved)));
            if (!budget.tryReserve(grown - reserved)) {
                abandon();
                throw overBudget(budget);
            }
            reserved = grown;
        }
        bytes.writeBytes(chunk);
    }

    /** The whole body; from now on only its own size stays reserved. */
    ByteBuf finish() {
        budget.release(reserved - bytes.readableBytes());
        reserved = bytes.readableBytes();
        return bytes;
    }

    /** Drops what was read and gives back the budget. */
    void abandon() {
        budget.release(reserved);
        reserved = 0;
        bytes.release();
    }

    private static Refused tooLarge(int maxBytes) {
        return new Refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body larger than " + maxBytes + " bytes");
    }

    private static Refused overBudget(BodyBudget budget) {
        return new Refused(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "too many request bodies held at once (" + budget.max() + " bytes in all); try again");
    }
}
