package dev.tuesday.cli.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the demo finds the example service and its migrations: in the Tuesday checkout the
 * running command comes from ({@code cli/target/tuesday.jar} → the folder holding
 * {@code examples/users-service}).
 *
 * @param serviceJar the runnable users-service jar
 * @param migrations the folder of the running example's migrations
 */
record DemoFiles(Path serviceJar, Path migrations) {

    static DemoFiles locate() {
        Path root = checkoutRoot();
        Path jar = root.resolve("examples/users-service/target/users-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the demo needs " + jar + ": build it with ./mvnw -q -DskipTests package"
                    + " (./tuesday does so by itself)");
        }
        return new DemoFiles(jar, root.resolve("examples/users-service/migrations"));
    }

    private static Path checkoutRoot() {
        Path start;
        try {
            start = Path.of(DemoFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where tuesday runs from: " + e.getMessage(), e);
        }
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/users-service/migrations"))) {
                return p;
            }
        }
        throw new IllegalStateException("the demo runs from a Tuesday checkout (examples/users-service not found above "
                + start + ")");
    }

    /** The command that starts one users-service instance with this JVM's java. */
    String serviceCommandYaml() {
        return "['" + javaBinary() + "', '-Xmx128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', '"
                + serviceJar + "']";
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
