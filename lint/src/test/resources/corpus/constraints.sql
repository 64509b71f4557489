-- Corpus: constraints and domains.

-- case: a CHECK without NOT VALID scans under ACCESS EXCLUSIVE
-- expect: constraint-missing-not-valid
ALTER TABLE users ADD CONSTRAINT name_not_empty CHECK (name <> '');

-- case: a CHECK added NOT VALID
-- near: constraint-missing-not-valid
-- expect: none
ALTER TABLE users ADD CONSTRAINT name_not_empty CHECK (name <> '') NOT VALID;

-- case: a foreign key without NOT VALID
-- expect: adding-foreign-key-constraint
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);

-- case: a new column referencing an existing table
-- expect: adding-foreign-key-constraint
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);

-- case: a foreign key added NOT VALID, validated in the next migration step
-- near: adding-foreign-key-constraint
-- expect: none
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

-- case: a foreign key inside CREATE TABLE
-- near: adding-foreign-key-constraint
-- expect: none
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));

-- case: a UNIQUE constraint builds its index under ACCESS EXCLUSIVE
-- expect: disallowed-unique-constraint
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);

-- case: a new column declared UNIQUE
-- expect: disallowed-unique-constraint
ALTER TABLE users ADD COLUMN handle text UNIQUE;

-- case: UNIQUE USING INDEX built concurrently before
-- near: disallowed-unique-constraint
-- expect: none
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;

-- case: ADD PRIMARY KEY builds its index under ACCESS EXCLUSIVE
-- expect: adding-primary-key-constraint
ALTER TABLE events ADD PRIMARY KEY (id);

-- case: ADD PRIMARY KEY USING INDEX
-- near: adding-primary-key-constraint
-- expect: none
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_idx;

-- case: an exclusion constraint has no safe form
-- expect: adding-exclusion-constraint
ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);

-- case: an exclusion constraint in a new table
-- near: adding-exclusion-constraint
-- expect: none
CREATE TABLE bookings2 (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));

-- case: VALIDATE in the same transaction as the NOT VALID add
-- expect: validating-in-same-transaction
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
COMMIT;

-- case: VALIDATE after a COMMIT
-- near: validating-in-same-transaction
-- expect: none
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
COMMIT;

-- case: a domain with a CHECK
-- expect: ban-create-domain-with-constraint
CREATE DOMAIN email AS text CHECK (VALUE ~ '@');

-- case: a domain without constraint
-- near: ban-create-domain-with-constraint
-- expect: none
CREATE DOMAIN label AS text;

-- case: adding a constraint to a domain checks every column using it
-- expect: ban-alter-domain-with-add-constraint
ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE ~ '@');

-- case: adding it NOT VALID
-- near: ban-alter-domain-with-add-constraint
-- expect: none
ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (VALUE ~ '@') NOT VALID;
