package dev.tuesday.balancer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuesday.common.StrictNode;
import dev.tuesday.common.StrictYaml;
import dev.tuesday.common.StrictYamlException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        StrictNode root = StrictNode.root(load(), "fields such as listen, backends",
                (field, problem) -> new BalancerConfigException(file, field, problem));
        BalancerConfig.Builder builder = BalancerConfig.builder();
        root.parsed("listen", HostPort::parse).ifPresent(listen -> builder.listen(listen.host(), listen.port()));
        root.object("admin").ifPresent(admin -> readAdmin(admin, builder));
        root.object("health").ifPresent(health -> builder.health(readHealth(health)));
        root.object("timeouts").ifPresent(timeouts -> {
            timeouts.duration("connect").ifPresent(builder::connectTimeout);
            timeouts.duration("response").ifPresent(builder::responseTimeout);
            timeouts.duration("idle").ifPresent(builder::idleTimeout);
            timeouts.duration("backendIdle").ifPresent(builder::backendIdleTimeout);
            timeouts.duration("header").ifPresent(builder::headerTimeout);
            timeouts.duration("drain").ifPresent(builder::drainTimeout);
            timeouts.rejectUnknown();
        });
        root.integer("maxRequestBodyBytes").ifPresent(builder::maxRequestBodyBytes);
        root.whole("maxBufferedBodyBytes").ifPresent(builder::maxBufferedBodyBytes);
        root.integer("maxConnections").ifPresent(builder::maxConnections);
        root.integer("maxConnectionsPerBackend").ifPresent(builder::maxConnectionsPerBackend);
        root.integer("ejectAfterConnectionFailures").ifPresent(builder::ejectAfterConnectionFailures);
        root.strings("trustedProxies").ifPresent(addresses -> {
            for (int i = 0; i < addresses.size(); i++) {
                checked(root, "trustedProxies[" + i + "]", List.of(addresses.get(i)), TrustedProxies::parse);
            }
            builder.trustedProxies(addresses);
        });
        List<StrictNode> backends = root.objects("backends");
        for (StrictNode backend : backends) {
            builder.backend(readBackend(backend));
        }
        root.rejectUnknown();
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new BalancerConfigException(file, null, e.getMessage());
        }
    }

    private JsonNode load() {
        try {
            return StrictYaml.read(file);
        } catch (NoSuchFileException e) {
            throw new BalancerConfigException(file, null, "file not found");
        } catch (StrictYamlException e) {
            throw new BalancerConfigException(file, e.field(), e.problem());
        } catch (IOException e) {
            throw new BalancerConfigException(file, null, "cannot read: " + e.getMessage());
        }
    }

    private void readAdmin(StrictNode admin, BalancerConfig.Builder builder) {
        HostPort listen = admin.parsed("listen", HostPort::parse).orElse(new HostPort("127.0.0.1", 8081));
        String token = admin.string("token")
                .orElseThrow(() -> admin.error("token", "is required when the admin API is on"));
        admin.rejectUnknown();
        checked(admin, null, token, value -> builder.admin(listen.host(), listen.port(), value));
    }

    private HealthSettings readHealth(StrictNode health) {
        HealthSettings defaults = HealthSettings.DEFAULTS;
        String path = health.string("path").orElse(defaults.path());
        Duration interval = health.duration("interval").orElse(defaults.interval());
        Duration timeout = health.duration("timeout").orElse(defaults.timeout());
        int rise = health.integer("rise").orElse(defaults.rise());
        int fall = health.integer("fall").orElse(defaults.fall());
        health.rejectUnknown();
        return checked(health, null, path, value -> new HealthSettings(value, interval, timeout, rise, fall));
    }

    private BackendSpec readBackend(StrictNode backend) {
        String id = backend.requiredString("id");
        URI url = backend.parsed("url", ConfigReader::uri).orElseThrow(() -> backend.error("url", "is required"));
        String version = backend.requiredString("version");
        int weight = backend.integer("weight").orElse(100);
        backend.rejectUnknown();
        return checked(backend, null, id, value -> new BackendSpec(value, url, version, weight));
    }

    /** {@code make} applied to {@code value}; its {@link IllegalArgumentException} names {@code field} of {@code node}. */
    private static <V, T> T checked(StrictNode node, String field, V value, Function<V, T> make) {
        try {
            return make.apply(value);
        } catch (IllegalArgumentException e) {
            throw node.error(field, e.getMessage());
        }
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
