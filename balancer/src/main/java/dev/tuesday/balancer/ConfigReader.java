package dev.tuesday.balancer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuesday.common.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the YAML configuration into a {@link BalancerConfig}, field by field, so that every error
 * names the file and the field (unknown fields are errors too: a typo must not be ignored).
 */
final class ConfigReader {
    private final Path file;

    private ConfigReader(Path file) {
        this.file = file;
    }

    static BalancerConfig read(Path file) {
        return new ConfigReader(file).parse();
    }

    private BalancerConfig parse() {
        JsonNode root = load();
        allowOnly(root, null, Set.of("listen", "admin", "health", "timeouts", "maxRequestBodyBytes",
                "maxBufferedBodyBytes", "maxConnections", "maxConnectionsPerBackend", "ejectAfterConnectionFailures",
                "trustedProxies", "backends"));
        BalancerConfig.Builder builder = BalancerConfig.builder();
        if (root.has("listen")) {
            HostPort listen = field("listen", root.get("listen"), node -> HostPort.parse(text(node)));
            builder.listen(listen.host(), listen.port());
        }
        if (root.has("admin")) {
            readAdmin(root.get("admin"), builder);
        }
        if (root.has("health")) {
            builder.health(readHealth(root.get("health")));
        }
        if (root.has("timeouts")) {
            JsonNode timeouts = root.get("timeouts");
            allowOnly(timeouts, "timeouts", Set.of("connect", "response", "idle", "backendIdle", "header", "drain"));
            if (timeouts.has("connect")) {
                builder.connectTimeout(duration("timeouts.connect", timeouts.get("connect")));
            }
            if (timeouts.has("response")) {
                builder.responseTimeout(duration("timeouts.response", timeouts.get("response")));
            }
            if (timeouts.has("idle")) {
                builder.idleTimeout(duration("timeouts.idle", timeouts.get("idle")));
            }
            if (timeouts.has("backendIdle")) {
                builder.backendIdleTimeout(duration("timeouts.backendIdle", timeouts.get("backendIdle")));
            }
            if (timeouts.has("header")) {
                builder.headerTimeout(duration("timeouts.header", timeouts.get("header")));
            }
            if (timeouts.has("drain")) {
                builder.drainTimeout(duration("timeouts.drain", timeouts.get("drain")));
            }
        }
        if (root.has("maxRequestBodyBytes")) {
            builder.maxRequestBodyBytes(integer("maxRequestBodyBytes", root.get("maxRequestBodyBytes")));
        }
        if (root.has("maxBufferedBodyBytes")) {
            builder.maxBufferedBodyBytes(whole("maxBufferedBodyBytes", root.get("maxBufferedBodyBytes")));
        }
        if (root.has("maxConnections")) {
            builder.maxConnections(integer("maxConnections", root.get("maxConnections")));
        }
        if (root.has("maxConnectionsPerBackend")) {
            builder.maxConnectionsPerBackend(integer("maxConnectionsPerBackend", root.get("maxConnectionsPerBackend")));
        }
        if (root.has("ejectAfterConnectionFailures")) {
            builder.ejectAfterConnectionFailures(integer("ejectAfterConnectionFailures", root.get("ejectAfterConnectionFailures")));
        }
        if (root.has("trustedProxies")) {
            builder.trustedProxies(addresses("trustedProxies", root.get("trustedProxies")));
        }
        if (root.has("backends")) {
            readBackends(root.get("backends"), builder);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new BalancerConfigException(file, null, e.getMessage());
        }
    }

