package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report and the JSON summary, from results made by hand. */
class ReportTest {

    private final List<NamedRun> runs = List.of(new NamedRun("tuesday", Runs.sample(0, 0)),
            new NamedRun("naive", Runs.sample(8, 11)));

    @Test
    void drawsOneTimelinePerRunWithThePhasesShaded() {
        String html = Report.render(runs);

        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(count(html, "<svg class=\"timeline\"")).isEqualTo(2);
        assertThat(count(html, "<g class=\"phase\">")).isEqualTo(6);
        assertThat(html).contains(">expand</text>", ">roll</text>", ">contract</text>");
        assertThat(count(html, "class=\"series-answered\"")).isEqualTo(2);
        assertThat(count(html, "class=\"series-p99\"")).isEqualTo(2);
        assertThat(html).as("three seconds of failures drawn as red bars in the naive run")
                .containsPattern("(?s)<g class=\"failures\"[^>]*></g>.*<g class=\"failures\"[^>]*>(<rect[^>]*/>){3}</g>");
    }

    @Test
    void comparesTheVerdictsSideBySide() {
        String html = Report.render(runs);

        assertThat(html).contains("<th>tuesday</th><th>naive</th>");
        assertThat(html).contains("<tr><th>failed</th><td class=\"good\">0</td><td class=\"bad\">120</td></tr>");
        assertThat(html).contains("<tr><th>lost writes</th><td class=\"good\">0</td><td class=\"bad\">3</td></tr>");
        assertThat(html).contains("<td>900.0 ms</td>".replace("900.0", "900"));
        assertThat(html).contains("status 500");
    }

    @Test
    void isSelfContained() {
        String html = Report.render(runs);

        assertThat(html).doesNotContain("<script", "<link", " src=", "@import", "url(", "<iframe", "<img");
        assertThat(html.replace("http://www.w3.org/2000/svg", "").replace("http://127.0.0.1:8080", ""))
                .doesNotContain("http://", "https://");
    }

    @Test
    void escapesNamesThatLookLikeMarkup() {
        DrillResult r = Runs.sample(0, 0);
        String html = Report.render(List.of(new NamedRun("<b>bold</b> & co", r)));

        assertThat(html).contains("&lt;b&gt;bold&lt;/b&gt; &amp; co").doesNotContain("<b>bold</b>");
    }

    @Test
    void refusesNoRunsAndTwoRunsOfTheSameName() {
        assertThatThrownBy(() -> Report.render(List.of())).hasMessageContaining("at least one run");
        assertThatThrownBy(() -> Report.render(List.of(runs.get(0), runs.get(0))))
                .hasMessageContaining("two runs are named 'tuesday'");
    }

    @Test
    void writesTheReportAndTheSummaryToFiles(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("out/report.html");
        Path json = dir.resolve("out/summary.json");
        Report.write(html, runs);
        SummaryJson.write(json, runs);

        assertThat(Files.readString(html)).contains("<svg class=\"timeline\"");
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertThat(summary.fieldNames()).toIterable().containsExactly("tuesday", "naive");
        assertThat(summary.at("/tuesday/failed").asLong()).isZero();
        assertThat(summary.at("/naive/failed").asLong()).isEqualTo(120);
        assertThat(summary.at("/naive/requests").asLong()).isEqualTo(2000);
        assertThat(summary.at("/naive/p50").asDouble()).isEqualTo(2.0);
        assertThat(summary.at("/naive/p99").asDouble()).isEqualTo(900.0);
        assertThat(summary.at("/naive/max").asDouble()).isEqualTo(1100.0);
        assertThat(summary.at("/naive/failed_by_kind/5xx").asLong()).isEqualTo(120);
        assertThat(summary.at("/naive/lost_writes").asLong()).isEqualTo(3);
    }

    @Test
    void namesTheFileItCannotWrite(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> Report.write(blocker.resolve("report.html"), runs))
                .hasMessageStartingWith("cannot write the report " + blocker.resolve("report.html"));
    }

    @Test
    void printsTheVerdictsAsATextTable() {
        String table = VerdictText.table(runs);

        assertThat(table).containsPattern("(?m)^failed +0 +120$");
        assertThat(table).containsPattern("(?m)^  5xx +0 +120$");
        assertThat(table).containsPattern("(?m)^lost writes +0 +3$");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
