-- Corpus: how the migration runs: timeouts, transactions, directives, syntax.

-- case: no lock_timeout before locking an existing table
-- expect: missing-lock-timeout, missing-statement-timeout
ALTER TABLE users ADD COLUMN full_name text;

-- case: timeouts set first
-- near: missing-lock-timeout
-- near: missing-statement-timeout
-- expect: none
SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE users ADD COLUMN full_name text;

-- case: SET LOCAL inside a transaction counts
-- config: +missing-lock-timeout
-- near: missing-lock-timeout
-- expect: none
BEGIN;
SET LOCAL lock_timeout TO '2s';
ALTER TABLE users ADD COLUMN full_name text;
COMMIT;

-- case: creating a new table needs no lock timeout
-- config: +missing-lock-timeout
-- near: missing-lock-timeout
-- expect: none
CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body jsonb NOT NULL);

-- case: BEGIN inside BEGIN
-- expect: transaction-nesting
BEGIN;
ALTER TABLE users ADD COLUMN a text;
BEGIN;
ALTER TABLE users ADD COLUMN b text;
COMMIT;

-- case: one transaction
-- near: transaction-nesting
-- near: ban-uncommitted-transaction
-- expect: none
BEGIN;
ALTER TABLE users ADD COLUMN a text;
COMMIT;

-- case: BEGIN without COMMIT
-- expect: ban-uncommitted-transaction
BEGIN;
ALTER TABLE users ADD COLUMN a text;

-- case: a typo in the command
-- expect: syntax-error
ALTR TABLE users ADD COLUMN a text;

-- case: an unterminated string
-- expect: syntax-error
UPDATE users SET name = 'oops WHERE id = 1;

-- case: a dollar-quoted function body holding semicolons and the word DROP TABLE
-- near: syntax-error
-- near: ban-drop-table
-- expect: none
CREATE FUNCTION cleanup() RETURNS void LANGUAGE plpgsql AS $body$
BEGIN
  -- DROP TABLE users; is only text here
  DELETE FROM sessions WHERE expires_at < now();
END;
$body$;

-- case: nested block comments hide a rename
-- near: renaming-column
-- expect: none
/* outer /* inner */ ALTER TABLE users RENAME COLUMN name TO full_name; still a comment */
SELECT 1;

-- case: strings and quoted identifiers hide keywords
-- near: ban-drop-column
-- expect: none
INSERT INTO "DROP COLUMN" (note) VALUES ('ALTER TABLE users DROP COLUMN name;');

-- case: a BEGIN ATOMIC body is one statement
-- near: syntax-error
-- expect: none
CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;

-- case: an ignore directive with a reason silences the rule
-- near: renaming-column
-- expect: none
-- tuesday:ignore renaming-column no running version reads this column any more
ALTER TABLE users RENAME COLUMN legacy TO legacy_unused;

-- case: a trailing directive applies to its own line
-- near: ban-drop-column
-- expect: none
ALTER TABLE users DROP COLUMN legacy; -- tuesday:ignore ban-drop-column removed from the code two releases ago

-- case: an ignore without a reason still ignores, and says so
-- expect: ignore-without-reason
-- tuesday:ignore ban-drop-column
ALTER TABLE users DROP COLUMN legacy;

-- case: a directive for another rule does not silence this one
-- expect: ban-drop-column
-- tuesday:ignore renaming-column wrong rule on purpose
ALTER TABLE users DROP COLUMN legacy;

-- case: Flyway-style plain SQL with several statements
-- expect: renaming-column, require-concurrent-index-creation
ALTER TABLE users ADD COLUMN full_name text;
ALTER TABLE users RENAME COLUMN name TO display_name;
CREATE INDEX users_full_name_idx ON users (full_name);
