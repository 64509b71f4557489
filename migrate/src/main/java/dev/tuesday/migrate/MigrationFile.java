package dev.tuesday.migrate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tuesday.common.StrictYaml;
import dev.tuesday.common.StrictYamlException;
import dev.tuesday.migrate.op.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads migration files in pgroll's format (YAML or JSON) into {@link Migration}s, and writes a
 * migration's operations back as JSON.
 *
 * <p>Reading is strict: an unknown operation or field, a value of the wrong type, a missing
 * required field or a value outside its set fails with a {@link MigrationFileException} whose
 * one-line message names the file and the path in it, e.g.
 * {@code 02_x.yaml: operations[1].alter_column: unknown field "nulable" (did you mean "nullable"?)}.
 * Fields left out take the format's defaults (a column is {@code nullable: false}, a foreign key's
 * actions are {@code NO ACTION}, an index's method is {@code btree}).
 *
 * <p>A migration's name is its file name without the extension unless the file gives
 * {@code name}; its checksum is the SHA-256 of the file's bytes, in lower-case hex.
 */
public final class MigrationFile {

    /** The two syntaxes of a migration file. */
    public enum Format {
        /** {@code .yaml} or {@code .yml}. */
        YAML,
        /** {@code .json}. */
        JSON;

        /** The format a file name's extension selects, or null for any other extension. */
        public static Format of(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                return YAML;
            }
            return lower.endsWith(".json") ? JSON : null;
        }
    }

    private static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final ObjectMapper YAML_MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * How Tuesday writes a migration file it makes ({@code create}, {@code convert},
     * {@code baseline}): block style like the examples, no document marker, every scalar a string
     * as written (a default of {@code 0} stays the SQL text {@code 0}), SQL of several lines as a
     * literal block that reads as it was written.
     */
    private static final ObjectMapper YAML_WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private MigrationFile() {
    }

    /** {@code migration} (an object with {@code operations}) as the YAML text of a migration file. */
    public static String yaml(JsonNode migration) {
        try {
            return YAML_WRITER.writeValueAsString(migration);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of strings always serializes", e);
        }
    }

    /**
     * Reads one migration file; its extension ({@code .yaml}, {@code .yml}, {@code .json}) picks
     * the syntax. Messages name the file by its file name.
     *
     * @throws MigrationFileException if the file cannot be read or is not a valid migration
     */
    public static Migration read(Path file) {
        String name = String.valueOf(file.getFileName());
        Format format = Format.of(name);
        if (format == null) {
            throw new MigrationFileException(name, "", "not a migration file: expected a .yaml, .yml or .json extension");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MigrationFileException(name, "", 0, 0, "cannot read " + file + ": " + e, e);
        }
        return parse(bytes, name, format);
    }

    /**
     * Reads every {@code .yaml}, {@code .yml} and {@code .json} file of {@code dir} (not its
     * sub-folders), in file-name order; other files are ignored. Two files giving the same
     * migration name are an error.
     *
     * @throws MigrationFileException if the folder or one of its files cannot be read
     */
    public static List<Migration> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MigrationFileException(String.valueOf(dir), "", "not a folder of migration files");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> Files.isRegularFile(p) && Format.of(p.getFileName().toString()) != null)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new MigrationFileException(String.valueOf(dir), "", 0, 0, "cannot list the folder: " + e, e);
        }
        List<Migration> migrations = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path file : files) {
            Migration migration = read(file);
            String earlier = seen.putIfAbsent(migration.name(), migration.source());
            if (earlier != null) {
                throw new MigrationFileException(migration.source(), "", "migration name \"" + migration.name()
                        + "\" is already used by " + earlier);
            }
            migrations.add(migration);
        }
        return migrations;
    }

    /**
     * Parses migration text held in memory; {@code sourceName} (e.g. {@code 02_x.yaml}) names it
     * in messages and, without its extension, gives the default migration name.
     *
     * @throws MigrationFileException if the text is not a valid migration
     */
    public static Migration parse(String text, String sourceName, Format format) {
        return parse(text.getBytes(StandardCharsets.UTF_8), sourceName, format);
    }

    private static Migration parse(byte[] bytes, String sourceName, Format format) {
        JsonNode tree = tree(bytes, sourceName, format);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new MigrationFileException(sourceName, "", "the file is empty; expected an object with \"operations\"");
        }
        // "$schema" points editors at the JSON schema; pgroll writes it into its JSON files.
        FormatNode root = FormatNode.root(sourceName, tree, "$schema", "name", "version_schema", "operations");
        String name = root.optionalString("name");
        List<FormatNode> entries = root.array("operations", true);
        List<Operation> operations = entries.stream().map(OperationReader::read).toList();
        return new Migration(name == null ? baseName(sourceName) : name, root.optionalString("version_schema"),
                operations, sha256(bytes), sourceName, new String(bytes, StandardCharsets.UTF_8));
    }

    private static JsonNode tree(byte[] bytes, String sourceName, Format format) {
        try {
            JsonNode tree = (format == Format.YAML ? YAML_MAPPER : JSON_MAPPER).readTree(bytes);
            if (format == Format.YAML) {
                // An alias would be read as its name, a string: `up: *expr` would become SQL "expr".
                StrictYaml.refuseAnchorsAndAliases(new String(bytes, StandardCharsets.UTF_8));
            }
            return tree;
        } catch (StrictYamlException e) {
            throw new MigrationFileException(sourceName, e.field(), e.problem());
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(0, at.getLineNr());
            int column = at == null ? 0 : Math.max(0, at.getColumnNr());
            String reason = firstLine(e.getOriginalMessage());
            // SnakeYAML puts the context first ("while parsing a flow sequence") and the problem
            // after; the problem and its own position are what the user needs.
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
                String context = yaml.getContext() == null ? "" : " (" + firstLine(yaml.getContext()) + ")";
                reason = firstLine(yaml.getProblem()) + context;
                if (yaml.getProblemMark() != null) {
                    line = yaml.getProblemMark().getLine() + 1;
                    column = yaml.getProblemMark().getColumn() + 1;
                }
            }
            throw new MigrationFileException(sourceName, "", line, column,
                    "malformed " + format + ": " + reason, e);
        } catch (IOException e) {
            throw new MigrationFileException(sourceName, "", 0, 0, "cannot read: " + e, e);
        }
    }

    private static String baseName(String sourceName) {
        int dot = sourceName.lastIndexOf('.');
        return dot > 0 ? sourceName.substring(0, dot) : sourceName;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable text";
        }
        String first = message.strip().lines().findFirst().orElse("");
        return first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
