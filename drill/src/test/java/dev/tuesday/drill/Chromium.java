package dev.tuesday.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run on a local HTML file: a screenshot, the DOM after load, and
 * whatever the page wrote to its console (any console line is a failure for a page without
 * script).
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    /** What one page load gave. */
    record Load(int exitCode, String dom, List<String> consoleLines) {
    }

    private Chromium() {
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Loads {@code page}, saves a screenshot to {@code png}, and returns the DOM and console lines. */
    static Load load(Path page, Path png, Path work) throws IOException, InterruptedException {
        String url = page.toAbsolutePath().toUri().toString();
        Run run = run(work, png.getFileName().toString().replace(".png", ""),
                "--screenshot=" + png.toAbsolutePath(), "--dump-dom", "--window-size=1100,1500", url);
        return new Load(run.exit(), run.stdout(), run.console());
    }

    private record Run(int exit, String stdout, List<String> console) {
    }

    private static Run run(Path work, String name, String... args) throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + work.resolve("profile-" + name).toAbsolutePath(),
                "--enable-logging=stderr", "--v=1"));
        command.addAll(List.of(args));
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 90 s: " + String.join(" ", command));
        }
        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(":CONSOLE")).toList();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), console);
    }
}
