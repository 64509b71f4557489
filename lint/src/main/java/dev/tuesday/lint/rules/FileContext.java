package dev.tuesday.lint.rules;

import dev.tuesday.lint.Finding;
import dev.tuesday.lint.Measurement;
import dev.tuesday.lint.Severity;
import dev.tuesday.lint.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules know about the file being linted while they walk its statements: what it created,
 * which timeouts it set, the measurement of the current statement; and where findings go.
 */
public final class FileContext {

    private final String file;
    private final int postgresVersion;
    private final Map<String, Severity> severities;
    private final Map<String, String> fileIgnores;
    private final List<Finding> findings = new ArrayList<>();
    final Set<String> createdTables = new HashSet<>();
    /** {@code table.constraint} → column of each {@code CHECK (column IS NOT NULL)} this file added. */
    final Map<String, String> notNullChecks = new HashMap<>();
    /** {@code table.column} of each column a valid {@code CHECK (column IS NOT NULL)} now covers. */
    final Set<String> provenNotNull = new HashSet<>();
    /** {@code table.constraint} of each constraint validated here that this file did not add. */
    final Set<String> validatedElsewhere = new HashSet<>();
    final Set<String> notValidInTransaction = new HashSet<>();
    final Set<String> reportedOnce = new HashSet<>();
    boolean lockTimeoutSet;
    boolean statementTimeoutSet;
    int transactionDepth;
    private Measurement measurement;
    private Statement current;
    private final List<String> currentRules = new ArrayList<>();

    /**
     * A context for one file.
     *
     * @param file the file's name for findings
     * @param postgresVersion the major version the migration targets
     * @param severities the severity of each enabled rule (after configuration)
     * @param fileIgnores rules silenced for the whole file
     */
    public FileContext(String file, int postgresVersion, Map<String, Severity> severities,
            Map<String, String> fileIgnores) {
        this.file = file;
        this.postgresVersion = postgresVersion;
        this.severities = severities;
        this.fileIgnores = fileIgnores;
    }

    /** The major PostgreSQL version the migration targets. */
    public int postgresVersion() {
        return postgresVersion;
    }

    /** The scratch database's measurement of the current statement, or {@code null} (rules alone). */
    public Measurement measurement() {
        return measurement;
    }

    /** Sets the measurement of the statement the rules look at next. */
    public void measured(Measurement m) {
        this.measurement = m;
    }

    /** Whether {@code table} (its own name) was created earlier in this file: nobody uses it yet. */
    public boolean isNew(String table) {
        return table != null && createdTables.contains(table);
    }

    /** Whether rule {@code id} is enabled. */
    public boolean enabled(String id) {
        return severities.containsKey(id);
    }

    /** Records a finding of rule {@code id} on {@code s} unless the rule is off or silenced. */
    public void report(String id, Statement s, int line, String message, String fix) {
        Severity severity = severities.get(id);
        if (severity == null || s.ignores(id) || fileIgnores.containsKey(id) || fileIgnores.containsKey("all")) {
            return;
        }
        findings.add(new Finding(id, severity, file, line, message, fix, measurement));
        if (current != s) {
            current = s;
            currentRules.clear();
        }
        currentRules.add(id);
    }

    /** The rule ids reported so far on {@code s}. */
    public List<String> reportedOn(Statement s) {
        return current == s ? List.copyOf(currentRules) : List.of();
    }

    /** Records a finding not tied to a statement (a directive, a parse error). */
    public void reportAt(String id, int line, String message, String fix) {
        Severity severity = severities.get(id);
        if (severity == null || fileIgnores.containsKey(id)) {
            return;
        }
        findings.add(new Finding(id, severity, file, line, message, fix, null));
    }

    /** The findings so far, in order. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /**
     * Whether a valid {@code CHECK (column IS NOT NULL)} on {@code table} lets {@code SET NOT NULL}
     * skip its scan: one this file added and validated, or one added before this file whose name
     * names the column (the only trace of its column a file gives).
     */
    boolean provenNotNull(String table, String column) {
        return provenNotNull.contains(table + "." + column) || validatedElsewhere.stream()
                .anyMatch(c -> c.startsWith(table + ".") && c.substring(table.length() + 1).contains(column));
    }
}
