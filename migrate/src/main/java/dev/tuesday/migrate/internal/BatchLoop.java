package dev.tuesday.migrate.internal;

import java.time.Duration;

/**
 * The backfill's batches run in the server: one {@code DO} block walks a table from its stored
 * progress for about a given time or a given number of batches (at least one), and each batch, in its own transaction,
 * updates the rows after the last key up to the key {@code size} rows ahead, stores that key as the
 * progress and commits, so a crash, a kill or a lock timeout neither loses nor repeats a batch,
 * and the next call resumes where the last commit left off. With no round trip between batches,
 * the client's JVM is idle while the server works. The block leaves each batch's time in
 * milliseconds, space-separated, in the session setting {@link #BATCH_MILLIS}, for the client to
 * size the next call's batches and report on them.
 *
 * <p>Every statement on the user's table runs through {@code EXECUTE … USING}: its text is ours
 * and fixed, the keys are parameters, and no name in the user's table or expressions can be taken
 * for one of the block's variables. Each such statement is planned with the keys it gets.
 *
 * @param table the table or partition, qualified
 * @param name its name in the stored progress
 * @param set the {@code SET} list of the batch's {@code UPDATE}
 */
record BatchLoop(String table, String name, String set, BatchWalk walk, String stateSchema, long migrationId) {

    /** The session setting where a call leaves its batches' times. */
    static final String BATCH_MILLIS = "tuesday.batch_ms";

    /**
     * The {@code DO} statement of one call: batches of {@code size} rows for about {@code call}, at
     * most {@code most} of them.
     */
    String call(int size, Duration call, int most) {
        String progress = stateSchema + ".backfills";
        String row = "migration_id = " + migrationId + " AND table_name = " + Sql.literal(name);
        String update = "UPDATE " + table + " SET " + set + " WHERE ";
        String body = """
                DECLARE
                  from_key text[];
                  to_key text[];
                  finished boolean;
                  changed bigint;
                  ran integer := 0;
                  began timestamptz;
                  ends timestamptz := clock_timestamp() + interval '%d milliseconds';
                  took text := '';
                BEGIN
                  SELECT last_key, done INTO from_key, finished FROM %s WHERE %s;
                  WHILE NOT finished LOOP
                    began := clock_timestamp();
                    IF from_key IS NULL THEN
                      EXECUTE %s INTO to_key;
                    ELSE
                      EXECUTE %s INTO to_key USING from_key;
                    END IF;
                    IF from_key IS NULL AND to_key IS NULL THEN
                      EXECUTE %s USING from_key, to_key;
                    ELSIF from_key IS NULL THEN
                      EXECUTE %s USING from_key, to_key;
                    ELSIF to_key IS NULL THEN
                      EXECUTE %s USING from_key, to_key;
                    ELSE
                      EXECUTE %s USING from_key, to_key;
                    END IF;
                    GET DIAGNOSTICS changed = ROW_COUNT;
                    UPDATE %s SET last_key = to_key, batches = batches + 1, rows = rows + changed,
                      done = to_key IS NULL, updated_at = now() WHERE %s;
                    COMMIT;
                    took := took || round(CAST(extract(epoch FROM clock_timestamp() - began) * 1000 AS numeric), 2) || ' ';
                    from_key := to_key;
                    ran := ran + 1;
                    finished := to_key IS NULL OR clock_timestamp() >= ends OR ran >= %d;
                  END LOOP;
                  PERFORM set_config('%s', took, false);
                END""".formatted(call.toMillis(), progress, row,
                Sql.dollarQuoted(walk.nextQuery(false, size)), Sql.dollarQuoted(walk.nextQuery(true, size)),
                Sql.dollarQuoted("UPDATE " + table + " SET " + set),
                Sql.dollarQuoted(update + walk.rangeQuery(false, true)),
                Sql.dollarQuoted(update + walk.rangeQuery(true, false)),
                Sql.dollarQuoted(update + walk.rangeQuery(true, true)),
                progress, row, most, BATCH_MILLIS);
        return "DO " + Sql.dollarQuoted(body);
    }
}
