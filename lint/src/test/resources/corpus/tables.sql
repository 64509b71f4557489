-- Corpus: tables, schemas and other objects.

-- case: renaming a table breaks v1
-- expect: renaming-table
ALTER TABLE users RENAME TO customers;

-- case: renaming a new table is harmless
-- near: renaming-table
-- expect: none
CREATE TABLE import_tmp (line text);
ALTER TABLE import_tmp RENAME TO imports;

-- case: dropping a table breaks v1
-- expect: ban-drop-table
DROP TABLE users;

-- case: dropping several tables, one of them new
-- expect: ban-drop-table
CREATE TABLE scratch_rows (v text);
DROP TABLE IF EXISTS scratch_rows, old_sessions CASCADE;

-- case: dropping a table the migration created itself
-- near: ban-drop-table
-- expect: none
CREATE TABLE tmp_ids (v bigint);
DROP TABLE tmp_ids;

-- case: a migration drops a database
-- expect: ban-drop-database
DROP DATABASE analytics;

-- case: dropping a role is not dropping a database
-- near: ban-drop-database
-- expect: none
DROP ROLE IF EXISTS reporting;

-- case: TRUNCATE CASCADE empties referencing tables
-- expect: ban-truncate-cascade
TRUNCATE TABLE sessions CASCADE;

-- case: plain TRUNCATE of a named table is not CASCADE, but still empties it
-- near: ban-truncate-cascade
-- expect: ban-truncate
TRUNCATE sessions;

-- case: renaming a schema
-- expect: renaming-schema
ALTER SCHEMA app RENAME TO app_v1;

-- case: changing a schema's owner is not a rename
-- near: renaming-schema
-- expect: none
ALTER SCHEMA app OWNER TO app_owner;

-- case: dropping a schema
-- expect: ban-drop-schema
DROP SCHEMA legacy CASCADE;

-- case: creating a schema
-- near: ban-drop-schema
-- expect: none
CREATE SCHEMA IF NOT EXISTS reporting;

-- case: moving a table to another schema
-- expect: ban-set-schema
ALTER TABLE users SET SCHEMA archive;

-- case: setting a storage parameter is not SET SCHEMA
-- near: ban-set-schema
-- expect: none
ALTER TABLE users SET (fillfactor = 90);

-- case: renaming a view
-- expect: renaming-object
ALTER VIEW active_users RENAME TO current_users;

-- case: renaming a function
-- expect: renaming-object
ALTER FUNCTION touch_updated_at() RENAME TO set_updated_at;

-- case: changing a view's owner
-- near: renaming-object
-- expect: none
ALTER VIEW active_users OWNER TO app_owner;

-- case: VACUUM FULL rewrites under ACCESS EXCLUSIVE
-- expect: ban-vacuum-full
VACUUM FULL users;

-- case: VACUUM (FULL) with options
-- expect: ban-vacuum-full
VACUUM (FULL, ANALYZE) users;

-- case: VACUUM (FULL FALSE) does not rewrite
-- near: ban-vacuum-full
-- expect: none
VACUUM (FULL FALSE) users;

-- case: VACUUM (ANALYZE, FULL off) does not rewrite
-- near: ban-vacuum-full
-- expect: none
VACUUM (ANALYZE, FULL off) users;

-- case: VACUUM (FULL true) rewrites
-- expect: ban-vacuum-full
VACUUM (VERBOSE, FULL true) users;

-- case: plain VACUUM ANALYZE
-- near: ban-vacuum-full
-- expect: none
VACUUM ANALYZE users;

-- case: CLUSTER rewrites
-- expect: ban-cluster
CLUSTER users USING users_pkey;

-- case: ANALYZE is not CLUSTER
-- near: ban-cluster
-- expect: none
ANALYZE users;

-- case: an explicit LOCK
-- expect: lock-table, missing-lock-timeout
LOCK TABLE users IN ACCESS EXCLUSIVE MODE;

-- case: SELECT … FOR UPDATE is not LOCK TABLE
-- near: lock-table
-- expect: none
SELECT id FROM users WHERE id = 1 FOR UPDATE;

-- case: refreshing a materialized view blocks its readers
-- expect: refresh-materialized-view
REFRESH MATERIALIZED VIEW daily_totals;

-- case: REFRESH … CONCURRENTLY
-- near: refresh-materialized-view
-- expect: none
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;

-- case: SET LOGGED rewrites the table
-- expect: rewrites-table
ALTER TABLE events SET LOGGED;

-- case: SET TABLESPACE rewrites the table
-- expect: rewrites-table
ALTER TABLE events SET TABLESPACE fast_disk;

-- case: SET STATISTICS does not rewrite
-- near: rewrites-table
-- expect: none
ALTER TABLE events ALTER COLUMN kind SET STATISTICS 500;

-- case: measured: SET UNLOGGED rewrites the table
-- measured
-- setup: CREATE TABLE events (id bigint PRIMARY KEY, kind text);
-- expect: rewrites-table
ALTER TABLE events SET UNLOGGED;

-- case: backfilling a whole table in one UPDATE
-- expect: unbatched-backfill
UPDATE users SET full_name = name;

-- case: a batch of the backfill
-- near: unbatched-backfill
-- expect: none
UPDATE users SET full_name = name WHERE id BETWEEN 1 AND 10000 AND full_name IS NULL;

-- case: deleting every row
-- expect: unbatched-backfill
DELETE FROM sessions;

-- case: measured: TRUNCATE is its own finding, not a rewrite
-- measured
-- setup: CREATE TABLE sessions (id bigint PRIMARY KEY, token text);
-- near: rewrites-table
-- expect: ban-truncate
TRUNCATE TABLE ONLY sessions RESTART IDENTITY;

-- case: truncating a table this file created is harmless
-- near: ban-truncate
-- expect: none
CREATE TABLE import_rows (line text);
TRUNCATE import_rows;
