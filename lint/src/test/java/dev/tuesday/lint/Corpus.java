package dev.tuesday.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The statements of {@code src/test/resources/corpus}, read as cases. A case starts with
 * {@code -- case: title} and may say {@code -- expect: rule, rule} (or {@code none}),
 * {@code -- near: rule} (the case is a near miss of that rule), {@code -- postgres: N},
 * {@code -- config: +rule,-rule}, {@code -- measured} and {@code -- setup: SQL}.
 */
record Corpus(List<Case> cases) {

    record Case(String file, int line, String title, String sql, Set<String> expected, Set<String> nearMisses,
            int postgres, List<String> config, boolean measured, String setup) {}

    static Corpus load() {
        try {
            Path dir = Path.of(Corpus.class.getResource("/corpus").toURI());
            List<Case> cases = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    cases.addAll(read(f));
                }
            }
            return new Corpus(cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Case> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Case> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (!lines.get(i).startsWith("-- case:")) {
                i++;
                continue;
            }
            int start = i;
            String title = lines.get(i).substring(8).strip();
            Set<String> expected = new LinkedHashSet<>();
            Set<String> near = new LinkedHashSet<>();
            List<String> config = new ArrayList<>();
            StringBuilder setup = new StringBuilder();
            int postgres = 18;
            boolean measured = false;
            StringBuilder sql = new StringBuilder();
            i++;
            while (i < lines.size() && !lines.get(i).startsWith("-- case:")) {
                String l = lines.get(i);
                if (l.startsWith("-- expect:")) {
                    for (String r : l.substring(10).split(",")) {
                        if (!r.isBlank() && !r.strip().equals("none")) {
                            expected.add(r.strip());
                        }
                    }
                    l = "";
                } else if (l.startsWith("-- near:")) {
                    near.add(l.substring(8).strip());
                    l = "";
                } else if (l.startsWith("-- postgres:")) {
                    postgres = Integer.parseInt(l.substring(12).strip());
                    l = "";
                } else if (l.startsWith("-- config:")) {
                    config.addAll(List.of(l.substring(10).strip().split(",")));
                    l = "";
                } else if (l.strip().equals("-- measured")) {
                    measured = true;
                    l = "";
                } else if (l.startsWith("-- setup:")) {
                    setup.append(l.substring(9)).append('\n');
                    l = "";
                }
                sql.append(l).append('\n');
                i++;
            }
            out.add(new Case(file.getFileName().toString(), start + 1, title, sql.toString(), expected, near, postgres,
                    config, measured, setup.isEmpty() ? null : setup.toString()));
        }
        return out;
    }
}
