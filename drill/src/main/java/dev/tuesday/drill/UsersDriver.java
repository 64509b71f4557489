package dev.tuesday.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link UsersWorkload}: creates, updates, reads back and lists users, and checks that what the
 * service acknowledged is what it later returns.
 *
 * <p>The mix per request (chosen by a random number seeded from the request's number): 25 %
 * create, 20 % update, 45 % read back, 10 % list. An update, read or list needs a row written
 * before and free of other requests; when there is none yet, the request creates one instead.
 */
final class UsersDriver implements WorkloadDriver {

    private static final int VERIFY_PARALLELISM = 16;
    private static final int VERIFY_ATTEMPTS = 3;

    private final UsersWorkload workload;
    private final URI collection;
    private final Http http;
    private final long seed;
    private final Clock clock;
    private final RowBook book = new RowBook();

    UsersDriver(UsersWorkload workload, URI target, Http http, long seed, Clock clock) {
        this.workload = workload;
        this.collection = Targets.under(target, workload.path());
        this.http = http;
        this.seed = seed;
        this.clock = clock;
    }

    @Override
    public Outcome exchange(long seq) {
        SplittableRandom random = new SplittableRandom(seed ^ (seq * 0x9E3779B97F4A7C15L));
        int dice = random.nextInt(100);
        Row row = null;
        if (dice >= 25) {
            row = dice < 90 && dice >= 45 ? book.claimForRead(random) : book.claimAny(random);
        }
        if (row == null) {
            return create(seq, random);
        }
        try {
            if (dice < 45) {
                return update(seq, random, row);
            }
            return dice < 90 ? read(row) : list(row);
        } finally {
            row.release();
        }
    }

    private Outcome create(long seq, SplittableRandom random) {
        UserValue value = newValue(seq, random, "new");
        String label = "POST " + workload.path();
        Reply reply = http.post(collection, value.toJson());
        Outcome failure = reply.unlessStatus(label, 201, 200);
        if (failure != null) {
            return failure;
        }
        JsonNode user = UserValue.parse(reply.body());
        String id = UserValue.idOf(user);
        if (id == null) {
            return wrong(label, "answer " + reply.status() + " has no id: " + abbreviate(reply.body()));
        }
        book.written(new Row(id, value), true);
        if (!value.isIn(user)) {
            return wrong(label, "answer holds " + UserValue.describe(user) + ", sent " + value);
        }
        return Outcome.ok(label);
    }

    private Outcome update(long seq, SplittableRandom random, Row row) {
        UserValue value = newValue(seq, random, "upd");
        String label = "PUT " + workload.path() + "/" + row.id;
        Reply reply = http.put(item(row), value.toJson());
        if (reply.answered() && reply.status() == 404) {
            return wrong(label, "row " + row.id + " acknowledged earlier is gone (404)");
        }
        Outcome failure = reply.unlessStatus(label, 200, 204);
        if (failure != null) {
            if (!reply.answered() || reply.status() >= 500) {
                row.perhaps(value);
            }
            return failure;
        }
        row.acknowledged(value);
        book.written(row, false);
        JsonNode user = UserValue.parse(reply.body());
        if (user != null && user.isObject() && !value.isIn(user)) {
            return wrong(label, "answer holds " + UserValue.describe(user) + ", sent " + value);
        }
        return Outcome.ok(label);
    }

    private Outcome read(Row row) {
        String label = "GET " + workload.path() + "/" + row.id;
        Reply reply = http.get(item(row));
        if (reply.answered() && reply.status() == 404) {
            return wrong(label, "row " + row.id + " acknowledged as " + expected(row) + " is missing (404)");
        }
        Outcome failure = reply.unlessStatus(label, 200);
        if (failure != null) {
            return failure;
        }
        JsonNode user = UserValue.parse(reply.body());
        UserValue found = UserValue.foundIn(user, row.acceptable());
        if (found == null) {
            return wrong(label, "row " + row.id + " reads back " + UserValue.describe(user) + ", acknowledged " + expected(row));
        }
        row.acknowledged(found);
        return Outcome.ok(label);
    }

    private Outcome list(Row row) {
        String after = previousId(row.id);
        String label = "GET " + workload.path() + "?after=" + after + "&limit=" + workload.listLimit();
        Reply reply = http.get(URI.create(collection + "?after=" + Targets.encode(after) + "&limit=" + workload.listLimit()));
        Outcome failure = reply.unlessStatus(label, 200);
        if (failure != null) {
            return failure;
        }
        JsonNode page = itemsOf(UserValue.parse(reply.body()));
        if (page == null) {
            return wrong(label, "answer is not a list of users: " + abbreviate(reply.body()));
        }
        if (page.size() > workload.listLimit()) {
            return wrong(label, "answer holds " + page.size() + " users, limit was " + workload.listLimit());
        }
        if (after.equals(row.id)) {
            return Outcome.ok(label); // ids are not numbers: the page cannot be checked against the row
        }
        for (JsonNode user : page) {
            if (row.id.equals(UserValue.idOf(user))) {
                UserValue found = UserValue.foundIn(user, row.acceptable());
                return found != null ? Outcome.ok(label)
                        : wrong(label, "row " + row.id + " listed as " + UserValue.describe(user) + ", acknowledged " + expected(row));
            }
        }
        return wrong(label, "row " + row.id + " acknowledged earlier is not in the page after " + after);
    }

    @Override
    public URI warmUpTarget() {
        return URI.create(collection + "?after=0&limit=1");
    }

    @Override
    public Verification verify(Instant deadline) {
        List<Row> rows = book.all();
        AtomicLong lost = new AtomicLong();
        AtomicLong unverified = new AtomicLong();
        Semaphore slots = new Semaphore(VERIFY_PARALLELISM);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> checks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                checks.add(pool.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        switch (verifyOne(row, deadline)) {
                            case LOST -> lost.incrementAndGet();
                            case UNKNOWN -> unverified.incrementAndGet();
                            case KEPT -> { }
                        }
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        return new Verification(rows.size(), lost.get(), unverified.get());
    }

    private enum Check { KEPT, LOST, UNKNOWN }

    private Check verifyOne(Row row, Instant deadline) {
        for (int attempt = 0; attempt < VERIFY_ATTEMPTS && clock.instant().isBefore(deadline); attempt++) {
            Reply reply = http.get(item(row));
            if (reply.answered() && reply.status() == 404) {
                return Check.LOST;
            }
            if (reply.answered() && reply.status() == 200) {
                return UserValue.foundIn(UserValue.parse(reply.body()), row.acceptable()) != null ? Check.KEPT : Check.LOST;
            }
        }
        return Check.UNKNOWN;
    }

    private URI item(Row row) {
        return URI.create(collection + "/" + Targets.encode(row.id));
    }

    private static UserValue newValue(long seq, SplittableRandom random, String what) {
        String tag = Long.toHexString(random.nextLong() & 0xffffffL);
        return new UserValue("drill " + what + " " + seq + " " + tag, "u" + seq + "." + tag + "@drill.test");
    }

    /** The id just before {@code id} when ids are numbers, so the row is on the next page; else {@code id}. */
    private static String previousId(String id) {
        try {
            return Long.toString(Long.parseLong(id) - 1);
        } catch (NumberFormatException e) {
            return id;
        }
    }

    /** The array of users in a list answer: the answer itself, or its users/items/data field. */
    private static JsonNode itemsOf(JsonNode answer) {
        if (answer == null) {
            return null;
        }
        if (answer.isArray()) {
            return answer;
        }
        for (String field : List.of("users", "items", "data")) {
            JsonNode items = answer.get(field);
            if (items != null && items.isArray()) {
                return items;
            }
        }
        return null;
    }

    private static String expected(Row row) {
        return row.acceptable().size() == 1 ? row.acceptable().iterator().next().toString()
                : "one of " + row.acceptable();
    }

    private static Outcome wrong(String label, String detail) {
        return Outcome.failed(FailureKind.WRONG_DATA, true, label, detail);
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
