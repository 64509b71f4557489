package dev.tuesday.lint;

import dev.tuesday.lint.rules.FileContext;
import dev.tuesday.lint.rules.Rules;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.AlterColumn;
import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.Operation;
import dev.tuesday.migrate.op.RawSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lints a Tuesday (pgroll) operation file. Operations are safe by construction — Tuesday plans each
 * one to keep the running version working — so what is left to lint is the SQL they carry
 * ({@code sql} operations run as written) and the types chosen for new columns.
 */
final class OperationLint {

    private OperationLint() {}

    static List<Finding> lint(Path file, LintConfig config, Linter linter) {
        String name = file.toString();
        Migration migration;
        List<String> lines;
        try {
            migration = MigrationFile.read(file);
            lines = Files.readAllLines(file);
        } catch (MigrationException e) {
            FileContext ctx = new FileContext(name, config.postgresVersion(), config.severities(), Map.of());
            ctx.reportAt(Rules.SYNTAX_ERROR, lineOf(e.getMessage()), e.getMessage(), "fix the migration file");
            return ctx.findings();
        } catch (IOException e) {
            throw new LintException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<Finding> out = new ArrayList<>();
        for (Operation op : migration.operations()) {
            switch (op) {
                case RawSql sql -> {
                    if (sql.up() != null) {
                        int offset = find(lines, firstLine(sql.up())) - 1;
                        for (Finding f : linter.lintSql(name, sql.up(), null, false)) {
                            out.add(shift(f, offset));
                        }
                    }
                }
                case CreateTable t -> out.addAll(columns(linter, name, lines, t.name(), t.columns()));
                case AddColumn a -> out.addAll(columns(linter, name, lines, a.table(), List.of(a.column())));
                case AlterColumn a when a.type() != null -> out.addAll(columns(linter, name, lines, a.table(),
                        List.of(new Column(a.column(), a.type(), true, false, false, null, null, null, null, null))));
                default -> { }
            }
        }
        return out;
    }

    /** Type rules on new columns, through the CREATE TABLE they amount to. */
    private static List<Finding> columns(Linter linter, String file, List<String> lines, String table, List<Column> columns) {
        List<Finding> out = new ArrayList<>();
        for (Column c : columns) {
            String ddl = "CREATE TABLE " + quote(table) + " (" + quote(c.name()) + " " + c.type()
                    + (c.pk() ? " PRIMARY KEY" : "") + (c.references() != null ? " REFERENCES " + quote(c.references().table()) : "")
                    + ")";
            int line = find(lines, c.name());
            for (Finding f : linter.lintSql(file, ddl, null, false)) {
                if (f.rule().startsWith("prefer-") || f.rule().equals("ban-char-field") || f.rule().equals("identifier-too-long")) {
                    out.add(new Finding(f.rule(), f.severity(), f.file(), line, f.message(), f.fix(), null));
                }
            }
        }
        return out;
    }

    private static Finding shift(Finding f, int offset) {
        return new Finding(f.rule(), f.severity(), f.file(), f.line() + Math.max(0, offset), f.message(),
                f.fix() + " (a sql operation runs as written: prefer Tuesday's operations)", f.measurement());
    }

    private static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    private static String firstLine(String text) {
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                return l.strip();
            }
        }
        return text.strip();
    }

    private static int find(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        return 1;
    }

    private static int lineOf(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[^:]+:(\\d+):").matcher(message == null ? "" : message);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }
}
