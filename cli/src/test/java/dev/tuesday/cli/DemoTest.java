package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job, as a user runs it: {@code tuesday demo --quick}. Tuesday's release must lose
 * nothing; the naive one must visibly fail requests; the report must be one self-contained file.
 */
class DemoTest {

    @TempDir
    Path dir;

    @Test
    void quickDemoShowsZeroFailuresForTuesdayAndSomeForTheNaiveRelease() throws Exception {
        Path report = dir.resolve("demo.html");
        Path summary = dir.resolve("summary.json");

        var r = TuesdayCommandTest.run("demo", "--quick", "--report", report.toString(), "--summary-json", summary.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertThat(json.get("tuesday").get("requests").asLong()).isGreaterThan(200);
        assertThat(json.get("tuesday").get("failed").asLong()).as(r.out()).isZero();
        assertThat(json.get("tuesday").get("rows_written").asLong()).isPositive();
        assertThat(json.get("tuesday").get("lost_writes").asLong()).isZero();
        assertThat(json.get("naive").get("failed").asLong()).as(r.out()).isPositive();
        String html = Files.readString(report);
        assertThat(html).contains("<svg").contains("tuesday").contains("naive")
                .doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("@import");
    }
}
