package dev.tuesday.migrate.operations;

import java.util.List;

/** The schemas the cases start from: set-up migrations and their seed rows. */
final class Setups {

    private Setups() {
    }

    /** users(id identity pk, name, email, age text), all nullable. */
    static final String USERS = """
            operations:
              - create_table:
                  name: users
                  columns:
                    - {name: id, type: bigint, pk: true, generated: {identity: {user_specified_values: BY DEFAULT}}}
                    - {name: name, type: text, nullable: true}
                    - {name: email, type: text, nullable: true}
                    - {name: age, type: text, nullable: true}
            """;

    /** Two users: ann with every column, bob with only a name. */
    static final String USERS_SEED = "INSERT INTO users (name, email, age) VALUES ('ann', 'ann@example.com', '30'),"
            + " ('bob', NULL, NULL)";

    static final List<String> USER_COLUMNS = List.of("id", "name", "email", "age");

    /** USERS plus teams(id pk, title) and users.team_id. */
    static final String TEAMS = """
            operations:
              - create_table:
                  name: teams
                  columns:
                    - {name: id, type: bigint, pk: true}
                    - {name: title, type: text}
              - create_table:
                  name: users
                  columns:
                    - {name: id, type: bigint, pk: true, generated: {identity: {user_specified_values: BY DEFAULT}}}
                    - {name: name, type: text, nullable: true}
                    - {name: team_id, type: bigint, nullable: true}
            """;

    /** Teams 1 and 2; ann in team 1, bob in a team 99 that does not exist (no foreign key yet). */
    static final String TEAMS_SEED = "INSERT INTO teams VALUES (1, 'core'), (2, 'ops');"
            + " INSERT INTO users (name, team_id) VALUES ('ann', 1), ('bob', 99)";

    /** A migration of the given operations (YAML list items, indented by two). */
    static String operations(String items) {
        return "operations:\n" + items.stripIndent().lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b)
                .orElseThrow() + "\n";
    }
}
