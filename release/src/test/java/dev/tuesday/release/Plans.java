package dev.tuesday.release;

import dev.tuesday.release.plan.ReleasePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plan files for tests, written into a folder and read back through {@link ReleasePlan#read}. */
final class Plans {
    private Plans() {
    }

    /** Writes {@code yaml} as {@code release.yaml} in {@code dir} and returns the path. */
    static Path write(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("release.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plan v1 x{@code instances} -> v2 x{@code instances} on fakes, quick timings, with {@code strategy}. */
    static ReleasePlan fake(Path dir, int instances, String strategy, String extra) {
        return ReleasePlan.read(write(dir, """
                from: { version: v1, command: [fake], instances: %d, schema: public_01_create_users }
                to: { version: v2, command: [fake], instances: %d, schema: public_02_full_name }
                readiness: { deadline: 300ms, poll: 10ms }
                drain: { timeout: 1s, grace: 1s }
                strategy: %s
                %s
                """.formatted(instances, instances, strategy, extra)));
    }
}
