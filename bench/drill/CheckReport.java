import static dev.tuesday.testsupport.ScreenshotColors.pixelsNear;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Loads a drill report in Debian's headless Chromium and checks it: the page loads, its DOM holds
 * the timeline charts, the screenshot shows the chart's lines, and the console stays silent.
 * Usage: java -cp CLASSPATH CheckReport.java REPORT.html WORK_DIR, the classpath holding test-support
 * (as check-report.sh gives it). Exit 0 when all hold, 1 otherwise.
 */
public class CheckReport {

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(work);
        Path png = work.resolve("report.png");
        List<String> command = List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + work.resolve("profile"), "--enable-logging=stderr", "--v=1",
                "--screenshot=" + png, "--dump-dom", "--window-size=1100,1500", report.toUri().toString());
        Process p = new ProcessBuilder(command).redirectOutput(work.resolve("dom.html").toFile())
                .redirectError(work.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        List<String> problems = new ArrayList<>();
        if (p.exitValue() != 0) {
            problems.add("chromium exited with " + p.exitValue() + " (see " + work.resolve("chromium.log") + ")");
        }
        List<String> console = Files.readAllLines(work.resolve("chromium.log")).stream().filter(l -> l.contains(":CONSOLE")).toList();
        console.forEach(l -> problems.add("console: " + l));
        String dom = Files.readString(work.resolve("dom.html"));
        long charts = dom.split("<svg class=\"timeline\"", -1).length - 1;
        if (charts == 0) {
            problems.add("the DOM holds no timeline chart");
        }
        long blue = 0, red = 0, purple = 0;
        if (Files.exists(png)) {
            BufferedImage image = ImageIO.read(png.toFile());
            blue = pixelsNear(image, 0x1f6feb);
            red = pixelsNear(image, 0xd1242f);
            purple = pixelsNear(image, 0x8250df);
            if (blue < 500 || purple < 300) {
                problems.add("the screenshot shows too little of the chart lines (answered " + blue + " px, p99 " + purple + " px)");
            }
        } else {
            problems.add("no screenshot was written");
        }
        System.out.println("report:      " + report);
        System.out.println("screenshot:  " + png);
        System.out.println("charts in DOM: " + charts + "; chart pixels: answered/s " + blue + ", failures " + red + ", p99 " + purple
                + "; console lines: " + console.size());
        if (!problems.isEmpty()) {
            problems.forEach(pr -> System.out.println("FAIL " + pr));
            System.exit(1);
        }
        System.out.println("OK: the report renders with its charts and no console message");
    }

    static void fail(String message) {
        System.out.println("FAIL " + message);
        System.exit(1);
    }
}
