package dev.tuesday.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The running example's two migrations as the files a user writes in a folder:
 * {@code 01_create_users.yaml} (users: an identity key {@code id} and a nullable {@code name}) and
 * {@code 02_full_name.yaml} (name renamed to full_name). The migrate library's tests and the
 * {@code tuesday migrate} command's tests run the same folder.
 */
public final class RunningExampleFiles {

    private RunningExampleFiles() {
    }

    /** Writes {@code 01_create_users.yaml} into {@code dir} and returns it. */
    public static Path createUsers(Path dir) throws IOException {
        return Files.writeString(dir.resolve("01_create_users.yaml"), """
                operations:
                  - create_table:
                      name: users
                      columns:
                        - {name: id, type: bigint, pk: true, generated: {identity: {user_specified_values: BY DEFAULT}}}
                        - {name: name, type: text, nullable: true}
                """);
    }

    /** Writes {@code 02_full_name.yaml} into {@code dir} and returns it. */
    public static Path renameName(Path dir) throws IOException {
        return Files.writeString(dir.resolve("02_full_name.yaml"), """
                operations:
                  - rename_column: {table: users, from: name, to: full_name}
                """);
    }

    /** Writes both files into {@code dir}. */
    public static void writeBoth(Path dir) throws IOException {
        createUsers(dir);
        renameName(dir);
    }
}
