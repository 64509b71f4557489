package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code bench/soak}: a few releases of the chain under load, with a serving
 * instance killed mid-roll, a slow canary that must roll back and {@code tuesday release} itself
 * killed in its expand and recovered: no failure but the writes in flight on the killed instance,
 * and no write lost.
 */
class SoakShortTest {

    @Test
    void fiveReleasesWithAKilledInstanceAFailedCanaryAndAKilledReleaseLoseNothing() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Process soak = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "bench/soak/Soak.java", "3000", "100", "5", "2", "2s")
                .directory(root.toFile()).redirectErrorStream(true).start();
        byte[] out = soak.getInputStream().readAllBytes();
        assertThat(soak.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);

        assertThat(soak.exitValue()).as(text).isZero();
        assertThat(text).contains("soak: PASS").contains("lost 0").contains("kill -9 a serving=1")
                .contains("slow canary (aborts)=1")
                .contains("kill -9 release in expand=1").containsPattern("releases [5-9] \\(");
    }
}
