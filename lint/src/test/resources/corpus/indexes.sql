-- Corpus: indexes and other CONCURRENTLY commands.

-- case: CREATE INDEX blocks writes
-- expect: require-concurrent-index-creation
CREATE INDEX users_email_idx ON users (email);

-- case: CREATE UNIQUE INDEX blocks writes
-- expect: require-concurrent-index-creation
CREATE UNIQUE INDEX users_email_key ON public.users USING btree (lower(email));

-- case: CREATE INDEX CONCURRENTLY IF NOT EXISTS
-- near: require-concurrent-index-creation
-- near: prefer-robust-stmts
-- expect: none
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);

-- case: an index on a table created in the same migration
-- near: require-concurrent-index-creation
-- expect: none
CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz NOT NULL);
CREATE INDEX audit_at_idx ON audit (at);

-- case: CREATE INDEX CONCURRENTLY without IF NOT EXISTS
-- expect: prefer-robust-stmts
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);

-- case: DROP INDEX takes ACCESS EXCLUSIVE
-- expect: require-concurrent-index-deletion
DROP INDEX users_email_idx;

-- case: DROP INDEX CONCURRENTLY IF EXISTS
-- near: require-concurrent-index-deletion
-- expect: none
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;

-- case: DROP INDEX CONCURRENTLY without IF EXISTS
-- expect: prefer-robust-stmts
DROP INDEX CONCURRENTLY users_email_idx;

-- case: CONCURRENTLY inside BEGIN fails
-- expect: ban-concurrent-index-creation-in-transaction
BEGIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
COMMIT;

-- case: CONCURRENTLY in a Liquibase changeset that runs in a transaction
-- expect: ban-concurrent-index-creation-in-transaction
--liquibase formatted sql
--changeset ann:1
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);

-- case: the same changeset with runInTransaction:false
-- near: ban-concurrent-index-creation-in-transaction
-- expect: none
--liquibase formatted sql
--changeset ann:1 runInTransaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
--rollback DROP INDEX users_email_idx;

-- case: REINDEX blocks writes
-- expect: require-concurrent-reindex
REINDEX INDEX users_email_idx;

-- case: REINDEX CONCURRENTLY
-- near: require-concurrent-reindex
-- expect: none
REINDEX INDEX CONCURRENTLY users_email_idx;

-- case: DETACH PARTITION takes ACCESS EXCLUSIVE on the parent
-- expect: require-concurrent-partition-detach
ALTER TABLE measurements DETACH PARTITION measurements_2024;

-- case: DETACH PARTITION CONCURRENTLY
-- near: require-concurrent-partition-detach
-- expect: none
ALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY;

-- case: an index over four columns
-- expect: index-too-many-columns
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_lookup_idx ON orders (user_id, status, created_at, total);

-- case: a unique index over four columns is a constraint, not a lookup
-- near: index-too-many-columns
-- expect: none
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_natural_key ON orders (user_id, status, created_at, total);
