package dev.tuesday.drill;

import static dev.tuesday.testsupport.ScreenshotColors.pixelsNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report renders in a real browser: Debian's headless Chromium shows its charts and logs no
 * console message. Runs where {@code /usr/bin/chromium} is installed (see
 * {@code bench/drill/check-report.sh}); skipped elsewhere.
 */
class ReportInBrowserTest {

    private static final Path WORK = Path.of("target", "report-in-browser");

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Chromium.installed(), "Chromium is not installed at /usr/bin/chromium");
    }

    @Test
    void showsTheChartsOfTwoMeasuredRunsWithNoConsoleMessage() throws Exception {
        List<NamedRun> runs = List.of(new NamedRun("tuesday", measure(false)), new NamedRun("naive", measure(true)));
        Path page = WORK.resolve("report.html");
        Report.write(page, runs);

        Chromium.Load load = Chromium.load(page, WORK.resolve("report.png"), WORK);

        assertThat(load.exitCode()).isZero();
        assertThat(load.consoleLines()).isEmpty();
        assertThat(load.dom()).contains("<svg class=\"timeline\" id=\"chart-0\"", "<svg class=\"timeline\" id=\"chart-1\"");
        BufferedImage png = ImageIO.read(WORK.resolve("report.png").toFile());
        assertThat(pixelsNear(png, 0x1f6feb)).as("answered/s lines drawn").isGreaterThan(1000);
        assertThat(pixelsNear(png, 0xd1242f)).as("failures drawn in red").isGreaterThan(100);
        assertThat(pixelsNear(png, 0x8250df)).as("p99 lines drawn").isGreaterThan(500);
    }

    @Test
    void theCheckSeesConsoleErrorsOnABrokenPage() throws Exception {
        Path page = WORK.resolve("broken.html");
        Files.createDirectories(WORK);
        Files.writeString(page, "<!DOCTYPE html><html><body><p>broken</p><script>console.error('broken on purpose');"
                + "notDefined();</script></body></html>");

        Chromium.Load load = Chromium.load(page, WORK.resolve("broken.png"), WORK);

        assertThat(load.consoleLines()).anySatisfy(line -> assertThat(line).contains("broken on purpose"));
        assertThat(load.consoleLines()).anySatisfy(line -> assertThat(line).contains("notDefined"));
    }

    /** Three seconds of load with a phase; when {@code broken}, the service fails and stalls in the middle. */
    private static DrillResult measure(boolean broken) throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        try (TestService service = new TestService((method, path, query, body) -> {
            if (failing.get()) {
                Thread.sleep(150);
                return new TestService.Answer(503, "");
            }
            return new TestService.Answer(200, "");
        })) {
            RunningDrill drill = Drill.configure().target(service.uri()).rate(50).duration(Duration.ofSeconds(4)).build().start();
            Thread.sleep(1000);
            try (SpanMark roll = drill.beginSpan("roll")) {
                failing.set(broken);
                Thread.sleep(1500);
                failing.set(false);
            }
            return drill.await();
        }
    }
}
