package dev.tuesday.migrate.op;

/** {@code sql}: raw statements, run at start (or at complete when {@code onComplete}). */
public record RawSql(String up, String down, boolean onComplete) implements Operation {
    @Override
    public String kind() {
        return "sql";
    }
}
