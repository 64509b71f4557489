package dev.tuesday.migrate.operations;

import static dev.tuesday.migrate.operations.Setups.TEAMS;
import static dev.tuesday.migrate.operations.Setups.TEAMS_SEED;

import java.util.List;

/**
 * A foreign key {@code users_team_fk} from {@code users.team_id} to {@code teams.id}, whose {@code up}
 * clears the team ids with no team: every operation that adds it must give these views, writes and
 * reads, whichever operation it is.
 */
final class TeamForeignKey {

    private TeamForeignKey() {
    }

    /** The case {@code name}, adding the key by {@code change} on {@link Setups#TEAMS}. */
    static OperationCase of(String name, String change) {
        return OperationCase.of(name, TEAMS, TEAMS_SEED, change)
                .views("users", List.of("id", "name", "team_id"), "users", List.of("id", "name", "team_id"))
                .writes("INSERT INTO users (name, team_id) VALUES ('cat', 77)",
                        "INSERT INTO users (name, team_id) VALUES ('dan', 2)")
                .rejects("INSERT INTO users (name, team_id) VALUES ('eve', 42)")
                .oldReads("SELECT id, team_id FROM users ORDER BY id", "1|1", "2|99", "3|77", "4|2")
                .newReads("SELECT id, team_id FROM users ORDER BY id", "1|1", "2|null", "3|null", "4|2")
                .afterComplete(Catalog.constraints("public.users"), "users_pkey|p|t", "users_team_fk|f|t");
    }
}
