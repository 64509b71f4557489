/**
 * How the migrator works inside: planning, the engine, the backfill, the state it keeps. Not API:
 * it changes without notice between versions. Use {@link dev.tuesday.migrate.Migrator}.
 *
 * <p>The classes are public only because the operation records ({@code dev.tuesday.migrate.op})
 * plan through them; a {@code module-info} would hide them, but Jackson binds these records by
 * reflection and the tests run on the class path, so the boundary is this notice.
 */
package dev.tuesday.migrate.internal;
