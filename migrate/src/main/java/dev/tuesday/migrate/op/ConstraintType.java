package dev.tuesday.migrate.op;

/** The kinds of constraint the format knows, by their file spelling. */
public enum ConstraintType {
    UNIQUE("unique"), CHECK("check"), PRIMARY_KEY("primary_key"), FOREIGN_KEY("foreign_key"), EXCLUDE("exclude");

    private final String spelling;

    ConstraintType(String spelling) {
        this.spelling = spelling;
    }

    /** The word used in migration files. */
    public String spelling() {
        return spelling;
    }
}
