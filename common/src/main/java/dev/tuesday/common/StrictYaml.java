package dev.tuesday.common;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads Tuesday's YAML files (the balancer's configuration, release plans; migration files only
 * through {@link #refuseAnchorsAndAliases}) strictly, into a tree
 * the callers then read field by field.
 *
 * <p>What YAML would otherwise let through silently is refused, each time naming the field:
 * <ul>
 *   <li>a key written twice in one mapping (the last one would win, unnoticed);</li>
 *   <li>anchors ({@code &name}) and aliases ({@code *name}, {@code <<: *name}): the tree would
 *       hold the alias's name as a string instead of the value it stands for;</li>
 *   <li>a file larger than {@link #MAX_BYTES}: these files are a few lines long.</li>
 * </ul>
 */
public final class StrictYaml {
    /** The largest file read, 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictYaml() {
    }

    /**
     * Reads {@code file}; an empty file gives {@code null}.
     *
     * @throws IOException when the file cannot be read ({@link java.nio.file.NoSuchFileException} when it is missing)
     * @throws StrictYamlException when it is too large, not YAML, or uses what is refused here
     */
    public static JsonNode read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Reads one byte past the limit, so a larger file is known without reading it all.
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new StrictYamlException(null, "the file is larger than " + MAX_BYTES + " bytes (1 MiB)");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Reads YAML text; empty text gives {@code null}.
     *
     * @throws StrictYamlException when it is too large, not YAML, or uses what is refused here
     */
    public static JsonNode parse(String text) {
        if (text.length() > MAX_BYTES) {
            throw new StrictYamlException(null, "the text is larger than " + MAX_BYTES + " characters (1 MiB)");
        }
        try {
            refuseAliasesAndDuplicates(text);
            return YAML.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new StrictYamlException(null, "not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from a string failed", e);
        }
    }

    /**
     * Refuses anchors and aliases (and a key written twice) in YAML text that parses, for readers
     * that parse it themselves (migration files).
     *
     * @throws StrictYamlException naming the field that has one
     */
    public static void refuseAnchorsAndAliases(String text) {
        try {
            refuseAliasesAndDuplicates(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new StrictYamlException(null, "not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from a string failed", e);
        }
    }

    /** Walks every token once: duplicate keys fail in the parser, anchors and aliases here. */
    private static void refuseAliasesAndDuplicates(String text) throws IOException {
        try (JsonParser parser = YAML.createParser(text)) {
            YAMLParser yaml = (YAMLParser) parser;
            JsonToken token;
            while (true) {
                try {
                    token = parser.nextToken();
                } catch (JacksonException e) {
                    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                        throw new StrictYamlException(field(parser.getParsingContext(), JsonToken.FIELD_NAME),
                                "is written twice in the same mapping (line " + e.getLocation().getLineNr() + ")");
                    }
                    throw e;
                }
                if (token == null) {
                    return;
                }
                if (yaml.isCurrentAlias()) {
                    throw new StrictYamlException(field(parser.getParsingContext(), token),
                            "is the YAML alias *" + parser.getText() + " (line " + parser.currentLocation().getLineNr()
                                    + "); anchors and aliases are not supported: write the value out");
                }
                if (yaml.getCurrentAnchor() != null) {
                    throw new StrictYamlException(field(parser.getParsingContext(), token),
                            "has the YAML anchor &" + yaml.getCurrentAnchor() + " (line " + parser.currentLocation().getLineNr()
                                    + "); anchors and aliases are not supported: write the value out");
                }
            }
        }
    }

    /**
     * The dotted path of the current token ({@code backends[1].url}), {@code null} at the top.
     * A start token opens a new context: its own name is in the parent.
     */
    private static String field(JsonStreamContext context, JsonToken token) {
        JsonStreamContext at = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY ? context.getParent() : context;
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
            String step = c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]" : c.getCurrentName();
            if (step != null) {
                path.insert(0, path.isEmpty() || path.charAt(0) == '[' ? step : step + ".");
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
