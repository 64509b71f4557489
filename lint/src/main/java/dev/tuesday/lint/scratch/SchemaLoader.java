package dev.tuesday.lint.scratch;

import dev.tuesday.lint.LintException;
import dev.tuesday.lint.MigrationFiles;
import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.lint.sql.Statement;
import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.sql.SqlSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Builds the starting schema on a scratch database: from SQL files, folders of migrations (SQL or
 * Tuesday operations), or a copy of a live database's schema.
 */
public final class SchemaLoader {

    private final ScratchDatabase db;

    /** A loader onto {@code db}. */
    public SchemaLoader(ScratchDatabase db) {
        this.db = db;
    }

    /**
     * Applies a SQL file, an operation file, or every migration of a folder in order.
     *
     * @throws LintException naming the file and line of the statement that failed
     */
    public void applyPath(Path path) {
        if (Files.isDirectory(path)) {
            for (Path f : MigrationFiles.inFolder(path)) {
                applyFile(f);
            }
        } else {
            applyFile(path);
        }
    }

    /**
     * Applies {@code path} as {@link #applyPath} does, except that when it is the folder holding
     * {@code migration}, only the migrations that run before {@code migration} are applied: the
     * schema that migration will meet.
     */
    public void applyPathBefore(Path path, Path migration) {
        Path folder = path.toAbsolutePath().normalize();
        Path parent = migration.toAbsolutePath().normalize().getParent();
        if (Files.isDirectory(path) && folder.equals(parent)) {
            for (Path f : MigrationFiles.preceding(migration)) {
                applyFile(f);
            }
        } else {
            applyPath(path);
        }
    }

    /**
     * Applies one migration file: SQL statement by statement, or operations started and completed.
     *
     * @throws LintException naming the file and line of the statement that failed
     */
    public void applyFile(Path file) {
        if (MigrationFiles.isOperations(file)) {
            OperationRunner.startAndComplete(db, file);
            return;
        }
        String sql;
        try {
            sql = Files.readString(file);
        } catch (IOException e) {
            throw new LintException(file + ": cannot read: " + e.getMessage(), e);
        }
        applySql(file.toString(), sql);
    }

    /**
     * Applies SQL text named {@code name}.
     *
     * @throws LintException naming the file and line of the statement that failed
     */
    public void applySql(String name, String sql) {
        List<Statement> statements;
        try {
            statements = SqlScript.parse(name, sql, false).statements();
        } catch (SqlSyntaxException e) {
            throw new LintException(name + ":" + e.line() + ": " + e.getMessage());
        }
        for (Statement s : statements) {
            try {
                db.apply(s);
            } catch (SQLException e) {
                throw new LintException(name + ":" + s.line() + ": the starting schema does not load: "
                        + firstLine(e.getMessage()));
            }
        }
    }

    /**
     * Copies the schema (not the data) of the database at {@code url}: extensions, schemas, enum
     * types, sequences, tables with defaults and constraints, indexes and views. Objects that do
     * not load on the scratch server are skipped.
     *
     * @throws LintException when the database cannot be reached
     */
    public List<String> copyFrom(String url) {
        try (Connection live = DriverManager.getConnection(url)) {
            live.setReadOnly(true);
            List<String> ddl = SchemaCopy.ddl(live);
            List<String> skipped = new java.util.ArrayList<>();
            for (String statement : ddl) {
                try (java.sql.Statement st = db.connection().createStatement()) {
                    st.execute(statement);
                } catch (SQLException e) {
                    skipped.add(firstLine(e.getMessage()));
                }
            }
            return skipped;
        } catch (SQLException | MigrationException e) {
            throw new LintException("--url: cannot read the schema: " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.startsWith("ERROR: ") ? message.substring(7) : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
