package dev.tuesday.release.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuesday.common.StrictNode;
import dev.tuesday.common.StrictYaml;
import dev.tuesday.common.StrictYamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a YAML plan file into a {@link ReleasePlan}, strictly: every error names the file and the field. */
final class PlanReader {
    private PlanReader() {
    }

    static ReleasePlan read(Path file) {
        JsonNode tree;
        try {
            tree = StrictYaml.read(file);
        } catch (NoSuchFileException e) {
            throw new PlanException(file, null, "no such file");
        } catch (IOException e) {
            throw new PlanException(file, null, "cannot read: " + e.getMessage());
        } catch (StrictYamlException e) {
            throw new PlanException(file, e.field(), e.problem());
        }
        return plan(tree, file, file.toAbsolutePath().getParent());
    }

    static ReleasePlan parse(String text, Path file, Path base) {
        try {
            return plan(StrictYaml.parse(text), file, base);
        } catch (StrictYamlException e) {
            throw new PlanException(file, e.field(), e.problem());
        }
    }

    private static ReleasePlan plan(JsonNode tree, Path file, Path base) {
        StrictNode root = StrictNode.root(tree, "fields such as from, to, strategy", (field, problem) -> new PlanException(file, field, problem));
        Optional<DatabaseSpec> database = root.object("database").map(PlanReader::database);
        Optional<Path> migration = root.string("migration").map(base::resolve);
        VersionSpec from = version(root.requiredObject("from"), base);
        VersionSpec to = version(root.requiredObject("to"), base);
        ReadinessSpec readiness = root.object("readiness").map(PlanReader::readiness).orElse(ReadinessSpec.DEFAULTS);
        DrainSpec drain = root.object("drain").map(PlanReader::drain).orElse(DrainSpec.DEFAULTS);
        Strategy strategy = root.object("strategy").map(PlanReader::strategy).orElse(Strategy.Rolling.DEFAULTS);
        ContractTiming contract = root.string("contract").map(value -> switch (value) {
            case "atEnd" -> ContractTiming.AT_END;
            case "deferred" -> ContractTiming.DEFERRED;
            default -> throw root.error("contract", "must be atEnd or deferred, not '" + value + "'");
        }).orElse(ContractTiming.AT_END);
        String name = root.string("name").orElse(from.version() + " to " + to.version());
        Optional<BalancerSpec> balancer = root.object("balancer").map(PlanReader::balancer);
        Optional<HaproxySpec> haproxy = root.object("traffic").map(traffic -> haproxy(traffic, base));
        root.rejectUnknown();
        if (migration.isPresent() && !Files.isRegularFile(migration.get())) {
            throw root.error("migration", "no such file: " + migration.get());
        }
        return new ReleasePlan(Optional.ofNullable(file), name, database, migration, from, to, readiness, drain, strategy, contract,
                balancer, haproxy);
    }

    private static DatabaseSpec database(StrictNode node) {
        String url = node.requiredString("url");
        Optional<String> user = node.string("user");
        Optional<String> password = node.string("password");
        String schema = node.string("schema").orElse("public");
        node.rejectUnknown();
        return check(node, null, () -> new DatabaseSpec(url, user, password, schema));
    }

    private static BalancerSpec balancer(StrictNode node) {
        String admin = node.requiredString("admin");
        Optional<String> token = node.string("token");
        Optional<String> tokenEnv = node.string("tokenEnv");
        node.rejectUnknown();
        if (token.isPresent() == tokenEnv.isPresent()) {
            throw node.error("token", "give exactly one of token and tokenEnv");
        }
        String value = token.orElseGet(() -> {
            String fromEnv = System.getenv(tokenEnv.get());
            if (fromEnv == null || fromEnv.isBlank()) {
                throw node.error("tokenEnv", "environment variable " + tokenEnv.get() + " is not set");
            }
            return fromEnv;
        });
        try {
            return check(node, null, () -> new BalancerSpec(java.net.URI.create(admin), value));
        } catch (IllegalArgumentException e) {
            throw node.error("admin", "'" + admin + "' is not an address like http://127.0.0.1:8081");
        }
    }

    private static HaproxySpec haproxy(StrictNode traffic, Path base) {
        StrictNode node = traffic.object("haproxy").orElseThrow(() -> traffic.error("haproxy", "is required"));
        traffic.rejectUnknown();
        Path socket = base.resolve(node.requiredString("socket"));
        String backend = node.requiredString("backend");
        node.rejectUnknown();
        return check(node, null, () -> new HaproxySpec(socket, backend));
    }

