package dev.tuesday.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Migrator#pull(Path)} did.
 *
 * @param written     the files it wrote, oldest migration first
 * @param withoutFile applied migrations the folder lacks whose file the history does not hold
 *                    (started by a Tuesday that did not keep files, or built in code)
 */
public record Pulled(List<Path> written, List<String> withoutFile) {
    public Pulled {
        written = List.copyOf(written);
        withoutFile = List.copyOf(withoutFile);
    }
}
