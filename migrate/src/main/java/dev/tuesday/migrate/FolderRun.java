package dev.tuesday.migrate;

/**
 * How {@link Migrator#migrate(java.nio.file.Path, FolderRun)} applies a folder.
 *
 * @param completeLast complete the last migration too; by default it is left active, so the
 *                     version running now keeps its schema until the next deploy completes it
 * @param expectOne    refuse, before any change, unless exactly one migration of the folder is
 *                     pending: for a deploy that carries one schema change
 */
public record FolderRun(boolean completeLast, boolean expectOne) {
    /** Each pending migration started, all but the last completed; any number of them. */
    public static final FolderRun DEPLOY = new FolderRun(false, false);
    /** Each pending migration started and completed: for a database no old version uses. */
    public static final FolderRun COMPLETE_ALL = new FolderRun(true, false);
}