    private static VersionSpec version(StrictNode node, Path base) {
        String version = node.requiredString("version");
        List<String> command = words(node, "command");
        Map<String, String> env = new LinkedHashMap<>();
        node.object("env").ifPresent(envNode -> envNode.entries().forEachRemaining(entry -> {
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw envNode.error(entry.getKey(), "must be text");
            }
            env.put(entry.getKey(), entry.getValue().asText());
        }));
        int instances = node.integer("instances").orElse(1);
        PortRange ports = ports(node);
        Optional<String> schema = node.string("schema");
        Path directory = node.string("directory").map(base::resolve).orElse(base);
        node.rejectUnknown();
        if (instances < 1) {
            throw node.error("instances", "must be at least 1, not " + instances);
        }
        if (!ports.isAny() && ports.size() < instances) {
            throw node.error("ports", "range " + ports + " holds fewer ports than " + instances + " instances");
        }
        return check(node, null, () -> new VersionSpec(version, command, env, instances, ports, schema, directory));
    }

    private static PortRange ports(StrictNode node) {
        Optional<String> range = node.string("ports");
        Optional<Integer> basePort = node.integer("basePort");
        if (range.isPresent() && basePort.isPresent()) {
            throw node.error("basePort", "cannot be given together with ports");
        }
        if (basePort.isPresent()) {
            int first = basePort.get();
            return check(node, "basePort", () -> new PortRange(first, Math.min(65535, first + 99)));
        }
        if (range.isEmpty()) {
            return PortRange.ANY;
        }
        String[] bounds = range.get().split("-");
        try {
            if (bounds.length != 2) {
                throw new NumberFormatException();
            }
            int first = Integer.parseInt(bounds[0].strip());
            int last = Integer.parseInt(bounds[1].strip());
            return check(node, "ports", () -> new PortRange(first, last));
        } catch (NumberFormatException e) {
            throw node.error("ports", "must look like 9100-9199, not '" + range.get() + "'");
        }
    }

    private static ReadinessSpec readiness(StrictNode node) {
        ReadinessSpec d = ReadinessSpec.DEFAULTS;
        String path = node.string("path").orElse(d.path());
        Duration deadline = node.duration("deadline").orElse(d.deadline());
        Duration poll = node.duration("poll").orElse(d.poll());
        node.rejectUnknown();
        return check(node, null, () -> new ReadinessSpec(path, deadline, poll));
    }

    private static DrainSpec drain(StrictNode node) {
        Duration timeout = node.duration("timeout").orElse(DrainSpec.DEFAULTS.timeout());
        Duration grace = node.duration("grace").orElse(DrainSpec.DEFAULTS.grace());
        node.rejectUnknown();
        return check(node, null, () -> new DrainSpec(timeout, grace));
    }

    private static Strategy strategy(StrictNode node) {
        List<Strategy> found = new ArrayList<>();
        node.object("rolling").ifPresent(rolling -> found.add(rolling(rolling)));
        node.object("blueGreen").ifPresent(blueGreen -> found.add(blueGreen(blueGreen)));
        node.object("canary").ifPresent(canary -> found.add(canary(canary)));
        node.rejectUnknown();
        if (found.size() != 1) {
            throw node.error(null, "must name exactly one of rolling, blueGreen, canary");
        }
        return found.get(0);
    }

    private static Strategy rolling(StrictNode node) {
        int maxSurge = node.integer("maxSurge").orElse(Strategy.Rolling.DEFAULTS.maxSurge());
        int maxUnavailable = node.integer("maxUnavailable").orElse(Strategy.Rolling.DEFAULTS.maxUnavailable());
        node.rejectUnknown();
        return check(node, null, () -> new Strategy.Rolling(maxSurge, maxUnavailable));
    }

    private static Strategy blueGreen(StrictNode node) {
        Duration keepOld = node.duration("keepOld").orElse(Strategy.BlueGreen.DEFAULTS.keepOld());
        node.rejectUnknown();
        return check(node, "keepOld", () -> new Strategy.BlueGreen(keepOld));
    }

    private static Strategy canary(StrictNode node) {
        int instances = node.integer("instances").orElse(1);
        List<CanaryStep> steps = new ArrayList<>();
        for (StrictNode step : node.objects("steps")) {
            int weight = step.integer("weight").orElseThrow(() -> step.error("weight", "is required"));
            Duration pause = step.duration("pause").orElseThrow(() -> step.error("pause", "is required"));
            step.rejectUnknown();
            steps.add(check(step, null, () -> new CanaryStep(weight, pause)));
        }
        CanaryAnalysis analysis = node.object("analysis").map(PlanReader::analysis).orElse(CanaryAnalysis.DEFAULTS);
        node.rejectUnknown();
        return check(node, null, () -> new Strategy.Canary(instances, steps, analysis));
    }

    private static CanaryAnalysis analysis(StrictNode node) {
        CanaryAnalysis d = CanaryAnalysis.DEFAULTS;
        double errors = node.decimal("maxErrorRateIncrease").orElse(d.maxErrorRateIncrease());
        double ratio = node.decimal("maxLatencyRatio").orElse(d.maxLatencyRatio());
        Duration margin = node.duration("latencyMargin").orElse(d.latencyMargin());
        long minRequests = node.integer("minRequests").map(Integer::longValue).orElse(d.minRequests());
        Duration initialDelay = node.duration("initialDelay").orElse(d.initialDelay());
        node.rejectUnknown();
        return check(node, null, () -> new CanaryAnalysis(errors, ratio, margin, minRequests, initialDelay));
    }

    /** A command: a list of text, or one string split on spaces (double quotes group words); required. */
    private static List<String> words(StrictNode node, String field) {
        JsonNode value = node.raw(field);
        if (value == null || value.isNull()) {
            throw node.error(field, "is required");
        }
        List<String> words = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    throw node.error(field, "must be a list of text");
                }
                words.add(item.asText());
            }
        } else if (value.isTextual()) {
            words.addAll(splitWords(value.asText()));
        } else {
            throw node.error(field, "must be text or a list of text");
        }
        return words;
    }

    private static List<String> splitWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Runs a record's own checks and turns a failure into an error naming the field. */
    private static <T> T check(StrictNode node, String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = e.getMessage();
            // The records' messages start with the field they are about ("maxSurge must be…"):
            // name it in the dotted path so the user sees e.g. strategy.rolling.maxSurge.
            int space = message == null ? -1 : message.indexOf(' ');
            if (field == null && space > 0 && message.substring(0, space).matches("[A-Za-z.]+")) {
                throw node.error(message.substring(0, space), message.substring(space + 1));
            }
            throw node.error(field, message);
        }
    }
}
