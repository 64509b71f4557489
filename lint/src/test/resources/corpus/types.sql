-- Corpus: types, names and enums.

-- case: char(n)
-- expect: ban-char-field
CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);

-- case: text with a length check
-- near: ban-char-field
-- near: prefer-text-field
-- expect: none
CREATE TABLE countries (code text PRIMARY KEY CHECK (char_length(code) = 2), name text NOT NULL);

-- case: varchar(n)
-- expect: prefer-text-field
ALTER TABLE users ADD COLUMN nickname varchar(40);

-- case: varchar without a length is text
-- near: prefer-text-field
-- expect: none
ALTER TABLE users ADD COLUMN nickname varchar;

-- case: an integer primary key
-- expect: prefer-bigint-over-int
CREATE TABLE widgets (id integer PRIMARY KEY, name text);

-- case: an integer foreign key column
-- expect: prefer-bigint-over-int
ALTER TABLE orders ADD COLUMN shop_id int;

-- case: an integer that is not an id
-- near: prefer-bigint-over-int
-- expect: none
ALTER TABLE orders ADD COLUMN quantity integer;

-- case: a smallint id
-- expect: prefer-bigint-over-smallint
CREATE TABLE levels (id smallint PRIMARY KEY, label text);

-- case: a smallint that is not an id
-- near: prefer-bigint-over-smallint
-- expect: none
ALTER TABLE orders ADD COLUMN priority smallint;

-- case: bigserial
-- expect: prefer-identity
CREATE TABLE notes (id bigserial PRIMARY KEY, body text);

-- case: an identity column
-- near: prefer-identity
-- expect: none
CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);

-- case: timestamp without time zone
-- expect: prefer-timestamptz
CREATE TABLE logins (user_id bigint NOT NULL, at timestamp NOT NULL);

-- case: timestamp(3) without time zone, spelled out
-- expect: prefer-timestamptz
ALTER TABLE users ADD COLUMN deleted_at timestamp(3) without time zone;

-- case: timestamptz
-- near: prefer-timestamptz
-- expect: none
ALTER TABLE users ADD COLUMN deleted_at timestamp with time zone;

-- case: json
-- expect: prefer-jsonb
ALTER TABLE users ADD COLUMN settings json;

-- case: jsonb
-- near: prefer-jsonb
-- expect: none
ALTER TABLE users ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';

-- case: an identifier over 63 bytes
-- expect: identifier-too-long
CREATE TABLE this_table_name_is_far_too_long_for_postgres_which_cuts_at_63_bytes (id bigint);

-- case: a long name within 63 bytes
-- near: identifier-too-long
-- expect: none
CREATE TABLE this_table_name_is_long_but_fits_in_sixty_three_bytes_exactly (id bigint);

-- case: ADD VALUE without position
-- expect: require-enum-value-ordering, missing-lock-timeout
ALTER TYPE order_status ADD VALUE 'refunded';

-- case: ADD VALUE AFTER
-- near: require-enum-value-ordering
-- expect: none
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';

-- case: renaming an enum value
-- expect: renaming-enum-value
ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';

-- case: renaming an enum type's attribute is a rename of another kind
-- near: renaming-enum-value
-- expect: renaming-object
ALTER TYPE address RENAME ATTRIBUTE zip TO postcode;

-- case: a table without its schema, rule switched on
-- config: +require-table-schema
-- expect: require-table-schema
CREATE TABLE plans (id bigint PRIMARY KEY);

-- case: a table with its schema
-- config: +require-table-schema
-- near: require-table-schema
-- expect: none
CREATE TABLE billing.plans (id bigint PRIMARY KEY);
