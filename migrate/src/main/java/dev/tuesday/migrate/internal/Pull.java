package dev.tuesday.migrate.internal;

import dev.tuesday.common.NewFile;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationFileException;
import dev.tuesday.migrate.Pulled;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Writes the files of applied migrations that a folder lacks, as the history keeps them. */
public final class Pull {
    private Pull() {
    }

    /** Writes into {@code dir} each of {@code recorded} whose migration the folder does not give. */
    public static Pulled into(Path dir, List<StateStore.RecordedFile> recorded) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MigrationFileException(String.valueOf(dir), "", 0, 0, "cannot create the folder: " + e, e);
        }
        Set<String> present = MigrationFile.readAll(dir).stream().map(Migration::name).collect(Collectors.toSet());
        List<Path> written = new ArrayList<>();
        List<String> withoutFile = new ArrayList<>();
        for (StateStore.RecordedFile file : recorded) {
            if (present.contains(file.name())) {
                continue;
            }
            if (file.fileName() == null || file.text() == null) {
                withoutFile.add(file.name());
                continue;
            }
            written.add(write(dir, file));
        }
        return new Pulled(written, withoutFile);
    }

    private static Path write(Path dir, StateStore.RecordedFile file) {
        String fileName = file.fileName();
        // The name comes from the database: a bare file name of a migration format, never a path.
        if (!Path.of(fileName).getFileName().toString().equals(fileName) || fileName.startsWith(".")
                || MigrationFile.Format.of(fileName) == null) {
            throw new MigrationFileException(fileName, "", "the history names migration \"" + file.name()
                    + "\"'s file so, which is not a migration file name: not written");
        }
        Migration parsed = MigrationFile.parse(file.text(), fileName, MigrationFile.Format.of(fileName));
        if (!parsed.name().equals(file.name())) {
            throw new MigrationFileException(fileName, "", "the history's file of migration \"" + file.name()
                    + "\" reads as migration \"" + parsed.name() + "\": not written");
        }
        Path target = dir.resolve(fileName);
        try {
            NewFile.write(target, file.text());
        } catch (FileAlreadyExistsException e) {
            throw new MigrationFileException(fileName, "", "migration \"" + file.name() + "\" is missing from " + dir
                    + " but " + target + " exists (another migration's file?): move it, then pull again");
        } catch (IOException e) {
            throw new MigrationFileException(fileName, "", 0, 0, "cannot write " + target + ": " + e, e);
        }
        return target;
    }
}
