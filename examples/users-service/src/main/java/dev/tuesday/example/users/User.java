package dev.tuesday.example.users;

/** A row of {@code users}; {@code name} is the v1 {@code name} or the v2 {@code full_name}. */
record User(long id, String name, String email) {
}
