package dev.tuesday.lint.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuesday.migrate.MigrationFile;
import java.io.UncheckedIOException;

/**
 * A {@link Conversion} as the text of a migration file, in the shape of the project's examples
 * ({@code operations:} and one entry per operation). YAML starts with comments listing the values
 * left for a person and the statements left out; JSON has no comments, so those are only in what
 * {@code convert} reports. Every string is written as a string, so a default of {@code 0} or
 * {@code true} is read back as the SQL text it was.
 */
public final class MigrationText {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private MigrationText() {}

    /** The conversion as YAML, with its TODOs and left-out statements as leading comments. */
    public static String yaml(Conversion conversion) {
        StringBuilder text = new StringBuilder("# Converted from " + conversion.source() + ".\n");
        if (!conversion.todos().isEmpty()) {
            text.append("# Write each value starting with \"TODO:\" before starting this migration:\n");
            conversion.todos().forEach(path -> text.append("#   ").append(path).append('\n'));
        }
        if (!conversion.unconverted().isEmpty()) {
            text.append("# Not converted (write these by hand):\n");
            conversion.unconverted().forEach(u -> text.append("#   line ").append(u.line()).append(": ")
                    .append(u.statement()).append('\n'));
        }
        return text.append(MigrationFile.yaml(tree(conversion))).toString();
    }

    /** The conversion as JSON. */
    public static String json(Conversion conversion) {
        return write(JSON, tree(conversion)) + "\n";
    }

    private static ObjectNode tree(Conversion conversion) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode operations = root.putArray("operations");
        conversion.operations().forEach(op -> operations.addObject().set(op.kind(), op.body()));
        return root;
    }

    private static String write(ObjectMapper mapper, ObjectNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of strings always serializes", e);
        }
    }
}