    private JsonNode load() {
        try {
            JsonNode root = StrictYaml.read(file);
            if (root == null || !root.isObject()) {
                throw new BalancerConfigException(file, null, "expected a YAML mapping at the top level");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new BalancerConfigException(file, null, "file not found");
        } catch (StrictYamlException e) {
            throw new BalancerConfigException(file, e.field(), e.problem());
        } catch (IOException e) {
            throw new BalancerConfigException(file, null, "cannot read: " + e.getMessage());
        }
    }

    private void readAdmin(JsonNode admin, BalancerConfig.Builder builder) {
        allowOnly(admin, "admin", Set.of("listen", "token"));
        HostPort listen = admin.has("listen")
                ? field("admin.listen", admin.get("listen"), node -> HostPort.parse(text(node)))
                : new HostPort("127.0.0.1", 8081);
        if (!admin.has("token")) {
            throw new BalancerConfigException(file, "admin.token", "is required when the admin API is on");
        }
        String token = field("admin.token", admin.get("token"), ConfigReader::text);
        field("admin", admin, node -> builder.admin(listen.host(), listen.port(), token));
    }

    private HealthSettings readHealth(JsonNode health) {
        allowOnly(health, "health", Set.of("path", "interval", "timeout", "rise", "fall"));
        HealthSettings defaults = HealthSettings.DEFAULTS;
        String path = health.has("path") ? field("health.path", health.get("path"), ConfigReader::text) : defaults.path();
        Duration interval = health.has("interval") ? duration("health.interval", health.get("interval")) : defaults.interval();
        Duration timeout = health.has("timeout") ? duration("health.timeout", health.get("timeout")) : defaults.timeout();
        int rise = health.has("rise") ? integer("health.rise", health.get("rise")) : defaults.rise();
        int fall = health.has("fall") ? integer("health.fall", health.get("fall")) : defaults.fall();
        return field("health", health, node -> new HealthSettings(path, interval, timeout, rise, fall));
    }

    private void readBackends(JsonNode backends, BalancerConfig.Builder builder) {
        if (!backends.isArray()) {
            throw new BalancerConfigException(file, "backends", "expected a list");
        }
        for (int i = 0; i < backends.size(); i++) {
            String name = "backends[" + i + "]";
            JsonNode backend = backends.get(i);
            allowOnly(backend, name, Set.of("id", "url", "version", "weight"));
            for (String required : new String[] {"id", "url", "version"}) {
                if (!backend.has(required)) {
                    throw new BalancerConfigException(file, name + "." + required, "is required");
                }
            }
            String id = field(name + ".id", backend.get("id"), ConfigReader::text);
            URI url = field(name + ".url", backend.get("url"), node -> uri(text(node)));
            String version = field(name + ".version", backend.get("version"), ConfigReader::text);
            int weight = backend.has("weight") ? integer(name + ".weight", backend.get("weight")) : 100;
            builder.backend(field(name, backend, node -> new BackendSpec(id, url, version, weight)));
        }
    }

    private void allowOnly(JsonNode node, String where, Set<String> names) {
        if (!node.isObject()) {
            throw new BalancerConfigException(file, where, "expected a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                throw new BalancerConfigException(file, where == null ? name : where + "." + name,
                        "unknown field (known: " + String.join(", ", names.stream().sorted().toList()) + ")");
            }
        }
    }

    private <T> T field(String name, JsonNode node, Function<JsonNode, T> reader) {
        try {
            return reader.apply(node);
        } catch (IllegalArgumentException e) {
            throw new BalancerConfigException(file, name, e.getMessage());
        }
    }

    private Duration duration(String name, JsonNode node) {
        return field(name, node, value -> Durations.parse(value.asText()));
    }

    private int integer(String name, JsonNode node) {
        return field(name, node, value -> {
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                throw new IllegalArgumentException("'" + value.asText() + "' is not a whole number");
            }
            return value.intValue();
        });
    }

    private long whole(String name, JsonNode node) {
        return field(name, node, value -> {
            if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                throw new IllegalArgumentException("'" + value.asText() + "' is not a whole number");
            }
            return value.longValue();
        });
    }

    /** A list of addresses or ranges, each checked where it is written. */
    private List<String> addresses(String name, JsonNode node) {
        if (!node.isArray()) {
            throw new BalancerConfigException(file, name, "expected a list");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String value = field(name + "[" + i + "]", node.get(i), ConfigReader::text);
            field(name + "[" + i + "]", node.get(i), ignored -> TrustedProxies.parse(List.of(value)));
            values.add(value);
        }
        return values;
    }

    private static String text(JsonNode node) {
        if (!node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException("expected a text value");
        }
        return node.asText();
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL");
        }
    }

    /** {@code host:port}, or {@code :port} / {@code port} for every address. */
    record HostPort(String host, int port) {
        static HostPort parse(String text) {
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? "0.0.0.0" : text.substring(0, colon);
            String port = text.substring(colon + 1);
            if (host.isEmpty()) {
                host = "0.0.0.0";
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int value = Integer.parseInt(port);
                if (value < 0 || value > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(host, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not host:port");
            }
        }
    }
}
