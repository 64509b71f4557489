package dev.tuesday.release;

/**
 * The release's migration, in its three phases. {@link MigratorSchemaChange} runs a pgroll-format
 * file with Tuesday's migrator; {@link #NONE} is a release without schema change.
 */
public interface SchemaChange {

    /** No schema change: every phase does nothing. */
    SchemaChange NONE = new SchemaChange() {
        @Override
        public String describe() {
            return "no migration";
        }

        @Override
        public String newVersionSchema() {
            return "";
        }

        @Override
        public void expand() {
        }

        @Override
        public void contract() {
        }

        @Override
        public void rollback() {
        }
    };

    /** One line for dry runs and progress: the file and what it creates. */
    String describe();

    /** The version schema the new version's instances use once {@link #expand()} ran. */
    String newVersionSchema();

    /** Starts the migration: the new shape beside the old, the new version schema, the sync triggers. */
    void expand();

    /** Completes the migration, once no old instance is left. */
    void contract();

    /** Undoes {@link #expand()}; the old version keeps every row written through either version. */
    void rollback();
}
