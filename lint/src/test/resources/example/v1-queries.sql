-- What users-service v1 executes.
SELECT name FROM users WHERE id = $1
INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id
UPDATE users SET email = $2 WHERE id = $1
