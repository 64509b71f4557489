package dev.tuesday.migrate;

/** Migrations for tests, written as the YAML a user would write. */
public final class Migrations {

    private Migrations() {
    }

    /** Parses {@code yaml} as the file {@code name}.yaml. */
    public static Migration yaml(String name, String yaml) {
        return MigrationFile.parse(yaml, name + ".yaml", MigrationFile.Format.YAML);
    }

    /** The running example's first migration: users(id identity pk, name, email). */
    public static Migration createUsers() {
        return yaml("01_create_users", """
                operations:
                  - create_table:
                      name: users
                      columns:
                        - name: id
                          type: bigint
                          pk: true
                          generated:
                            identity:
                              user_specified_values: BY DEFAULT
                        - name: name
                          type: text
                          nullable: true
                        - name: email
                          type: text
                          nullable: true
                """);
    }

    /** {@code name}: one nullable text {@code column} added to users, filled by {@code up} (an expression without {@code "}). */
    public static Migration addTextColumn(String name, String column, String up) {
        return yaml(name, """
                operations:
                  - add_column:
                      table: users
                      up: "%s"
                      column: {name: %s, type: text, nullable: true}
                """.formatted(up, column));
    }

    /** The running example's second migration as a rename. */
    public static Migration renameName() {
        return yaml("02_full_name", """
                operations:
                  - rename_column:
                      table: users
                      from: name
                      to: full_name
                """);
    }

    /** The same change as an added column filled by {@code up} and a dropped one filled by {@code down}. */
    public static Migration addFullNameDropName() {
        return yaml("02_full_name", """
                operations:
                  - add_column:
                      table: users
                      up: name
                      column:
                        name: full_name
                        type: text
                        nullable: true
                  - drop_column:
                      table: users
                      column: name
                      down: full_name
                """);
    }
}
