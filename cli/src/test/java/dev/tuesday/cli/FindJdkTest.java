package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/find-jdk.sh}, which {@code ./tuesday} and {@code ./mvnw} source: a JDK's version
 * comes from its {@code release} file, and JAVA_HOME is taken only when it is 21 or newer.
 */
class FindJdkTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "find-jdk.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void javaHomeIsTakenWhenItsReleaseFileSays21OrNewer() throws Exception {
        Path jdk = fakeJdk("jdk-21", "JAVA_VERSION=\"21.0.3\"");
        assertThat(find(jdk)).isEqualTo(jdk.toString());
    }

    @Test
    void theVersionIsReadWithoutQuotesAndWithoutATrailingNewline() throws Exception {
        Path jdk = fakeJdk("jdk-25", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=25");
        assertThat(find(jdk)).isEqualTo(jdk.toString());
    }

    @Test
    void anOlderJavaHomeIsPassedOver() throws Exception {
        Path jdk = fakeJdk("jdk-17", "JAVA_VERSION=\"17.0.15\"\n");
        assertThat(find(jdk)).isNotEqualTo(jdk.toString());
    }

    /** A folder with a release file and an executable bin/javac, as find-jdk.sh checks. */
    private Path fakeJdk(String name, String release) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), release);
        Path javac = Files.writeString(home.resolve("bin/javac"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(javac, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static String find(Path javaHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", ". \"$0\" && tuesday_find_jdk", SCRIPT.toString());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }
}
