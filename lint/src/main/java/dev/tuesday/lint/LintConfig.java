package dev.tuesday.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tuesday.lint.rules.Rule;
import dev.tuesday.lint.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code tuesday-lint.yaml} says: which rules run and how severe they are, the PostgreSQL
 * version the migrations target, the default {@code --fail-on}, and whether every file runs inside
 * a transaction.
 *
 * <pre>{@code
 * postgres: 16                 # target major version; default 18
 * failOn: locking              # advice | locking | breaking | none; default locking
 * assumeInTransaction: false   # the migration tool wraps each file in a transaction; default false
 * rules:
 *   prefer-text-field: off     # off | on | advice | locking | breaking
 *   require-table-schema: on
 * }</pre>
 *
 * @param postgresVersion the target major version (default 18): some rules depend on it
 * @param failOn the lowest severity that makes lint exit 1, or {@code null} for never
 * @param assumeInTransaction whether statements outside BEGIN/COMMIT still run in a transaction
 * @param severities the enabled rules and their severities
 */
public record LintConfig(int postgresVersion, Severity failOn, boolean assumeInTransaction,
        Map<String, Severity> severities) {

    /** The file name lint looks for in the working directory when no {@code --config} is given. */
    public static final String FILE_NAME = "tuesday-lint.yaml";

    private static final Set<String> KEYS = Set.of("postgres", "failOn", "assumeInTransaction", "rules");

    /** Copies the map. */
    public LintConfig {
        severities = Map.copyOf(severities);
    }

    /** Every rule at its default, PostgreSQL 18, fail on locking. */
    public static LintConfig defaults() {
        return new LintConfig(18, Severity.LOCKING, false, Rules.defaults());
    }

    /** This configuration with rule {@code id} off. */
    public LintConfig without(String id) {
        Map<String, Severity> m = new LinkedHashMap<>(severities);
        m.remove(id);
        return new LintConfig(postgresVersion, failOn, assumeInTransaction, m);
    }

    /** This configuration with rule {@code id} on at its default severity. */
    public LintConfig with(String id) {
        Map<String, Severity> m = new LinkedHashMap<>(severities);
        m.put(id, Rules.byId(id).severity());
        return new LintConfig(postgresVersion, failOn, assumeInTransaction, m);
    }

    /** This configuration targeting another PostgreSQL major version. */
    public LintConfig targeting(int major) {
        return new LintConfig(major, failOn, assumeInTransaction, severities);
    }

    /**
     * Reads {@code file}.
     *
     * @throws LintException naming the file and the field when it cannot be read or is wrong
     */
    public static LintConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new LintException(file + ": cannot read the lint configuration: " + firstLine(e.getMessage()), e);
        }
        LintConfig c = defaults();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return c;
        }
        if (!root.isObject()) {
            throw new LintException(file + ": the lint configuration must be a mapping of " + KEYS);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new LintException(file + ": unknown field '" + key + "' (expected one of postgres, failOn, "
                        + "assumeInTransaction, rules)");
            }
        }
        int pg = c.postgresVersion();
        if (root.has("postgres")) {
            JsonNode v = root.get("postgres");
            if (!v.canConvertToInt() || v.asInt() < 9 || v.asInt() > 30) {
                throw new LintException(file + ": postgres must be a major version such as 16, not '" + v.asText() + "'");
            }
            pg = v.asInt();
        }
        Severity failOn = c.failOn();
        if (root.has("failOn")) {
            failOn = parseFailOn(root.get("failOn").asText(), file + ": failOn");
        }
        boolean inTx = root.path("assumeInTransaction").asBoolean(false);
        Map<String, Severity> severities = new LinkedHashMap<>(c.severities());
        JsonNode rules = root.path("rules");
        if (!rules.isMissingNode() && !rules.isObject()) {
            throw new LintException(file + ": rules must map rule ids to off, on, advice, locking or breaking");
        }
        for (Map.Entry<String, JsonNode> e : rules.properties()) {
            Rule rule = Rules.byId(e.getKey());
            if (rule == null) {
                throw new LintException(file + ": rules." + e.getKey() + ": no such rule");
            }
            JsonNode v = e.getValue();
            String text = v.isBoolean() ? (v.asBoolean() ? "on" : "off") : v.asText().strip().toLowerCase(java.util.Locale.ROOT);
            switch (text) {
                case "off", "false", "no" -> severities.remove(rule.id());
                case "on", "true", "yes" -> severities.put(rule.id(), rule.severity());
                default -> {
                    try {
                        severities.put(rule.id(), Severity.parse(text));
                    } catch (IllegalArgumentException ex) {
                        throw new LintException(file + ": rules." + e.getKey() + ": '" + text
                                + "' is not off, on, advice, locking or breaking");
                    }
                }
            }
        }
        return new LintConfig(pg, failOn, inTx, severities);
    }

    /**
     * Reads a {@code --fail-on} value: a severity or {@code none}.
     *
     * @throws LintException naming {@code where} when the value is none of them
     */
    public static Severity parseFailOn(String text, String where) {
        if (text.strip().equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LintException(where + ": '" + text + "' is not advice, locking, breaking or none");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
