-- The backfill's batches with no round trip between them, read by MigrateBench and ProfileBench:
-- a procedure walks users' key `size` rows at a time, and each batch fills full_name, updates its
-- progress row and commits, as Tuesday's batches do. `CALL walk(1000)` runs it.
CREATE TABLE progress (id int PRIMARY KEY, last_key bigint, batches bigint, rows bigint);
INSERT INTO progress VALUES (1, 0, 0, 0);
CREATE PROCEDURE walk(size int) LANGUAGE plpgsql AS $$
DECLARE last bigint := 0; ahead bigint; n bigint;
BEGIN
  LOOP
    SELECT id INTO ahead FROM users WHERE id > last ORDER BY id OFFSET size - 1 LIMIT 1;
    UPDATE users SET full_name = name WHERE id > last AND (ahead IS NULL OR id <= ahead);
    GET DIAGNOSTICS n = ROW_COUNT;
    UPDATE progress SET last_key = ahead, batches = batches + 1, rows = rows + n WHERE id = 1;
    COMMIT;
    EXIT WHEN ahead IS NULL;
    last := ahead;
  END LOOP;
END $$;
